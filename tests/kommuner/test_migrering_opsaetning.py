"""Migration 0011 moves the 2011 form's answers, scores and their history from columns into rows. On the full demo:
back to the columns and forward again, every application's text, every score and comment, every receipt's bytes and
SHA-256, and the history of each answer and score are the same in both shapes and after the round trip."""

import hashlib
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forebyggelse.historik import event_model
from kommuner.models import Ansoegning, Forudsaetningsvurdering, Kriteriescore, Kvittering, Opsaetning, Svar
from kommuner.services.opsaetninger import STANDARDAFSNIT, STANDARDFORUDSAETNINGER, STANDARDKRITERIER

FOER = ("kommuner", "0010_projektorganisation_og_milepaele")
KOLONNER = ["beslutningsniveau", "baggrund", "opstart", "projektdesign", "bemanding", "tidsplan"]  # sections 1–6


def _aendringer(events, vaerdi):
    """Per object: [(moment, context, value)] at each change of `vaerdi`, from the first non-empty value."""
    resultat: dict = {}
    for e in events:
        if e.pgh_label == "delete":
            continue
        v = vaerdi(e)
        raekke = resultat.setdefault(e.pgh_obj_id, [])
        if (not raekke and all(x in (None, "") for x in v)) or (raekke and raekke[-1][2] == v):
            continue
        raekke.append((e.pgh_created_at, e.pgh_context_id, v))
    return {k: r for k, r in resultat.items() if r}


def _standardprogrammer() -> set[int]:
    """The programmes whose set-up is the standard form, the only one the columns could hold (the demo's 2017
    programme has its own form, which did not exist before the migration and cannot go back to the columns)."""
    standard = [p.overskrift for p in STANDARDAFSNIT], STANDARDFORUDSAETNINGER, STANDARDKRITERIER
    return {
        o.program_id
        for o in Opsaetning.objects.all()
        if (
            [a.overskrift for a in o.afsnit.all()],
            [f.tekst for f in o.forudsaetninger.all()],
            [k.tekst for k in o.kriterier.all()],
        )
        == standard
    }


def _nye_raekker(programmer: set[int]):
    """Texts, scores and history in the rows' shape, keyed as in the columns' shape."""
    Svar_ = Svar.objects.filter(ansoegning__program_id__in=programmer)
    tekster = {(s.ansoegning_id, s.afsnit.nr): s.tekst for s in Svar_.select_related("afsnit") if s.tekst}
    vaerdier = {}
    for f in Forudsaetningsvurdering.objects.filter(vurdering__ansoegning__program_id__in=programmer).select_related(
        "forudsaetning"
    ):
        if f.opfyldt is not None or f.kommentar:
            vaerdier[(f.vurdering_id, f"forudsaetning_{f.forudsaetning.nr}")] = (f.opfyldt, f.kommentar)
    for k in Kriteriescore.objects.filter(vurdering__ansoegning__program_id__in=programmer).select_related("kriterie"):
        if k.score is not None or k.kommentar:
            vaerdier[(k.vurdering_id, f"kriterie_{k.kriterie.nr}")] = (k.score, k.kommentar)
    historik = {}
    svar = {s.pk: (s.ansoegning_id, s.afsnit.nr) for s in Svar_.select_related("afsnit")}
    for obj, raekke in _aendringer(
        event_model(Svar).objects.filter(pgh_obj_id__in=list(svar)).order_by("pgh_obj_id", "pgh_created_at", "pgh_id"),
        lambda e: (e.tekst,),
    ).items():
        historik[("svar", *svar[obj])] = raekke
    for model, navn in ((Forudsaetningsvurdering, "forudsaetning"), (Kriteriescore, "kriterie")):
        raekker = {
            r.pk: (r.vurdering_id, f"{navn}_{getattr(r, navn).nr}")
            for r in model.objects.filter(vurdering__ansoegning__program_id__in=programmer).select_related(navn)
        }
        felt = "opfyldt" if navn == "forudsaetning" else "score"
        for obj, raekke in _aendringer(
            event_model(model)
            .objects.filter(pgh_obj_id__in=list(raekker))
            .order_by("pgh_obj_id", "pgh_created_at", "pgh_id"),
            lambda e, felt=felt: (getattr(e, felt), e.kommentar),
        ).items():
            historik[("vurdering", *raekker[obj])] = raekke
    return tekster, vaerdier, historik


def _gamle_kolonner(apps, programmer: set[int]):
    """The same, read from the columns of the state before the migration."""
    AnsoegningFoer = apps.get_model("kommuner", "Ansoegning")
    VurderingFoer = apps.get_model("kommuner", "Vurdering")
    tekster = {
        (a.pk, nr): getattr(a, kolonne)
        for a in AnsoegningFoer.objects.filter(program_id__in=programmer)
        for nr, kolonne in enumerate(KOLONNER, start=1)
        if getattr(a, kolonne)
    }
    felter = [f"forudsaetning_{nr}" for nr in (1, 2)] + [f"kriterie_{nr}" for nr in range(1, 9)]
    vaerdier = {
        (v.pk, felt): (getattr(v, felt), getattr(v, f"{felt}_kommentar"))
        for v in VurderingFoer.objects.filter(ansoegning__program_id__in=programmer)
        for felt in felter
        if getattr(v, felt) is not None or getattr(v, f"{felt}_kommentar")
    }
    historik = {}
    ansoegninger = list(AnsoegningFoer.objects.filter(program_id__in=programmer).values_list("pk", flat=True))
    vurderinger = list(VurderingFoer.objects.filter(ansoegning_id__in=ansoegninger).values_list("pk", flat=True))
    a_events = (
        apps.get_model("kommuner", "AnsoegningEvent")
        .objects.filter(pgh_obj_id__in=ansoegninger)
        .order_by("pgh_obj_id", "pgh_created_at", "pgh_id")
    )
    for nr, kolonne in enumerate(KOLONNER, start=1):
        for obj, raekke in _aendringer(a_events, lambda e, k=kolonne: (getattr(e, k),)).items():
            historik[("svar", obj, nr)] = raekke
    v_events = (
        apps.get_model("kommuner", "VurderingEvent")
        .objects.filter(pgh_obj_id__in=vurderinger)
        .order_by("pgh_obj_id", "pgh_created_at", "pgh_id")
    )
    for felt in felter:
        for obj, raekke in _aendringer(
            v_events, lambda e, f=felt: (getattr(e, f), getattr(e, f"{f}_kommentar") or "")
        ).items():
            historik[("vurdering", obj, felt)] = raekke
    return tekster, vaerdier, historik


@pytest.fixture
def referencedata(kommunedata):
    """The demo also needs the indicator catalogue that a data migration loads (a transactional test before this one
    flushed it)."""
    importlib.import_module("profiler.migrations.0002_indlaes_indikatorkatalog").indlaes(django_apps, None)


def _kvitteringer(model):
    return {k.pk: (bytes(k.pdf), hashlib.sha256(bytes(k.pdf)).hexdigest()) for k in model.objects.all()}


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_answer_score_receipt_and_their_history_on_the_full_demo(settings, referencedata):
    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)
    assert Ansoegning.objects.count() > 5 and Kriteriescore.objects.exists()
    programmer = _standardprogrammer()
    assert len(programmer) >= 2  # the 2011 programme and the next one in the demo
    nu = _nye_raekker(programmer)
    kvitteringer = _kvitteringer(Kvittering)
    assert all(nu) and kvitteringer

    call_command("migrate", *FOER, verbosity=0)
    apps = MigrationExecutor(connection).loader.project_state(FOER).apps
    foer = _gamle_kolonner(apps, programmer)
    assert _kvitteringer(apps.get_model("kommuner", "Kvittering")) == kvitteringer

    call_command("migrate", verbosity=0)
    efter = _nye_raekker(programmer)
    for navn, i_raekker, i_kolonner, igen in zip(("tekster", "scorer", "historik"), nu, foer, efter, strict=True):
        assert i_kolonner == i_raekker, navn
        assert igen == i_raekker, navn
    assert _kvitteringer(Kvittering) == kvitteringer
    # The history counts: every answer and score that changed has its events, at the moments they were written.
    assert sum(len(r) for r in efter[2].values()) >= len(efter[0]) + len(efter[1])
