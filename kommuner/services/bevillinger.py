"""Decision, grant and spending: the ministry decides and grants per year; the municipality reports spending."""

from datetime import datetime

import pghistory
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone, translation

from forebyggelse.formatering import kr
from kommuner.models import (
    Afgoerelse,
    Ansoegning,
    AnsoegningStatus,
    Bevilling,
    Bruger,
    Deltagelse,
    Program,
)
from kommuner.notifikationer import send_til_projektledere
from kommuner.selectors import bevilget_i_program

BEGRUNDELSE_MANGLER = "Skriv en begrundelse for afgørelsen."
BEVILLING_IALT_NUL = "En udvalgt kommune skal have en bevilling på mere end 0 kr. i alt."


def beloeb_mangler(aar: int) -> str:
    return f"Skriv beløbet for {aar}. Skriv 0, hvis der ikke bevilges noget."


def _laas_bevillinger(deltagelse: Deltagelse) -> dict[int, Bevilling]:
    """The participation's grant rows, locked; only these rows (not the participation, programme or
    municipality the default ordering would join in), so spending in one municipality never waits for
    another's decision."""
    raekker = Bevilling.objects.filter(deltagelse=deltagelse).order_by("aar").select_for_update(of=("self",))
    return {b.aar: b for b in raekker}


def _tilfoej(fejl: dict, noegle: str, besked: str) -> None:
    fejl.setdefault(noegle, []).append(besked)


@transaction.atomic
def afgoerelse_traef(
    *,
    ansoegning: Ansoegning,
    udvalgt: bool,
    begrundelse: str,
    bevillinger: dict[int, int | None],
    bruger: Bruger,
    nu: datetime | None = None,
) -> Afgoerelse:
    """Decide on a submitted application. Selected: the participation and one grant per programme year are
    created (or updated on a new decision). Not selected: any participation and its grants are removed.
    The municipality's leads get an e-mail when the transaction commits.

    Validation errors are keyed by `begrundelse` and `bevilling_<år>`, as in the decision form.
    """
    nu = nu or timezone.now()
    ansoegning = (
        Ansoegning.objects.select_for_update(of=("self",)).select_related("program", "kommune").get(pk=ansoegning.pk)
    )
    if ansoegning.status != AnsoegningStatus.INDSENDT:
        raise ValidationError(
            "Der kan kun træffes afgørelse om en indsendt interessetilkendegivelse. Denne er ikke indsendt lige nu."
        )
    # Lock the programme, so two decisions at once cannot together grant more than the budget.
    program = Program.objects.select_for_update().get(pk=ansoegning.program_id)
    deltagelse = Deltagelse.objects.filter(program=program, kommune=ansoegning.kommune).first()
    # Lock the grant rows too: spending is registered under the same lock, so a decision can never be checked
    # against spending that is about to change, nor write back a stale spending figure.
    eksisterende = _laas_bevillinger(deltagelse) if deltagelse else {}

    fejl: dict[str, list[str]] = {}
    begrundelse = (begrundelse or "").strip()
    if not begrundelse:
        _tilfoej(fejl, "begrundelse", BEGRUNDELSE_MANGLER)
    beloeb: dict[int, int] = {}
    if udvalgt:
        ukendte = set(bevillinger) - set(program.aar)
        if ukendte:
            _tilfoej(fejl, NON_FIELD_ERRORS, f"Programmet løber ikke i {', '.join(map(str, sorted(ukendte)))}.")
        for aar in program.aar:
            vaerdi = bevillinger.get(aar)
            if vaerdi is None:
                _tilfoej(fejl, f"bevilling_{aar}", beloeb_mangler(aar))
            elif vaerdi < 0:
                _tilfoej(fejl, f"bevilling_{aar}", "Beløbet kan ikke være negativt.")
            else:
                forbrugt = eksisterende[aar].forbrugt if aar in eksisterende else None
                if forbrugt is not None and vaerdi < forbrugt:
                    _tilfoej(
                        fejl,
                        f"bevilling_{aar}",
                        f"Kommunen har allerede brugt {kr(forbrugt)} i {aar}; bevillingen kan ikke være mindre.",
                    )
                beloeb[aar] = vaerdi
        if len(beloeb) == len(program.aar) and not sum(beloeb.values()):
            _tilfoej(fejl, NON_FIELD_ERRORS, BEVILLING_IALT_NUL)
        andre = bevilget_i_program(program, undtagen=ansoegning.kommune)
        tilbage = max(program.samlet_budget - andre, 0)
        if sum(beloeb.values()) > tilbage:
            _tilfoej(
                fejl,
                NON_FIELD_ERRORS,
                f"Bevillingen på {kr(sum(beloeb.values()))} i alt er mere, end der er tilbage af programmets budget: "
                f"{kr(tilbage)} af {kr(program.samlet_budget)}, når de andre deltageres bevillinger er trukket fra.",
            )
    elif deltagelse and any(b.forbrugt for b in eksisterende.values()):
        _tilfoej(
            fejl,
            NON_FIELD_ERRORS,
            "Kommunen har allerede registreret forbrug af bevillingen, så deltagelsen kan ikke fjernes. "
            "Ret forbruget først, hvis afgørelsen skal ændres.",
        )
    if fejl:
        raise ValidationError(fejl)

    with pghistory.context(user=bruger.pk):
        afgoerelse = Afgoerelse.objects.filter(ansoegning=ansoegning).first()
        aendret = afgoerelse is not None
        afgoerelse = afgoerelse or Afgoerelse(ansoegning=ansoegning)
        afgoerelse.udvalgt = udvalgt
        afgoerelse.begrundelse = begrundelse
        afgoerelse.truffet = nu
        afgoerelse.truffet_af = bruger
        afgoerelse.full_clean()
        afgoerelse.save()

        if udvalgt:
            if deltagelse is None:
                deltagelse = Deltagelse(program=program, kommune=ansoegning.kommune, ansoegning=ansoegning)
                deltagelse.full_clean()
                deltagelse.save()
            elif deltagelse.ansoegning_id != ansoegning.pk:
                deltagelse.ansoegning = ansoegning
                deltagelse.save(update_fields=["ansoegning"])
            for aar, bevilget in beloeb.items():
                bevilling = eksisterende.get(aar)
                if bevilling is None:
                    bevilling = Bevilling(deltagelse=deltagelse, aar=aar, bevilget=bevilget)
                    bevilling.full_clean()
                    bevilling.save()
                elif bevilling.bevilget != bevilget:
                    bevilling.bevilget = bevilget
                    bevilling.full_clean()
                    bevilling.save(update_fields=["bevilget"])  # never the municipality's spending
        elif deltagelse is not None:
            try:
                deltagelse.delete()
            except (ProtectedError, RestrictedError):
                raise ValidationError(
                    "Kommunen har allerede data i programmet (fx profil eller strategi), så deltagelsen kan ikke "
                    "fjernes."
                ) from None

    _send_afgoerelse(ansoegning, afgoerelse, aendret=aendret)
    return afgoerelse


def _send_afgoerelse(ansoegning: Ansoegning, afgoerelse: Afgoerelse, *, aendret: bool):
    kommune = ansoegning.kommune.officielt_navn
    program = ansoegning.program.navn
    forord = "Ændret afgørelse" if aendret else "Afgørelse"
    with translation.override("da"):
        if afgoerelse.udvalgt:
            emne = f"{forord}: {kommune} er udvalgt til {program}"
            deltagelse = Deltagelse.objects.med_totaler().get(ansoegning=ansoegning)
            linjer = [f"{b.aar}: {kr(b.bevilget)}" for b in deltagelse.bevillinger.all()]
            linjer.append(f"I alt: {kr(deltagelse.bevilget_i_alt)}")
            tekst = (
                f"Ministeriet har truffet afgørelse om jeres interessetilkendegivelse: {kommune} er udvalgt og "
                f"deltager i {program}.\n\n"
                f"Begrundelse:\n{afgoerelse.begrundelse}\n\n"
                "Bevilling pr. år:\n" + "\n".join(linjer) + "\n\n"
                "Husk: Penge, som ikke er brugt ved årets udgang, kan ikke overføres til det næste år, men skal "
                "betales tilbage.\n\n"
                "Afgørelsen, bevillingen og jeres forbrug kan ses i Forebyggelsesportalen."
            )
        else:
            emne = f"{forord}: {kommune} er ikke udvalgt til {program}"
            tekst = (
                f"Ministeriet har truffet afgørelse om jeres interessetilkendegivelse: {kommune} er ikke udvalgt "
                f"til {program}.\n\n"
                f"Begrundelse:\n{afgoerelse.begrundelse}\n\n"
                "Afgørelsen kan ses i Forebyggelsesportalen."
            )
    send_til_projektledere(ansoegning.kommune, emne=emne, tekst=tekst)


@transaction.atomic
def forbrug_registrer(
    *, deltagelse: Deltagelse, forbrug: dict[int, tuple[int | None, str]], bruger: Bruger
) -> list[Bevilling]:
    """Record what the municipality has spent of each year's grant (None = not reported yet), with a remark.

    Spending cannot exceed the grant (the database refuses it too). The grant rows are locked, as a decision
    locks them, so the grant checked against is the grant that stands. Errors are keyed `forbrugt_<år>` /
    `bemaerkning_<år>`, as in the form.
    """
    bevillinger = _laas_bevillinger(deltagelse)
    fejl: dict[str, list[str]] = {}
    aendrede = []
    for aar, (forbrugt, bemaerkning) in sorted(forbrug.items()):
        bevilling = bevillinger.get(aar)
        if bevilling is None:
            _tilfoej(fejl, NON_FIELD_ERRORS, f"Der er ingen bevilling for {aar}.")
            continue
        if forbrugt is not None and forbrugt < 0:
            _tilfoej(fejl, f"forbrugt_{aar}", "Forbruget kan ikke være negativt.")
            continue
        if forbrugt is not None and forbrugt > bevilling.bevilget:
            _tilfoej(
                fejl,
                f"forbrugt_{aar}",
                f"Forbruget er større end bevillingen på {kr(bevilling.bevilget)} for {aar}. Der kan ikke bruges "
                "mere, end der er bevilget; kontakt ministeriet, hvis tallet er rigtigt.",
            )
            continue
        bemaerkning = (bemaerkning or "").strip()
        if (bevilling.forbrugt, bevilling.forbrug_bemaerkning) == (forbrugt, bemaerkning):
            continue
        bevilling.forbrugt = forbrugt
        bevilling.forbrug_bemaerkning = bemaerkning
        try:
            bevilling.full_clean()
        except ValidationError as exc:
            felter = {"forbrugt": f"forbrugt_{aar}", "forbrug_bemaerkning": f"bemaerkning_{aar}"}
            for felt, beskeder in exc.message_dict.items():
                for besked in beskeder:
                    _tilfoej(fejl, felter.get(felt, NON_FIELD_ERRORS), besked)
            continue
        aendrede.append(bevilling)
    if fejl:
        raise ValidationError(fejl)
    with pghistory.context(user=bruger.pk):
        for bevilling in aendrede:
            bevilling.save(update_fields=["forbrugt", "forbrug_bemaerkning"])
    return [bevillinger[aar] for aar in sorted(bevillinger)]
