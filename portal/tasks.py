"""The weekly e-mail of each user's tasks (Mine opgaver), Monday morning, as a background job on the job page."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone
from procrastinate.contrib.django import app

from evaluering.jobs import Fremdrift, Resultat, baggrundsjob_koer_nu, opgave
from evaluering.models import Baggrundsjob
from forebyggelse.formatering import dansk_tid, dato
from forebyggelse.opgaver import Opgave
from konto.selectors import modtagere_af_ugentlig_oversigt
from konto.services import ugentlig_oversigt_noter
from portal.opgaver import opgaver_for

OPGAVE = "portal.ugentlig_oversigt"


def oversigtstekst(opgaver: list[Opgave], *, i_dag: date) -> str:
    linjer = ["Det her venter på dig i Forebyggelsesportalen:", ""]
    for o in opgaver:
        frist = f" (frist {o.frist_tekst}{', forsinket' if o.forsinket(i_dag) else ''})" if o.frist else ""
        linjer.append(f"- {o.titel}{frist}")
        linjer.append(f"  {settings.PORTAL_URL}{o.url}")
    linjer += ["", f"Du kan slå den ugentlige e-mail fra under Min konto: {settings.PORTAL_URL}/konto/"]
    return "\n".join(linjer)


@opgave(OPGAVE)
def ugentlig_oversigt(*, job: Baggrundsjob, fremdrift: Fremdrift, uge: str) -> Resultat:
    """One e-mail per user with something to do; a user with nothing to do gets none. Each user sent to is noted
    for the week, so a rerun (a retried job) sends to the rest only."""
    mandag = date.fromisoformat(uge)
    modtagere = list(modtagere_af_ugentlig_oversigt(mandag))
    sendt = 0
    with mail.get_connection() as forbindelse:
        for nr, bruger in enumerate(modtagere, start=1):
            opgaver = opgaver_for(bruger, siden=timezone.now() - timedelta(days=7))
            if opgaver:
                mail.EmailMessage(
                    f"Dine opgaver i Forebyggelsesportalen, uge {mandag.isocalendar().week}",
                    f"{oversigtstekst(opgaver, i_dag=mandag)}\n\nVenlig hilsen\nForebyggelsesportalen",
                    settings.DEFAULT_FROM_EMAIL,
                    [bruger.email],
                    connection=forbindelse,
                ).send()
                sendt += 1
            ugentlig_oversigt_noter(bruger=bruger, uge=mandag)
            fremdrift(nr, len(modtagere), f"{nr} af {len(modtagere)} brugere gennemgået")
    return Resultat(tekst=f"{sendt} e-mails med opgaver sendt")


@app.periodic(cron="30 5 * * 1", periodic_id="ugentlig_oversigt")
@app.task(name="portal.ugentlig_oversigt", queue="baggrundsjob", pass_context=False)
def ugentlig_oversigt_hver_mandag(timestamp: int) -> None:
    """Monday 05.30 UTC; procrastinate defers one job per timestamp however many workers run."""
    dag = dansk_tid(datetime.fromtimestamp(timestamp, tz=timezone.get_default_timezone())).date()
    mandag = dag - timedelta(days=dag.weekday())
    baggrundsjob_koer_nu(
        opgave=OPGAVE,
        titel=f"Ugentlig e-mail med opgaver, ugen fra {dato(mandag)}",
        argumenter={"uge": mandag.isoformat()},
    )
