/* A "Udskriv" button for pages with a print layout; hidden until this script can make it work. */
(function () {
    "use strict";
    document.querySelectorAll(".js-udskriv").forEach(function (knap) {
        knap.hidden = false;
        knap.addEventListener("click", function () { window.print(); });
    });
})();
