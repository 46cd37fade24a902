"""The background jobs of the evaluering app: e-mails to a meeting's participants, the daily reminders, and the
report packages (a programme's reports, data and deliveries as one ZIP).

procrastinate imports this module in every process (PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"), so the
jobs are known to the web server that queues them and to the workers that run them."""

from datetime import date, datetime

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from evaluering import ical
from evaluering.jobs import Fortsaetter, Fremdrift, JobFejl, Resultat, baggrundsjob_koer_nu, koer_baggrundsjob, opgave
from evaluering.models import Baggrundsjob, Invitationsmodtager, Moede, Moedestatus
from evaluering.selectors import Kalenderpost, modtagere_for, moedeindhold, uden_adresse
from evaluering.services.leverancer import paamindelser_send
from evaluering.services.rapporter import OPGAVE as RAPPORTPAKKE
from evaluering.services.rapporter import koer_pakkedel, pakkens_program, pakkens_resultat, rapportpakke_planlaeg
from forebyggelse import tid
from forebyggelse.formatering import dansk_tid, dato, filnavn_tid, klokkeslaet, tidspunkt
from forebyggelse.pdf import render_pdf

__all__ = ["koer_baggrundsjob", "koer_pakkedel"]


def _send_til_alle(modtagere, *, emne: str, tekst: str, vedhaeft, fremdrift: Fremdrift) -> int:
    if not modtagere:
        raise JobFejl("Ingen deltagere har en e-mailadresse i portalen, så der er ikke sendt noget.")
    with mail.get_connection() as forbindelse:
        for nr, bruger in enumerate(modtagere, start=1):
            besked = mail.EmailMessage(
                emne,
                f"{tekst}\n\nVenlig hilsen\nForebyggelsesportalen",
                settings.DEFAULT_FROM_EMAIL,
                [bruger.email],
                connection=forbindelse,
            )
            for filnavn, indhold, mimetype in vedhaeft:
                besked.attach(filnavn, indhold, mimetype)
            besked.send()
            fremdrift(nr, len(modtagere), f"{nr} af {len(modtagere)} e-mails sendt")
    return len(modtagere)


def _moedets_adresse(moede: Moede) -> str:
    return f"{settings.PORTAL_URL}{reverse('evaluering:moede', args=[moede.pk])}"


def _noter_invitation(moede: Moede, *, sendt: list, ikke_sendt: list) -> None:
    """Keep who the latest invitation went to and who could not get it, for the meeting page."""
    nu = timezone.now()

    def raekke(bruger, tidspunkt):
        return Invitationsmodtager(
            moede=moede,
            bruger=bruger,
            navn=bruger.get_full_name() or bruger.username,
            kommuner=", ".join(k.navn for k in bruger.kommuner.all()),
            email=bruger.email,
            sendt=tidspunkt,
        )

    Invitationsmodtager.objects.filter(moede=moede).delete()
    Invitationsmodtager.objects.bulk_create([raekke(b, nu) for b in sendt] + [raekke(b, None) for b in ikke_sendt])
    Moede.objects.filter(pk=moede.pk).update(invitation_sendt=nu)


@opgave("evaluering.send_invitation")
def send_invitation(*, job: Baggrundsjob, fremdrift: Fremdrift, moede_id: int) -> Resultat:
    moede = Moede.objects.select_related("program").get(pk=moede_id)
    if moede.status != Moedestatus.PLANLAGT:
        raise JobFejl("Mødet er allerede afholdt, så invitationen er ikke sendt.")
    indhold = moedeindhold(moede)
    post = Kalenderpost(
        uid=f"moede-{moede.uid}@forebyggelsesportalen",
        titel=f"{moede.titel} – {moede.program.navn}",
        start=moede.start,
        slut=moede.slut,
        sted=moede.sted,
        beskrivelse=moede.fokus,
        url=reverse("evaluering:moede", args=[moede.pk]),
        aendret=moede.aendret,
    )
    ics = ical.kalender([post], navn=moede.titel, base_url=settings.PORTAL_URL)
    dagsorden = "\n".join(f"{p.nummer}. {p.titel}" for p in indhold.dagsorden) or "Dagsordenen følger."
    tekst = (
        f"Du inviteres til {moede.titel} i {moede.program.navn}.\n\n"
        f"Tid: {tidspunkt(moede.start)}–{klokkeslaet(moede.slut)}\n"
        f"Sted: {moede.sted}\n" + (f"Fokus: {moede.fokus}\n" if moede.fokus else "") + "\n"
        f"Dagsorden:\n{dagsorden}\n\n"
        + ("Deltagelse er obligatorisk for de deltagende kommuner.\n\n" if moede.er_obligatorisk else "")
        + f"Mødet, materialerne og tilmelding til kalenderen: {_moedets_adresse(moede)}\n"
        "Mødet er vedhæftet som kalenderfil."
    )
    modtagere, mangler = modtagere_for(moede), uden_adresse(moede)
    antal = _send_til_alle(
        modtagere,
        emne=f"Invitation: {moede.titel} {dato(moede.start)}",
        tekst=tekst,
        vedhaeft=[("moede.ics", ics, "text/calendar")],
        fremdrift=fremdrift,
    )
    _noter_invitation(moede, sendt=modtagere, ikke_sendt=mangler)
    tekst = f"Invitationen er sendt til {antal} deltagere"
    if mangler:
        navne = ", ".join(b.get_full_name() or b.username for b in mangler)
        fremdrift(antal, antal, f"Ikke sendt til (ingen e-mailadresse): {navne}")
        tekst += f"; {len(mangler)} uden e-mailadresse fik den ikke – se hvem på mødet"
    return Resultat(f"{reverse('evaluering:moede', args=[moede.pk])}#invitation", tekst)


@opgave("evaluering.send_referat")
def send_referat(*, job: Baggrundsjob, fremdrift: Fremdrift, moede_id: int) -> Resultat:
    moede = Moede.objects.select_related("program").get(pk=moede_id)
    if moede.status != Moedestatus.GODKENDT:
        raise JobFejl("Referatet er ikke godkendt, så det er ikke sendt.")
    indhold = moedeindhold(moede)
    fremdrift(0, 1, "Referatet dannes som PDF")
    pdf = render_pdf("evaluering/pdf/referat.html", {"indhold": indhold, "moede": indhold.moede}, bruger=job.bruger)
    antal = _send_til_alle(
        modtagere_for(moede),
        emne=f"Referat: {moede.titel} {dato(moede.start)}",
        tekst=f"Referatet af {moede.titel} i {moede.program.navn} den {dato(moede.start)} er godkendt og vedhæftet "
        f"som PDF.\n\nMødet: {_moedets_adresse(moede)}",
        vedhaeft=[(f"referat-{filnavn_tid(moede.start)}.pdf", pdf, "application/pdf")],
        fremdrift=fremdrift,
    )
    return Resultat(reverse("evaluering:moede", args=[moede.pk]), f"Referatet er sendt til {antal} deltagere")


@opgave("evaluering.paamindelser")
def paamindelser(*, job: Baggrundsjob, fremdrift: Fremdrift, dag: str) -> Resultat:
    antal = paamindelser_send(i_dag=date.fromisoformat(dag), fremdrift=fremdrift)
    return Resultat(tekst=f"{antal} påmindelser sendt")


@app.periodic(cron="0 6 * * *", periodic_id="daglige_paamindelser")
@app.task(name="evaluering.daglige_paamindelser", queue="baggrundsjob", pass_context=False)
def daglige_paamindelser(timestamp: int) -> None:
    """Every morning (06.00 UTC): reminders about deliveries due in a week or today. procrastinate defers one job
    per timestamp however many workers run, and the reminders themselves are recorded, so none is sent twice."""
    dag = dansk_tid(datetime.fromtimestamp(timestamp, tz=timezone.get_default_timezone())).date()
    baggrundsjob_koer_nu(
        opgave="evaluering.paamindelser",
        titel=f"Påmindelser om dataleverancer {dato(dag)}",
        argumenter={"dag": dag.isoformat()},
    )


@opgave(RAPPORTPAKKE)
def rapportpakke(*, job: Baggrundsjob, fremdrift: Fremdrift, program_id: int, art: str) -> Resultat | Fortsaetter:
    """Every report of the programme (and for `alt` its data and delivered snapshots) as one ZIP, made as the user
    who ordered it would see them; refused if that user may no longer download them. This job plans the package;
    its parts are made by all the workers there are (evaluering/services/rapporter.py)."""
    program = pakkens_program(job)
    if tidligere := rapportpakke_planlaeg(job=job, program=program, art=art, i_dag=tid.i_dag()):
        return pakkens_resultat(tidligere, uaendret=True)
    return Fortsaetter()
