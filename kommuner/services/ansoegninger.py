"""Writes to an expression of interest: create, save a draft, annexes, submit, send back, reopen, and the leads'
requests to reopen.

Every write that changes the application or its annexes locks the application row first and checks its
state under the lock. Writes record `bruger` in the change history, also outside a web request (demo
loader, shell)."""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.text import capfirst

from forebyggelse import bilag as bilagskit
from forebyggelse import tid
from forebyggelse.formatering import dato, tal, tidspunkt
from forebyggelse.pdf import html_til_pdf, pdf_html
from kommuner.models import (
    Afsnit,
    Ansoegning,
    Ansoegningsbeloeb,
    AnsoegningStatus,
    Bilag,
    Bruger,
    Genaabning,
    Genaabningsanmodning,
    Kommune,
    Kvittering,
    Opsaetning,
    Program,
    ProgramStatus,
    Svar,
    Udfald,
)
from kommuner.notifikationer import send_til_projektledere
from kommuner.permissions import (
    AFGOERELSE_TRUFFET,
    er_udvalgt,
    gaeldende_frist,
    inden_fristen,
    kan_anmode_om_genaabning,
    redigerbar_tilstand,
)
from kommuner.selectors import besvarelse, finansiering, gaeldende_opsaetning

# Section A of the form: the municipality and its contact person.
SEKTION_A = [
    "kommune_navn",
    "cvr",
    "adresse",
    "postnr_by",
    "telefon",
    "email",
    "kontakt_navn",
    "kontakt_titel",
    "kontakt_telefon",
    "kontakt_email",
]
# Fields of section A that must be filled in before an application can be submitted; the form's own sections say
# themselves whether they must be answered.
PAAKRAEVET_VED_INDSENDELSE = [felt for felt in SEKTION_A if felt not in {"kontakt_titel", "kontakt_telefon"}]
REDIGERBARE_FELTER = [*SEKTION_A, "afventer_politisk_godkendelse"]


@dataclass(frozen=True)
class Ansoegningsindhold:
    """What a municipality writes: section A's fixed fields, and `svar`, its answer to each section of the
    programme's form by the section's number. A draft may leave anything empty; a section not in `svar` keeps
    its answer."""

    kommune_navn: str = ""
    cvr: str = ""
    adresse: str = ""
    postnr_by: str = ""
    telefon: str = ""
    email: str = ""
    kontakt_navn: str = ""
    kontakt_titel: str = ""
    kontakt_telefon: str = ""
    kontakt_email: str = ""
    afventer_politisk_godkendelse: bool = False
    svar: Mapping[int, str] = field(default_factory=dict)


assert {f.name for f in fields(Ansoegningsindhold)} == {*REDIGERBARE_FELTER, "svar"}


@transaction.atomic
def ansoegning_opret(*, program: Program, kommune: Kommune) -> Ansoegning:
    """The municipality's application for the programme, created on first use with section A prefilled."""
    eksisterende = Ansoegning.objects.filter(program=program, kommune=kommune).first()
    if eksisterende:
        return eksisterende
    if program.status != ProgramStatus.AABEN:
        raise ValidationError("Programmet er ikke åbent for interessetilkendegivelser.")
    kontakt = kommune.kontaktpersoner.first()
    ansoegning = Ansoegning(
        program=program,
        kommune=kommune,
        opsaetning=gaeldende_opsaetning(program),
        kommune_navn=kommune.officielt_navn,
        cvr=kommune.cvr,
        adresse=kommune.adresse,
        postnr_by=kommune.postnr_by,
        telefon=kommune.telefon,
        email=kommune.email,
    )
    if kontakt:
        ansoegning.kontakt_navn = kontakt.navn
        ansoegning.kontakt_titel = ", ".join(filter(None, [kontakt.titel, kontakt.enhed]))
        ansoegning.kontakt_telefon = kontakt.telefon
        ansoegning.kontakt_email = kontakt.email
    ansoegning.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            ansoegning.save()
    except IntegrityError:  # created in another request a moment ago (a double click)
        return Ansoegning.objects.get(program=program, kommune=kommune)
    return ansoegning


# Services guard the application's state, under a lock on the application row, so a change cannot land
# behind a submission running at the same moment. Who may call them is the views' check (permissions.py).


def _laas(ansoegning: Ansoegning) -> Ansoegning:
    return Ansoegning.objects.select_for_update(of=("self",)).select_related("program", "kommune").get(pk=ansoegning.pk)


def _valider_redigerbar(ansoegning: Ansoegning) -> None:
    ok, grund = redigerbar_tilstand(ansoegning)
    if not ok:
        raise ValidationError(grund)


def _ret_linjeskift(tekst: str) -> str:
    # Browsers count a line break as one character but send two; count as the live counter does.
    return tekst.replace("\r\n", "\n")


def _valider_svar(afsnit: dict[int, Afsnit], svar: Mapping[int, str]) -> dict[int, str]:
    ukendte = set(svar) - set(afsnit)
    if ukendte:
        raise ValidationError("Formularen er ændret, mens du skrev. Hent siden igen; dine svar er ikke gemt.")
    renset = {nr: _ret_linjeskift(tekst or "") for nr, tekst in svar.items()}
    fejl = {
        f"afsnit_{nr}": f"{afsnit[nr].overskrift} må højst være {tal(afsnit[nr].tegngraense)} tegn (den er "
        f"{tal(len(tekst))})."
        for nr, tekst in renset.items()
        if len(tekst) > afsnit[nr].tegngraense
    }
    if fejl:
        raise ValidationError(fejl)
    return renset


def budgetfejl(
    opsaetning: Opsaetning, beloeb: Mapping[int, int | None], egenfinansiering: Mapping[int, int | None]
) -> dict[str, str]:
    """The money rules' errors, by the form's field name: the ceiling per municipality, and the co-financing share
    of the project's whole budget (applied for + the municipality's own), once anything is applied for."""
    fejl = {}
    ansoegt = sum(b or 0 for b in beloeb.values())
    egen = sum(b or 0 for b in egenfinansiering.values())
    sidste_aar = max(beloeb, default=None)
    if opsaetning.maks_beloeb is not None and ansoegt > opsaetning.maks_beloeb and sidste_aar is not None:
        fejl[f"beloeb_{sidste_aar}"] = (
            f"I søger {tal(ansoegt)} kr. i alt, men en kommune kan højst få {tal(opsaetning.maks_beloeb)} kr."
        )
    procent = opsaetning.medfinansiering_procent
    if procent and ansoegt and egen * 100 < procent * (ansoegt + egen) and sidste_aar is not None:
        kraevet = -(-procent * ansoegt // (100 - procent)) if procent < 100 else ansoegt
        fejl[f"egenfinansiering_{sidste_aar}"] = (
            f"Kommunen skal selv finansiere mindst {procent} % af projektets samlede budget: mindst {tal(kraevet)} "
            f"kr. i alt, når I søger {tal(ansoegt)} kr. I har skrevet {tal(egen)} kr."
        )
    return fejl


@transaction.atomic
def ansoegning_gem(
    *,
    ansoegning: Ansoegning,
    indhold: Ansoegningsindhold,
    beloeb: dict[int, int | None],
    bruger: Bruger,
    egenfinansiering: dict[int, int | None] | None = None,
) -> Ansoegning:
    """Save a draft: any subset of the sections, incomplete is fine. `beloeb` maps year → amount applied for
    (None removes the year's amount), `egenfinansiering` year → the municipality's own money in the project."""
    ansoegning = _laas(ansoegning)
    _valider_redigerbar(ansoegning)
    egenfinansiering = egenfinansiering or {}
    foer = [getattr(ansoegning, felt) for felt in REDIGERBARE_FELTER]
    for felt in REDIGERBARE_FELTER:
        setattr(ansoegning, felt, getattr(indhold, felt))
    ukendte_aar = (set(beloeb) | set(egenfinansiering)) - set(ansoegning.program.aar)
    if ukendte_aar:
        raise ValidationError(f"Programmet løber ikke i {', '.join(map(str, sorted(ukendte_aar)))}.")
    afsnit = {a.nr: a for a in ansoegning.opsaetning.afsnit.all()}
    svar = _valider_svar(afsnit, indhold.svar)
    fejl = budgetfejl(ansoegning.opsaetning, beloeb, egenfinansiering)
    if fejl:
        raise ValidationError(fejl)
    ansoegning.full_clean()
    with pghistory.context(user=bruger.pk):
        if foer != [getattr(ansoegning, felt) for felt in REDIGERBARE_FELTER]:
            # Only then: an unchanged row would leave an empty change in the history beside the answers' own.
            ansoegning.save(update_fields=[*REDIGERBARE_FELTER, "aendret"])
        gemte = {s.afsnit_id: s for s in ansoegning.svar.all()}
        for nr, tekst in svar.items():
            eksisterende = gemte.get(afsnit[nr].pk)
            if eksisterende is None:
                if tekst:
                    Svar.objects.create(ansoegning=ansoegning, afsnit=afsnit[nr], tekst=tekst)
            elif eksisterende.tekst != tekst:
                eksisterende.tekst = tekst
                eksisterende.save(update_fields=["tekst"])
        for aar in sorted(set(beloeb) | set(egenfinansiering)):
            beloeb_i_aar = beloeb.get(aar)
            if beloeb_i_aar is None:
                Ansoegningsbeloeb.objects.filter(ansoegning=ansoegning, aar=aar).delete()
            else:
                Ansoegningsbeloeb.objects.update_or_create(
                    ansoegning=ansoegning,
                    aar=aar,
                    defaults={"beloeb": beloeb_i_aar, "egenfinansiering": egenfinansiering.get(aar) or 0},
                )
    return ansoegning


def mangler_for_indsendelse(ansoegning: Ansoegning) -> list[str]:
    """What is missing before the application can be submitted, in the user's words."""
    mangler = [
        f"{capfirst(Ansoegning._meta.get_field(felt).verbose_name)} mangler."
        for felt in PAAKRAEVET_VED_INDSENDELSE
        if not getattr(ansoegning, felt).strip()
    ]
    besvaret = {s.afsnit_id for s in ansoegning.svar.all() if s.tekst.strip()}
    mangler += [
        f"{a.overskrift} mangler." for a in ansoegning.opsaetning.afsnit.all() if a.paakraevet and a.pk not in besvaret
    ]
    beloeb = list(ansoegning.beloeb.all())
    ansoegte_aar = {b.aar for b in beloeb}
    for aar in ansoegning.program.aar:
        if aar not in ansoegte_aar:
            mangler.append(f"Det ansøgte beløb for {aar} mangler (skriv 0, hvis I ikke søger for året).")
    if ansoegte_aar and not _ansoegt_i_alt(ansoegning):
        mangler.append("Der er ikke søgt om noget beløb.")
    mangler += budgetfejl(
        ansoegning.opsaetning, {b.aar: b.beloeb for b in beloeb}, {b.aar: b.egenfinansiering for b in beloeb}
    ).values()
    return mangler


def _ansoegt_i_alt(ansoegning: Ansoegning) -> int | None:
    return Ansoegning.objects.med_totaler().values_list("ansoegt_i_alt", flat=True).get(pk=ansoegning.pk)


def _kvittering_html(ansoegning: Ansoegning, *, bruger: Bruger, nu: datetime) -> str:
    """The receipt as it will be stamped: the application as submitted by `bruger` at `nu`."""
    ansoegning.status = AnsoegningStatus.INDSENDT
    ansoegning.indsendt = nu
    ansoegning.indsendt_af = bruger
    ansoegning.tilbagesendt_kommentar = ""
    beloeb = list(ansoegning.beloeb.all())
    ansoegt_i_alt = _ansoegt_i_alt(ansoegning)
    context = {
        "ansoegning": ansoegning,
        "besvarelse": besvarelse(ansoegning),
        "beloeb": beloeb,
        "finansiering": finansiering(ansoegning, beloeb, ansoegt_i_alt=ansoegt_i_alt),
        "ansoegt_i_alt": ansoegt_i_alt,
        "bilag": list(ansoegning.bilag.all()),
    }
    return pdf_html("kommuner/pdf/kvittering.html", context, bruger=bruger, tidspunkt=nu)


def _valider_kan_indsendes(ansoegning: Ansoegning, nu: datetime) -> None:
    for ok, grund in (redigerbar_tilstand(ansoegning), inden_fristen(ansoegning, nu)):
        if not ok:
            raise ValidationError(grund)
    mangler = mangler_for_indsendelse(ansoegning)
    if mangler:
        raise ValidationError(mangler)


@transaction.atomic
def ansoegning_indsend(*, ansoegning: Ansoegning, bruger: Bruger, nu: datetime | None = None) -> Kvittering:
    """Submit and lock the application, and freeze a PDF receipt of exactly what was submitted.

    WeasyPrint needs about a second, so the receipt is rendered before the application row is locked. Under
    the lock its HTML is made again from the locked rows: if anything changed in between, nothing is submitted.
    """
    nu = nu or tid.nu()  # the deadline's clock: the receipt's time must read as the deadline was checked
    foer = Ansoegning.objects.select_related("program", "kommune").get(pk=ansoegning.pk)
    _valider_kan_indsendes(foer, nu)
    html = _kvittering_html(foer, bruger=bruger, nu=nu)
    pdf = html_til_pdf(html)

    # The programme row first: a change to the set-up waits, so no version changes under a submission.
    Program.objects.select_for_update().filter(pk=foer.program_id).first()
    ansoegning = _laas(ansoegning)
    _valider_kan_indsendes(ansoegning, nu)
    if _kvittering_html(ansoegning, bruger=bruger, nu=nu) != html:
        raise ValidationError("Interessetilkendegivelsen blev ændret, mens den blev indsendt. Indsend den igen.")
    ansoegning.full_clean()
    with pghistory.context(user=bruger.pk):
        ansoegning.save(update_fields=["status", "indsendt", "indsendt_af", "tilbagesendt_kommentar", "aendret"])
    return Kvittering.objects.create(ansoegning=ansoegning, indsendt=nu, indsendt_af=bruger, pdf=pdf)


@transaction.atomic
def ansoegning_send_tilbage(*, ansoegning: Ansoegning, kommentar: str, bruger: Bruger) -> Ansoegning:
    """The ministry returns a submitted application for changes; the leads see the comment and can resubmit.
    Not while the municipality is selected: the decision and its grant rest on what was submitted."""
    ansoegning = _laas(ansoegning)
    if ansoegning.status != AnsoegningStatus.INDSENDT:
        raise ValidationError("Kun en indsendt interessetilkendegivelse kan sendes tilbage.")
    if er_udvalgt(ansoegning):
        raise ValidationError(AFGOERELSE_TRUFFET)
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv, hvad kommunen skal ændre."})
    ansoegning.status = AnsoegningStatus.SENDT_TILBAGE
    ansoegning.tilbagesendt_kommentar = kommentar.strip()
    ansoegning.full_clean()
    with pghistory.context(user=bruger.pk):
        ansoegning.save(update_fields=["status", "tilbagesendt_kommentar", "aendret"])
    send_til_projektledere(
        ansoegning.kommune,
        emne=f"Interessetilkendegivelsen til {ansoegning.program} er sendt tilbage til ændring",
        tekst=f"Ministeriet har sendt jeres interessetilkendegivelse tilbage med denne kommentar:\n\n{kommentar}\n\n"
        "Ret den til i Forebyggelsesportalen, og indsend den igen.",
    )
    return ansoegning


@transaction.atomic
def ansoegning_genaabn(
    *, ansoegning: Ansoegning, aaben_til: datetime, begrundelse: str, bruger: Bruger, nu: datetime | None = None
) -> Genaabning:
    """Let one municipality submit after the deadline, until `aaben_til`."""
    nu = nu or tid.nu()
    ansoegning = _laas(ansoegning)
    if ansoegning.status == AnsoegningStatus.INDSENDT:
        raise ValidationError("Interessetilkendegivelsen er allerede indsendt.")
    if aaben_til <= nu:
        raise ValidationError({"aaben_til": "Den nye frist skal ligge i fremtiden."})
    frist = gaeldende_frist(ansoegning)
    if aaben_til <= frist:
        raise ValidationError({"aaben_til": f"Den nye frist skal ligge efter {tidspunkt(frist)}."})
    genaabning = Genaabning(
        ansoegning=ansoegning, aaben_til=aaben_til, begrundelse=begrundelse.strip(), oprettet_af=bruger
    )
    genaabning.full_clean()
    with pghistory.context(user=bruger.pk):
        genaabning.save()
        anmodning = _besvar_aaben_anmodning(ansoegning, udfald=Udfald.GENAABNET, svar="", bruger=bruger, nu=nu)
    svar_paa = f"Det er svaret på jeres anmodning af {dato(anmodning.oprettet)}.\n\n" if anmodning else ""
    send_til_projektledere(
        ansoegning.kommune,
        emne=f"I kan indsende jeres interessetilkendegivelse til {ansoegning.program} indtil {tidspunkt(aaben_til)}",
        tekst=f"Ministeriet har genåbnet for jeres interessetilkendegivelse indtil {tidspunkt(aaben_til)}.\n\n"
        f"{svar_paa}Begrundelse: {genaabning.begrundelse}",
    )
    return genaabning


# Requests to reopen -------------------------------------------------------------------------------


def _besvar_aaben_anmodning(
    ansoegning: Ansoegning, *, udfald: str, svar: str, bruger: Bruger, nu: datetime
) -> Genaabningsanmodning | None:
    """Answer the application's open request, if there is one. The caller holds the application's lock."""
    anmodning = ansoegning.genaabningsanmodninger.filter(besvaret__isnull=True).first()
    if anmodning is None:
        return None
    anmodning.besvaret, anmodning.besvaret_af, anmodning.udfald, anmodning.svar = nu, bruger, udfald, svar
    anmodning.full_clean()
    anmodning.save(update_fields=["besvaret", "besvaret_af", "udfald", "svar"])
    return anmodning


@transaction.atomic
def genaabningsanmodning_opret(
    *, ansoegning: Ansoegning, bruger: Bruger, begrundelse: str, nu: datetime | None = None
) -> Genaabningsanmodning:
    """A lead of the municipality asks the ministry to reopen after the deadline. Under the application's lock, so
    two leads asking at once make one request, and the second is told it is already sent.

    Unlike the other writes here, this one also checks who asks (the whole kan_anmode_om_genaabning, not only the
    state): the request is made in the requester's name, and only the municipality's own leads may make it."""
    ansoegning = _laas(ansoegning)
    nu = nu or tid.nu()
    ok, grund = kan_anmode_om_genaabning(bruger, ansoegning, nu)
    if not ok:
        raise ValidationError(grund)
    anmodning = Genaabningsanmodning(
        ansoegning=ansoegning, begrundelse=begrundelse.strip(), oprettet=nu, oprettet_af=bruger
    )
    anmodning.full_clean()
    with pghistory.context(user=bruger.pk):
        anmodning.save()
    return anmodning


@transaction.atomic
def genaabningsanmodning_afvis(
    *, anmodning: Genaabningsanmodning, bruger: Bruger, svar: str, nu: datetime | None = None
) -> Genaabningsanmodning:
    """The ministry declines a request, saying why; the municipality's leads get the answer by e-mail."""
    ansoegning = _laas(anmodning.ansoegning)
    if not ansoegning.genaabningsanmodninger.filter(pk=anmodning.pk, besvaret__isnull=True).exists():
        raise ValidationError("Ministeriet har allerede svaret på anmodningen.")
    if not svar.strip():
        raise ValidationError({"svar": "Skriv, hvorfor ministeriet ikke genåbner. Kommunen får svaret."})
    with pghistory.context(user=bruger.pk):
        anmodning = _besvar_aaben_anmodning(
            ansoegning, udfald=Udfald.AFVIST, svar=svar.strip(), bruger=bruger, nu=nu or tid.nu()
        )
    send_til_projektledere(
        ansoegning.kommune,
        emne=f"Ministeriet genåbner ikke for jeres interessetilkendegivelse til {ansoegning.program}",
        tekst=f"Ministeriet har svaret på jeres anmodning af {dato(anmodning.oprettet)} om at genåbne for "
        f"interessetilkendegivelsen:\n\n{anmodning.svar}",
    )
    return anmodning


# Annexes ------------------------------------------------------------------------------------------


@transaction.atomic
def bilag_tilfoej(*, ansoegning: Ansoegning, fil: UploadedFile, bruger: Bruger, beskrivelse: str = "") -> Bilag:
    ansoegning = _laas(ansoegning)
    _valider_redigerbar(ansoegning)
    return bilagskit.bilag_gem(bilag=Bilag(ansoegning=ansoegning), fil=fil, bruger=bruger, beskrivelse=beskrivelse)


@transaction.atomic
def bilag_slet(*, bilag: Bilag, bruger: Bruger) -> None:
    _valider_redigerbar(_laas(bilag.ansoegning))
    bilagskit.bilag_slet(bilag=bilag, bruger=bruger)
