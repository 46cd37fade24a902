"""Decision, grant and spending: the ministry decides and grants per year; the municipality reports spending."""

from collections.abc import Iterable
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


def _tilfoej(fejl: dict, noegle: str, besked: str | None) -> None:
    if besked:
        fejl.setdefault(noegle, []).append(besked)


# The decision's rules: each takes plain values and returns a Danish message, or None when the rule holds. ------


def tjek_indsendt(status: str) -> str | None:
    if status != AnsoegningStatus.INDSENDT:
        return "Der kan kun træffes afgørelse om en indsendt interessetilkendegivelse. Denne er ikke indsendt lige nu."
    return None


def tjek_begrundelse(begrundelse: str) -> str | None:
    return None if begrundelse.strip() else BEGRUNDELSE_MANGLER


def tjek_programmets_aar(bevillinger: Iterable[int], programmets_aar: Iterable[int]) -> str | None:
    ukendte = set(bevillinger) - set(programmets_aar)
    if ukendte:
        return f"Programmet løber ikke i {', '.join(map(str, sorted(ukendte)))}."
    return None


def tjek_aarets_bevilling(aar: int, bevilget: int | None, forbrugt: int | None) -> str | None:
    """One year's grant: given, not negative, and not below what the municipality has already spent."""
    if bevilget is None:
        return beloeb_mangler(aar)
    if bevilget < 0:
        return "Beløbet kan ikke være negativt."
    if forbrugt is not None and bevilget < forbrugt:
        return f"Kommunen har allerede brugt {kr(forbrugt)} i {aar}; bevillingen kan ikke være mindre."
    return None


def tjek_bevilling_i_alt(beloeb: dict[int, int], programmets_aar: list[int]) -> str | None:
    """A selected municipality gets something; only said once every year has an amount."""
    if len(beloeb) == len(programmets_aar) and not sum(beloeb.values()):
        return BEVILLING_IALT_NUL
    return None


def tjek_budget(i_alt: int, samlet_budget: int, andres_bevillinger: int) -> str | None:
    tilbage = max(samlet_budget - andres_bevillinger, 0)
    if i_alt > tilbage:
        return (
            f"Bevillingen på {kr(i_alt)} i alt er mere, end der er tilbage af programmets budget: "
            f"{kr(tilbage)} af {kr(samlet_budget)}, når de andre deltageres bevillinger er trukket fra."
        )
    return None


def tjek_intet_forbrug(forbrugt: Iterable[int | None]) -> str | None:
    """A participation can only be removed while nothing has been spent of its grants."""
    if any(forbrugt):
        return (
            "Kommunen har allerede registreret forbrug af bevillingen, så deltagelsen kan ikke fjernes. "
            "Ret forbruget først, hvis afgørelsen skal ændres."
        )
    return None


# The decision ---------------------------------------------------------------------------------------------------


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
    ansoegning = (
        Ansoegning.objects.select_for_update(of=("self",)).select_related("program", "kommune").get(pk=ansoegning.pk)
    )
    if besked := tjek_indsendt(ansoegning.status):
        raise ValidationError(besked)
    # Lock the programme, so two decisions at once cannot together grant more than the budget.
    program = Program.objects.select_for_update().get(pk=ansoegning.program_id)
    deltagelse = Deltagelse.objects.filter(program=program, kommune=ansoegning.kommune).first()
    # Lock the grant rows too: spending is registered under the same lock, so a decision can never be checked
    # against spending that is about to change, nor write back a stale spending figure.
    eksisterende = _laas_bevillinger(deltagelse) if deltagelse else {}
    forbrugt = {aar: b.forbrugt for aar, b in eksisterende.items()}
    begrundelse = (begrundelse or "").strip()

    fejl: dict[str, list[str]] = {}
    _tilfoej(fejl, "begrundelse", tjek_begrundelse(begrundelse))
    # The amounts to write: every programme year with an amount that is not negative.
    beloeb = {aar: v for aar in program.aar if (v := bevillinger.get(aar)) is not None and v >= 0} if udvalgt else {}
    if udvalgt:
        _tilfoej(fejl, NON_FIELD_ERRORS, tjek_programmets_aar(bevillinger, program.aar))
        for aar in program.aar:
            _tilfoej(fejl, f"bevilling_{aar}", tjek_aarets_bevilling(aar, bevillinger.get(aar), forbrugt.get(aar)))
        _tilfoej(fejl, NON_FIELD_ERRORS, tjek_bevilling_i_alt(beloeb, program.aar))
        andre = bevilget_i_program(program, undtagen=ansoegning.kommune)
        besked = tjek_budget(sum(beloeb.values()), program.samlet_budget, andre)
        _tilfoej(fejl, NON_FIELD_ERRORS, besked)
    else:
        _tilfoej(fejl, NON_FIELD_ERRORS, tjek_intet_forbrug(forbrugt.values()))
    if fejl:
        raise ValidationError(fejl)

    with pghistory.context(user=bruger.pk):
        afgoerelse, aendret = _gem_afgoerelse(
            ansoegning, udvalgt=udvalgt, begrundelse=begrundelse, bruger=bruger, nu=nu or timezone.now()
        )
        if udvalgt:
            _gem_bevillinger(ansoegning, program, deltagelse, eksisterende, beloeb)
        elif deltagelse is not None:
            _fjern_deltagelse(deltagelse)
    _send_afgoerelse(ansoegning, afgoerelse, aendret=aendret)
    return afgoerelse


def _gem_afgoerelse(
    ansoegning: Ansoegning, *, udvalgt: bool, begrundelse: str, bruger: Bruger, nu: datetime
) -> tuple[Afgoerelse, bool]:
    """The decision, new or replacing the one before; and whether it replaced one."""
    afgoerelse = Afgoerelse.objects.filter(ansoegning=ansoegning).first()
    aendret = afgoerelse is not None
    afgoerelse = afgoerelse or Afgoerelse(ansoegning=ansoegning)
    afgoerelse.udvalgt = udvalgt
    afgoerelse.begrundelse = begrundelse
    afgoerelse.truffet = nu
    afgoerelse.truffet_af = bruger
    afgoerelse.full_clean()
    afgoerelse.save()
    return afgoerelse, aendret


def _gem_bevillinger(
    ansoegning: Ansoegning,
    program: Program,
    deltagelse: Deltagelse | None,
    eksisterende: dict[int, Bevilling],
    beloeb: dict[int, int],
) -> None:
    """The participation (tied to this application) and one grant per year; only the granted amount is written,
    never the municipality's spending."""
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
            bevilling.save(update_fields=["bevilget"])


def _fjern_deltagelse(deltagelse: Deltagelse) -> None:
    try:
        deltagelse.delete()
    except (ProtectedError, RestrictedError):
        raise ValidationError(
            "Kommunen har allerede data i programmet (fx profil eller strategi), så deltagelsen kan ikke fjernes."
        ) from None


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
