/*
 * A background job's page: asks the server how far the job has come every 1½ second and moves the
 * progress bar. When the job is done, the page says "Klar" and shows the link to the result at once, as the
 * server would; when it has failed, the page reloads, so the server shows the reason and the "Prøv igen" form.
 */
(function () {
    "use strict";

    var boks = document.querySelector(".baggrundsjob");
    if (!boks || boks.dataset.faerdig === "ja") {
        return;
    }
    var bar = boks.querySelector(".job-fremdrift");
    var status = boks.querySelector(".js-job-status");
    var trin = boks.querySelector(".js-job-trin");
    var resultat = boks.querySelector(".js-job-resultat");

    function vis_resultat(job) {
        var indhold;
        if (job.resultat_url) {
            indhold = document.createElement("a");
            indhold.className = "button button-primary";
            indhold.href = job.resultat_url;
            indhold.textContent = job.resultat_tekst || "Se resultatet";
        } else {
            indhold = document.createTextNode(job.resultat_tekst || "Klar.");
        }
        resultat.replaceChildren(indhold);
        resultat.hidden = false;
        trin.textContent = "";
        boks.dataset.faerdig = "ja";
    }

    function spoerg() {
        fetch(boks.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then(function (svar) { return svar.json(); })
            .then(function (job) {
                bar.value = job.fremdrift;
                bar.textContent = job.fremdrift + " %";
                status.textContent = job.status_tekst;
                trin.textContent = job.trin;
                if (job.status === "faerdig") {
                    vis_resultat(job);
                } else if (job.faerdig) {
                    window.location.reload();
                } else {
                    window.setTimeout(spoerg, 1500);
                }
            })
            .catch(function () { window.setTimeout(spoerg, 5000); });
    }
    window.setTimeout(spoerg, 1000);
})();
