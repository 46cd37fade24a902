/*
 * Forebyggelsesportalen: start Det Fælles Designsystem (dkfds 11) on every page.
 *
 * DKFDS.init() (from static/dkfds/js/dkfds.min.js, loaded just before this file) wires up
 * every component in the page: the mobile menu (Navigation), accordions, alerts with a close
 * button, the character limit on fields inside .form-limit, the error summary
 * ([data-module="error-summary"]: focuses it and moves focus to the field when a link is
 * clicked), tabs, tooltips, modals and so on.
 *
 * No inline script anywhere (strict Content-Security-Policy): page-specific code goes in its own
 * file under static/js/ and is loaded in the template's {% block ekstra_js %}.
 */
(function () {
    "use strict";

    function start() {
        if (typeof window.DKFDS === "undefined" || typeof window.DKFDS.init !== "function") {
            return;
        }
        window.DKFDS.init();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
