/*
 * A background job's page: asks the server how far the job has come every 1½ second and moves the
 * progress bar. When the job is done or has failed, the page reloads, so the server shows the link to the
 * result or the reason and the "Prøv igen" button.
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

    function spoerg() {
        fetch(boks.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then(function (svar) { return svar.json(); })
            .then(function (job) {
                bar.value = job.fremdrift;
                bar.textContent = job.fremdrift + " %";
                status.textContent = job.status_tekst;
                trin.textContent = job.trin;
                if (job.faerdig) {
                    window.location.reload();
                } else {
                    window.setTimeout(spoerg, 1500);
                }
            })
            .catch(function () { window.setTimeout(spoerg, 5000); });
    }
    window.setTimeout(spoerg, 1000);
})();
