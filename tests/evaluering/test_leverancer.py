"""Deliveries to the evaluator: ordering, submitting (frozen snapshot), the second submission refused while the
first awaits review (also when two arrive at once), review, the overview of late and missing, reminders."""

import threading
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluering.forms import DataleveranceForm
from evaluering.models import Indholdsart, Indsendelse, Kommuneleverance, Leverancestatus, Paamindelse
from evaluering.selectors import leveranceoverblik
from evaluering.services import leverancer as services
from evaluering.services.moeder import fremmoede_registrer, moede_marker_afholdt
from evaluering.snapshot import _afvigelse_tekst, _bemaerkning, _rang_tekst, social_profil
from forebyggelse.formatering import dansk_tidspunkt
from kommuner.models import Bevilling, Deltagelse, Kommune
from kommuner.services.bevillinger import afgoerelse_traef, forbrug_registrer
from profiler.services.profiler import fund_gem
from strategi.services.maal import opfoelgning_opret
from strategi.services.strategier import strategi_registrer_vedtagelse
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere
from tests.profiler.factories import importer
from tests.strategi.factories import StrategiFactory, godkend

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(ministeriet, projektleder_101, projektleder_147):
    return program_med_deltagere("101", "147", ministeriet=ministeriet)


@pytest.fixture
def leverance(program, ministeriet):
    return dataleverance(program, ministeriet)


def _kl(leverance, kode="101") -> Kommuneleverance:
    return Kommuneleverance.objects.get(dataleverance=leverance, deltagelse__kommune__kode=kode)


def test_ordering_creates_one_row_per_participant_and_refuses_unknown_content(program, ministeriet):
    leverance = dataleverance(program, ministeriet, titel="Økonomi 2011", indhold=[Indholdsart.OEKONOMI])
    assert sorted(leverance.kommuneleverancer.values_list("deltagelse__kommune__kode", flat=True)) == ["101", "147"]
    with pytest.raises(ValidationError, match="Kan ikke leveres: regnskab"):
        dataleverance(program, ministeriet, titel="Regnskab", indhold=["regnskab"])
    with pytest.raises(ValidationError, match="Vælg mindst én"):
        dataleverance(program, ministeriet, titel="Tom", indhold=[])
    # Every content kind has its builder now, so the ministry can order each of them.
    assert [v for v, _ in DataleveranceForm(program=program).fields["indhold"].choices] == Indholdsart.values


def _anbragte(kobenhavn_antal: int) -> None:
    """København's and Frederiksberg's children placed (per 1.000 aged 0–17) in 2011, as the import writes them."""
    importer([("101", "anbragte_0_17", 2011, kobenhavn_antal, 100_000), ("147", "anbragte_0_17", 2011, 300, 20_000)])


def test_submitting_freezes_exactly_what_was_delivered(program, projektleder_101, ministeriet):
    """Every content kind, frozen: the application, the grant and spending, the attendance, the social profile's
    figures (suppression applied), the strategy and its follow-ups. Whatever changes afterwards, the snapshot, its
    checksum and what its page shows stay as delivered."""
    leverance = dataleverance(program, ministeriet, titel="Alt 2011", aar=2011, indhold=Indholdsart.values)
    kl = _kl(leverance)
    deltagelse = kl.deltagelse
    forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (150_000, "Koordinator")}, bruger=projektleder_101)
    _anbragte(812)
    fund_gem(
        kommune=deltagelse.kommune,
        kategori="anbringelser",
        tekst="Mange anbringes sent.",
        version=0,
        bruger=projektleder_101,
    )
    strategi = godkend(StrategiFactory(deltagelse=deltagelse, fuld=True))
    maal = strategi.maal.get()
    opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(55), bruger=projektleder_101)
    indsendelse = services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    foer = (indsendelse.snapshot, indsendelse.sha256)
    afsnit = {a["art"]: a for a in indsendelse.snapshot["afsnit"]}
    assert list(afsnit) == Indholdsart.values
    assert afsnit["oekonomi"]["data"]["aar"][0] == {
        "aar": 2011,
        "ansoegt": 1_400_000,
        "bevilget": 200_000,
        "forbrugt": 150_000,
        "rest": 50_000,
        "bemaerkning": "Koordinator",
    }
    assert ["2011", "1.400.000 kr.", "200.000 kr.", "150.000 kr.", "50.000 kr.", "Koordinator"] in (
        afsnit["oekonomi"]["blokke"][0]["raekker"]
    )
    profil = afsnit["social_profil"]
    (anbragte,) = [n for n in profil["data"]["noegletal"] if n["indikator"] == "anbragte_0_17"]
    assert (anbragte["aar"], anbragte["antal"], anbragte["vaerdi"], anbragte["skjult"]) == (2011, 812, "8.1", False)
    assert profil["data"]["fund"] == {"anbringelser": "Mange anbringes sent."}
    assert ["Status", "Godkendt af ministeriet"] in afsnit["strategi"]["blokke"][0]["felter"]
    (maal_data,) = afsnit["opfoelgning"]["data"]["maal"]
    assert [o["vaerdi"] for o in maal_data["opfoelgninger"]] == ["55.0000"]

    # The live data changes afterwards: spending, a new grant decision, attendance at a meeting, new figures, the
    # findings, the strategy's political adoption, a new follow-up.
    forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (199_000, "Mere brugt")}, bruger=projektleder_101)
    afgoerelse_traef(
        ansoegning=deltagelse.ansoegning,
        udvalgt=True,
        begrundelse="Ny afgørelse",
        bevillinger={2011: 250_000, 2012: 1_180_000},
        bruger=ministeriet,
    )
    afholdt = moede_marker_afholdt(moede=moede(leverance.program))
    fremmoede_registrer(
        moede=afholdt, kommune=deltagelse.kommune, status="til_stede", deltagere="X", bruger=ministeriet
    )
    _anbragte(3)  # now a small number: hidden on the profile
    fund_gem(
        kommune=deltagelse.kommune, kategori="anbringelser", tekst="Rettet fund.", version=1, bruger=projektleder_101
    )
    strategi_registrer_vedtagelse(
        strategi=strategi, dato=timezone.localdate(), organ="Byrådet", bruger=projektleder_101
    )
    opfoelgning_opret(maal=maal, dato=date(2012, 9, 30), vaerdi=Decimal(10), bruger=projektleder_101)
    assert Bevilling.objects.get(deltagelse=deltagelse, aar=2011).forbrugt == 199_000
    assert noegletal_snapshot_nu(deltagelse, leverance)["vaerdi"] is None  # the live profile now hides it

    gemt = Indsendelse.objects.get(pk=indsendelse.pk)
    assert (gemt.snapshot, gemt.sha256) == foer
    assert "250.000 kr." not in str(gemt.snapshot) and "Byrådet" not in str(gemt.snapshot)
    # The viewer shows the frozen figures, not the live ones.
    client = Client()
    client.force_login(projektleder_101)
    side = client.get(f"/indsendelser/{indsendelse.pk}/").content.decode()
    assert "150.000 kr." in side and "199.000 kr." not in side
    assert "Mange anbringes sent." in side and "Rettet fund." not in side
    assert "Godkendt af ministeriet" in side and "Byrådet" not in side


def noegletal_snapshot_nu(deltagelse, leverance) -> dict:
    """What the social profile's builder would deliver now for København's children placed in 2011."""
    afsnit = social_profil(deltagelse, leverance, deltagelse.kommune.projektledere.first())
    return next(n for n in afsnit["data"]["noegletal"] if n["indikator"] == "anbragte_0_17" and n["aar"] == 2011)


def test_the_database_refuses_to_change_or_delete_a_snapshot(leverance, projektleder_101):
    indsendelse = services.leverance_indsend(kommuneleverance=_kl(leverance), bruger=projektleder_101)
    for skriv in (
        lambda: Indsendelse.objects.filter(pk=indsendelse.pk).update(snapshot={"forfalsket": True}),
        lambda: Indsendelse.objects.filter(pk=indsendelse.pk).update(sha256="0" * 64),
        lambda: Indsendelse.objects.filter(pk=indsendelse.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="pgtrigger: Cannot"), transaction.atomic():
            skriv()
    assert Indsendelse.objects.get(pk=indsendelse.pk).sha256 == indsendelse.sha256


def test_a_second_submission_is_refused_while_the_first_awaits_review(leverance, projektleder_101, client_for):
    kl = _kl(leverance)
    services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    with pytest.raises(ValidationError, match="afventer ministeriets gennemgang"):
        services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    svar = client_for(projektleder_101).post(f"/leverancer/{leverance.pk}/101/indsend/")
    assert svar.status_code == 403
    assert Indsendelse.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_become_one(kommunedata_transaktion, ministeriet, projektleder_101):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    leverance = dataleverance(program, ministeriet)
    kl = _kl(leverance)
    start = threading.Barrier(2)
    resultater = []

    def indsend():
        try:
            start.wait()
            services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
            resultater.append("indsendt")
        except ValidationError as exc:
            resultater.append(" ".join(exc.messages))
        finally:
            close_old_connections()
            connection.close()

    traade = [threading.Thread(target=indsend) for _ in range(2)]
    for t in traade:
        t.start()
    for t in traade:
        t.join()
    assert sorted(resultater)[1] == "indsendt"
    assert "afventer ministeriets gennemgang" in sorted(resultater)[0]
    assert Indsendelse.objects.filter(kommuneleverance=kl).count() == 1


def test_returned_with_a_comment_then_resubmitted_and_approved(
    leverance, projektleder_101, ministeriet, django_capture_on_commit_callbacks
):
    kl = _kl(leverance)
    forste = services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    with pytest.raises(ValidationError, match="Skriv, hvad kommunen skal rette"):
        services.indsendelse_vurder(indsendelse=forste, godkendt=False, kommentar=" ", bruger=ministeriet)
    with django_capture_on_commit_callbacks(execute=True):
        services.indsendelse_vurder(
            indsendelse=forste, godkendt=False, kommentar="Forbruget mangler", bruger=ministeriet
        )
    assert _kl(leverance).status == Leverancestatus.SENDT_TILBAGE
    assert "Forbruget mangler" in mail.outbox[-1].body and mail.outbox[-1].to == [projektleder_101.email]
    anden = services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    assert anden.nummer == 2
    with pytest.raises(ValidationError, match="afventer ikke gennemgang"):
        services.indsendelse_vurder(indsendelse=forste, godkendt=True, kommentar="", bruger=ministeriet)
    services.indsendelse_vurder(indsendelse=anden, godkendt=True, kommentar="", bruger=ministeriet)
    assert _kl(leverance).status == Leverancestatus.GODKENDT
    with pytest.raises(ValidationError, match="godkendt og kan ikke indsendes igen"):
        services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    # The first snapshot is still there, with its own review.
    assert Indsendelse.objects.get(pk=forste.pk).resultat == Leverancestatus.SENDT_TILBAGE


def test_the_overview_shows_what_is_due_late_and_missing(program, ministeriet, projektleder_101):
    forsinket = dataleverance(program, ministeriet, titel="Økonomi 2011", frist=timezone.now() - timedelta(days=2))
    kommende = dataleverance(program, ministeriet, titel="Opfølgning 2012")
    services.leverance_indsend(kommuneleverance=_kl(forsinket), bruger=projektleder_101)
    overblik = leveranceoverblik(program, ministeriet)
    celler = {
        (r.dataleverance.titel, c.deltagelse.kommune.kode): (c.tekst, c.forsinket)
        for r in overblik.raekker
        for c in r.celler
    }
    assert celler == {
        ("Økonomi 2011", "101"): ("Indsendt", False),
        ("Økonomi 2011", "147"): ("Forsinket", True),
        ("Opfølgning 2012", "101"): ("Afventer", False),
        ("Opfølgning 2012", "147"): ("Afventer", False),
    }
    assert kommende.pk
    # A lead sees only their own municipality's row.
    assert [c.deltagelse.kommune.kode for c in leveranceoverblik(program, projektleder_101).raekker[0].celler] == [
        "101"
    ]


def test_the_overview_page_uses_a_fixed_number_of_queries(
    client_for, program, ministeriet, django_assert_max_num_queries
):
    client = client_for(ministeriet)
    url = f"/programmer/{program.pk}/leverancer/"
    dataleverance(program, ministeriet, titel="Leverance 0")
    with CaptureQueriesContext(connection) as en:
        assert client.get(url).status_code == 200
    for nr in range(1, 6):
        dataleverance(program, ministeriet, titel=f"Leverance {nr}")
    with django_assert_max_num_queries(len(en)):
        assert client.get(url).status_code == 200


def test_a_lead_cannot_open_another_municipalitys_snapshot(client_for, leverance, projektleder_101, projektleder_147):
    indsendelse = services.leverance_indsend(kommuneleverance=_kl(leverance), bruger=projektleder_101)
    assert client_for(projektleder_147).get(f"/indsendelser/{indsendelse.pk}/").status_code == 404
    assert client_for(projektleder_147).get(f"/leverancer/{leverance.pk}/101/").status_code == 404


def test_a_municipality_that_joined_later_owes_the_delivery_too(program, leverance, ministeriet):
    ny = Deltagelse.objects.create(program=program, kommune=Kommune.objects.get(kode="751"))
    celle = next(c for c in leveranceoverblik(program, ministeriet).raekker[0].celler if c.deltagelse == ny)
    assert celle.kommuneleverance is None and celle.status == Leverancestatus.AFVENTER


def test_reminders_a_week_before_and_on_the_day_once_each_to_those_who_owe(program, ministeriet, projektleder_101):
    frist = dansk_tidspunkt(timezone.localdate() + timedelta(days=7), time(12))
    leverance = dataleverance(program, ministeriet, frist=frist)
    services.leverance_indsend(
        kommuneleverance=_kl(leverance, "147"),
        bruger=program.deltagelser.get(kommune__kode="147").kommune.projektledere.first(),
    )
    mail.outbox.clear()
    i_dag = timezone.localdate()
    assert services.paamindelser_send(i_dag=i_dag) == 1
    assert [b.to for b in mail.outbox] == [[projektleder_101.email]]
    assert "Påmindelse" in mail.outbox[0].subject
    assert services.paamindelser_send(i_dag=i_dag) == 0  # the same day again: nothing new
    assert services.paamindelser_send(i_dag=i_dag + timedelta(days=3)) == 0  # the week's reminder is sent
    assert services.paamindelser_send(i_dag=i_dag + timedelta(days=7)) == 1  # on the day
    assert "i dag" in mail.outbox[-1].subject
    assert services.paamindelser_send(i_dag=i_dag + timedelta(days=8)) == 0
    assert sorted(Paamindelse.objects.values_list("art", flat=True)) == ["paa_dagen", "uge_foer"]


def test_a_reminder_whose_email_fails_is_not_recorded_and_is_sent_next_time(program, ministeriet, settings):
    leverance = dataleverance(program, ministeriet, frist=dansk_tidspunkt(timezone.localdate(), time(23, 59)))
    settings.EMAIL_BACKEND = "tests.evaluering.test_leverancer.FejlendeBackend"
    with pytest.raises(ConnectionRefusedError):
        services.paamindelser_send(i_dag=timezone.localdate())
    assert not Paamindelse.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.paamindelser_send(i_dag=timezone.localdate()) == 2
    assert leverance.pk


class FejlendeBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, beskeder):
        raise ConnectionRefusedError("Forbindelsen blev afvist")


def test_deadline_at_midnight_is_on_the_danish_day(program, ministeriet):
    # 23.30 Danish time on 31 March 2012 is already 21.30 UTC: the reminder day is the Danish date.
    frist = dansk_tidspunkt(datetime(2012, 3, 31).date(), time(23, 30))
    assert services._paamindelse_art(frist, datetime(2012, 3, 31).date()) == Paamindelse.Art.PAA_DAGEN
    assert services._paamindelse_art(frist, datetime(2012, 3, 24).date()) == Paamindelse.Art.UGE_FOER
    assert services._paamindelse_art(frist, datetime(2012, 3, 23).date()) is None


def test_a_key_figures_deviation_rank_and_remark_read_as_on_the_profile_page():
    # Zero is a deviation like any other; only a missing figure is a dash.
    assert _afvigelse_tekst(SimpleNamespace(afvigelse_land=Decimal("-12.34"))) == "-12,3 %"
    assert _afvigelse_tekst(SimpleNamespace(afvigelse_land=Decimal("0"))) == "0,0 %"
    assert _afvigelse_tekst(SimpleNamespace(afvigelse_land=None)) == "–"
    assert _rang_tekst(SimpleNamespace(rang=3, rangerede=97)) == "3 af 97"
    assert _rang_tekst(SimpleNamespace(rang=None, rangerede=0)) == "–"
    assert _bemaerkning(SimpleNamespace(markeringstekst="Over landet", status_tekst="")) == "Over landet"
    assert _bemaerkning(SimpleNamespace(markeringstekst="A", status_tekst="B")) == "A; B"
    assert _bemaerkning(SimpleNamespace(markeringstekst="", status_tekst="")) == "–"


def test_a_delivery_returned_before_the_rename_is_sent_back_and_its_history_keeps_the_label(
    leverance, projektleder_101, ministeriet
):
    """Migration 0004 renames the stored "returneret" to "sendt_tilbage" in the rows and their history, without a
    history event of its own."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("evaluering.migrations.0004_leverancestatus_sendt_tilbage")
    kl = _kl(leverance)
    indsendelse = services.leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    services.indsendelse_vurder(indsendelse=indsendelse, godkendt=False, kommentar="Ret det.", bruger=ministeriet)
    # The rows as the old code stored them.
    Kommuneleverance.objects.filter(pk=kl.pk).update(status="returneret")
    Indsendelse.objects.filter(pk=indsendelse.pk).update(resultat="returneret")
    haendelser = Kommuneleverance.pgh_event_model.objects.filter(pgh_obj=kl)
    haendelser.filter(status="sendt_tilbage").update(status="returneret")
    antal = haendelser.count()

    migration.frem(apps, None)

    assert _kl(leverance).status == Leverancestatus.SENDT_TILBAGE
    assert Indsendelse.objects.get(pk=indsendelse.pk).resultat == Leverancestatus.SENDT_TILBAGE
    assert haendelser.count() == antal
    assert "returneret" not in set(haendelser.values_list("status", flat=True))
    assert haendelser.order_by("-pgh_id").first().get_status_display() == "Sendt tilbage med kommentar"


def test_the_pages_and_the_mail_say_sent_back_never_returned(
    leverance, projektleder_101, ministeriet, client_for, django_capture_on_commit_callbacks
):
    """One word for the act, as for applications, strategies and own figures: "sendt tilbage"."""
    indsendelse = services.leverance_indsend(kommuneleverance=_kl(leverance), bruger=projektleder_101)
    vurdering = client_for(ministeriet).get(f"/indsendelser/{indsendelse.pk}/vurder/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_for(ministeriet).post(
            f"/indsendelser/{indsendelse.pk}/vurder/", {"resultat": "sendt_tilbage", "kommentar": "Ret det."}
        )
    assert svar.status_code == 302
    side = client_for(projektleder_101).get(f"/leverancer/{leverance.pk}/101/").content.decode()
    assert "Sendt tilbage med kommentar" in side
    for tekst in (vurdering, side, mail.outbox[-1].subject, mail.outbox[-1].body):
        assert "eturner" not in tekst
