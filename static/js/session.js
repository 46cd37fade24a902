/*
 * The idle warning: a dialog a few minutes before the session ends, which lets the user stay logged in.
 *
 * The server ends a session after SESSION_COOKIE_AGE seconds without a request, and at the latest
 * SESSION_ABSOLUT_SEKUNDER after login. The page (konto/_session_advarsel.html) carries those timings as
 * data attributes. Every page load, and every "Bliv logget ind", is written to localStorage, so a page
 * left open in one tab does not warn while the user works in another.
 *
 * - "Bliv logget ind" (or Escape) posts to the extend endpoint and closes the dialog.
 * - When the time is up the page posts to the expired endpoint, which logs out and says why.
 * - When it is the 12-hour limit that is near, nothing can extend it: the dialog says so and offers OK.
 *
 * Accessibility: role="dialog" with a label and a description, the rest of the page inert while it is open
 * (DKFDS's modal), focus moves to the dialog's first button and goes back where it was on close, and a polite
 * live region announces the last minute.
 */
(function () {
    "use strict";

    var dialog = document.getElementById("session-advarsel");
    if (!dialog || !window.DKFDS || !window.DKFDS.Modal) {
        return;
    }

    var NOEGLE = "forebyggelse.sessionAktivitet";
    var udloeberOm = parseInt(dialog.getAttribute("data-udloeber-om"), 10) * 1000;
    var advarselFoer = parseInt(dialog.getAttribute("data-advarsel-foer"), 10) * 1000;
    var absolutSlut = Date.now() + parseInt(dialog.getAttribute("data-absolut-om"), 10) * 1000;

    var modal = new window.DKFDS.Modal(dialog);
    var inaktivDel = dialog.querySelector(".js-session-inaktiv");
    var absolutDel = dialog.querySelector(".js-session-absolut");
    var forlaengForm = dialog.querySelector(".js-session-forlaeng");
    var okKnap = dialog.querySelector(".js-session-ok");
    var status = dialog.querySelector(".js-session-status");
    var udloebetForm = document.querySelector(".js-session-udloebet");

    var aaben = false;
    var absolutKvitteret = false;
    var sidstAnnonceret = null;
    var foer = null;
    var lokalAktivitet = Date.now();
    var ur = null;

    function registrerAktivitet() {
        lokalAktivitet = Date.now();
        try {
            window.localStorage.setItem(NOEGLE, String(lokalAktivitet));
        } catch (e) {
            // Private browsing may refuse storage; this tab then counts on its own.
        }
    }

    function sidsteAktivitet() {
        var gemt = 0;
        try {
            gemt = parseInt(window.localStorage.getItem(NOEGLE) || "0", 10) || 0;
        } catch (e) {
            gemt = 0;
        }
        return Math.max(gemt, lokalAktivitet);
    }

    function toCifre(tal) {
        return (tal < 10 ? "0" : "") + tal;
    }

    function klokken(ms) {
        var tid = new Date(ms);
        return "kl. " + toCifre(tid.getHours()) + "." + toCifre(tid.getMinutes());
    }

    function restTekst(rest) {
        var minutter = Math.ceil(rest / 60000);
        if (rest < 60000) {
            return "om under et minut";
        }
        return minutter === 1 ? "om 1 minut" : "om " + minutter + " minutter";
    }

    function visDel(absolut) {
        inaktivDel.hidden = absolut;
        absolutDel.hidden = !absolut;
        forlaengForm.hidden = absolut;
        okKnap.hidden = !absolut;
        var del = absolut ? "absolut" : "inaktiv";
        dialog.setAttribute("aria-labelledby", "session-" + del + "-titel");
        dialog.setAttribute("aria-describedby", "session-" + del + "-tekst");
    }

    function opdaterTekst(slut, rest) {
        var del = absolutDel.hidden ? inaktivDel : absolutDel;
        del.querySelector(".js-session-klokken").textContent = klokken(slut);
        del.querySelector(".js-session-rest").textContent = ", " + restTekst(rest);
        var annonce = rest <= 60000 ? "Du bliver logget ud om under et minut." : "";
        if (annonce && annonce !== sidstAnnonceret) {
            status.textContent = annonce;
        }
        sidstAnnonceret = annonce;
    }

    function aabn(absolut, slut, rest) {
        foer = document.activeElement;
        visDel(absolut);
        opdaterTekst(slut, rest);
        modal.show();
        aaben = true;
        (absolut ? okKnap : forlaengForm.querySelector("button")).focus();
    }

    function luk() {
        modal.hide();
        aaben = false;
        status.textContent = "";
        sidstAnnonceret = null;
        if (foer && document.body.contains(foer) && typeof foer.focus === "function") {
            foer.focus();
        }
        foer = null;
    }

    function udloebet() {
        window.clearInterval(ur);
        udloebetForm.submit();
    }

    function tik() {
        var inaktivSlut = sidsteAktivitet() + udloeberOm;
        var absolut = absolutSlut <= inaktivSlut;
        var slut = Math.min(inaktivSlut, absolutSlut);
        var rest = slut - Date.now();
        if (rest <= 0) {
            udloebet();
        } else if (rest <= advarselFoer) {
            if (!aaben && !(absolut && absolutKvitteret)) {
                aabn(absolut, slut, rest);
            } else if (aaben) {
                opdaterTekst(slut, rest);
            }
        } else if (aaben) {
            // Another tab kept the session alive.
            luk();
        }
    }

    function forlaeng(event) {
        event.preventDefault();
        window
            .fetch(forlaengForm.action, {
                method: "POST",
                body: new window.FormData(forlaengForm),
                credentials: "same-origin",
                redirect: "manual",
                headers: { Accept: "application/json" },
            })
            .then(function (svar) {
                if (!svar.ok) {
                    throw new Error("Sessionen kunne ikke forlænges");
                }
                return svar.json();
            })
            .then(function (data) {
                registrerAktivitet();
                udloeberOm = data.udloeber_om * 1000;
                absolutSlut = Date.now() + data.absolut_om * 1000;
                luk();
            })
            .catch(udloebet);
    }

    forlaengForm.addEventListener("submit", forlaeng);
    okKnap.addEventListener("click", function () {
        absolutKvitteret = true;
        luk();
    });
    dialog.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && aaben) {
            event.preventDefault();
            if (forlaengForm.hidden) {
                okKnap.click();
            } else {
                forlaengForm.requestSubmit();
            }
        }
    });

    registrerAktivitet();
    ur = window.setInterval(tik, 1000);
})();
