/* "Kopiér" buttons: data-kopier names the element whose text goes to the clipboard. Hidden until this script can
 * make them work (the clipboard needs a secure context); the text can always be selected and copied by hand. */
(function () {
    "use strict";
    if (!navigator.clipboard || !window.isSecureContext) {
        return;
    }
    document.querySelectorAll(".js-kopier").forEach(function (knap) {
        var kilde = document.getElementById(knap.dataset.kopier);
        var status = knap.parentElement.querySelector(".js-kopier-status");
        if (!kilde) {
            return;
        }
        knap.hidden = false;
        knap.addEventListener("click", function () {
            navigator.clipboard.writeText(kilde.textContent.trim()).then(function () {
                if (status) {
                    status.textContent = knap.dataset.kopieret;
                }
            });
        });
    });
})();
