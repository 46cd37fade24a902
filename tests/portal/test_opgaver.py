"""Mine opgaver (portal/opgaver.py): what each role is asked to do, where, and nothing from another municipality."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluering.models import Kommuneleverance, Laest, Moede, Moedeart, Pakkeart
from evaluering.services.laest import laest_registrer
from evaluering.services.leverancer import indsendelse_vurder, leverance_indsend
from evaluering.services.moeder import (
    dagsordenspunkt_flyt,
    dagsordenspunkt_slet,
    dagsordenspunkt_tilfoej,
    moede_marker_afholdt,
    referat_gem,
    referat_godkend,
)
from evaluering.services.rapporter import rapportpakke_gem
from forebyggelse.formatering import dansk_tid, dato, ejefald
from forebyggelse.roller import Rolle
from kommuner.models import Vurdering
from kommuner.services.ansoegninger import (
    ansoegning_genaabn,
    ansoegning_send_tilbage,
    genaabningsanmodning_afvis,
    genaabningsanmodning_opret,
)
from kommuner.services.organisation import milepael_gem
from kommuner.services.vurderinger import Vurderingsindhold, vurdering_gem
from portal.opgaver import opgaver_for
from strategi.models import Handling, HandlingStatus
from strategi.services.strategier import strategi_send_tilbage
from tests.evaluering.factories import dataleverance, moede, program_med_deltagere
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory, projektleder_for
from tests.strategi.factories import HandlingFactory, StrategiFactory, godkend

pytestmark = pytest.mark.django_db


def titler(user, **kw) -> list[str]:
    return [o.titel for o in opgaver_for(user, **kw)]


def test_ejefald_is_an_s_or_after_s_x_z_an_apostrophe():
    assert [ejefald(n) for n in ("Odense", "Aarhus", "Vejle Kommune", "Fanø")] == [
        "Odenses",
        "Aarhus'",
        "Vejle Kommunes",
        "Fanøs",
    ]


def test_the_ministry_assesses_then_decides_each_submitted_application(ministeriet, kobenhavn):
    ansoegning = AnsoegningFactory(kommune=kobenhavn, indsendt=True)
    assert "Vurdér Københavns interessetilkendegivelse" in titler(ministeriet)
    vurdering_gem(
        vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=ministeriet),
        bruger=ministeriet,
        indhold=Vurderingsindhold(),
        version=0,
    )
    liste = titler(ministeriet)
    assert "Vurdér Københavns interessetilkendegivelse" not in liste
    assert "Træf afgørelse om Københavns interessetilkendegivelse" in liste


def test_the_ministry_sees_what_waits_for_its_review(ministeriet, projektleder_101):
    strategi = StrategiFactory(status="indsendt")
    program = program_med_deltagere("101", ministeriet=ministeriet)
    leverance = dataleverance(program, ministeriet)
    kl = Kommuneleverance.objects.get(dataleverance=leverance, deltagelse__kommune__kode="101")
    leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    liste = titler(ministeriet)
    assert "Godkend Københavns forebyggelsesstrategi, eller send den tilbage" in liste
    assert "Gennemse “Opfølgning 2012” fra København" in liste
    # Reviewed: off the list.
    strategi_send_tilbage(strategi=strategi, kommentar="Målene mangler tal.", bruger=ministeriet)
    indsendelse_vurder(indsendelse=kl.indsendelser.get(), godkendt=True, kommentar="", bruger=ministeriet)
    liste = titler(ministeriet)
    assert not [t for t in liste if "forebyggelsesstrategi" in t or t.startswith("Gennemse")]


def test_deliveries_owed_after_their_deadline_are_one_line_per_municipality_oldest_first(ministeriet):
    program = program_med_deltagere("101", "147", ministeriet=ministeriet)
    dataleverance(program, ministeriet, titel="A", frist=timezone.now() - timedelta(days=10))
    dataleverance(program, ministeriet, titel="B", frist=timezone.now() - timedelta(days=3))
    dataleverance(program, ministeriet, titel="C", frist=timezone.now() + timedelta(days=3))
    forsinket = [o for o in opgaver_for(ministeriet) if o.art == "Forsinket hos kommunerne"]
    # The same oldest deadline: by municipality code.
    assert [o.titel for o in forsinket] == [
        "København mangler 2 leverancer efter fristen",
        "Frederiksberg mangler 2 leverancer efter fristen",
    ]
    assert all(o.forsinket(timezone.localdate()) for o in forsinket)


def test_a_held_meeting_asks_for_attendance_and_a_coming_one_does_not(ministeriet, projektleder_101):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    holdt = moede_marker_afholdt(moede=moede(program))
    moede(program, dag=timezone.localdate() + timedelta(days=30), nummer=3)
    liste = titler(ministeriet)
    assert [t for t in liste if t.startswith("Registrér fremmødet")] == [
        f"Registrér fremmødet ved {holdt.titel.lower()} den {dato(dansk_tid(holdt.start))}"
    ]
    dag = dato(dansk_tid(holdt.start))
    assert f"Meld Københavns fremmøde ved {holdt.titel.lower()} den {dag}" in titler(projektleder_101)


def test_a_lead_sees_only_their_own_municipalitys_tasks(projektleder_101, projektleder_147, frederiksberg):
    StrategiFactory()  # København's draft
    StrategiFactory(kommune=frederiksberg)
    egne = opgaver_for(projektleder_101)
    assert [o.titel for o in egne if o.art == "Forebyggelsesstrategien"] == [
        "Gør færdig og indsend Københavns forebyggelsesstrategi"
    ]
    assert all(o.kommune in ("", "København") for o in egne)
    assert all(o.kommune in ("", "Frederiksberg") for o in opgaver_for(projektleder_147))


def _anmod_om_genaabning(program, kommune):
    ansoegning = AnsoegningFactory(program=program, kommune=kommune, udfyldt=True)
    return genaabningsanmodning_opret(ansoegning=ansoegning, bruger=projektleder_for(kommune), begrundelse="Sygdom.")


def test_a_request_to_reopen_is_a_task_for_the_ministry_until_answered(ministeriet, kobenhavn, frederiksberg):
    sent = ProgramFactory(ansoegningsfrist=timezone.now() - timedelta(hours=1))
    kbh = _anmod_om_genaabning(sent, kobenhavn)
    frb = _anmod_om_genaabning(sent, frederiksberg)
    anmodninger = [o for o in opgaver_for(ministeriet) if o.art == "Anmodninger om genåbning"]
    assert [(o.titel, o.url, o.kommune, o.bemaerkning) for o in anmodninger] == [
        (
            "Svar på Københavns Kommunes anmodning om genåbning",
            f"/ansoegninger/{kbh.ansoegning_id}/genaabn/",
            "København",
            "Sygdom.",
        ),
        (
            "Svar på Frederiksberg Kommunes anmodning om genåbning",
            f"/ansoegninger/{frb.ansoegning_id}/genaabn/",
            "Frederiksberg",
            "Sygdom.",
        ),
    ]
    assert {o.bemaerkning_fra for o in anmodninger} == {"Kommunens begrundelse"}
    genaabningsanmodning_afvis(anmodning=kbh, bruger=ministeriet, svar="Fristen gælder alle.")
    ansoegning_genaabn(
        ansoegning=frb.ansoegning,
        aaben_til=timezone.now() + timedelta(days=7),
        begrundelse="Sygdom.",
        bruger=ministeriet,
    )
    assert not [t for t in titler(ministeriet) if "anmodning om genåbning" in t]


def test_what_the_ministry_sent_back_is_a_task_with_its_comment(ministeriet, projektleder_101, kobenhavn):
    ansoegning = AnsoegningFactory(kommune=kobenhavn, indsendt=True)
    ansoegning_send_tilbage(ansoegning=ansoegning, kommentar="Afsnit C mangler.", bruger=ministeriet)
    (opgave,) = [o for o in opgaver_for(projektleder_101) if o.art == "Interessetilkendegivelser"]
    assert opgave.titel.startswith("Ret og send Københavns interessetilkendegivelse")
    assert opgave.bemaerkning == "Afsnit C mangler."
    assert opgave.url == f"/ansoegninger/{ansoegning.pk}/"


def test_a_late_action_is_a_task_until_it_is_done(projektleder_101):
    strategi = StrategiFactory(fuld=True)
    handling = HandlingFactory(strategi=strategi, titel="Familiehus åbner", slut=date(2012, 3, 31))
    godkend(strategi)
    titel = "Meld fremskridt på handlingen “Familiehus åbner”"
    (opgave,) = [o for o in opgaver_for(projektleder_101) if o.titel == titel]
    assert opgave.art == "Handlinger, der er forsinkede"
    assert opgave.frist == date(2012, 3, 31)
    assert opgave.url == f"/handlinger/{handling.pk}/fremskridt/nyt/"
    Handling.objects.filter(pk=handling.pk).update(status=HandlingStatus.GENNEMFOERT)
    assert titel not in titler(projektleder_101)


def test_the_evaluator_sees_what_is_new_since_the_previous_login(ministeriet, evaluator, projektleder_101):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    kl = Kommuneleverance.objects.get(
        dataleverance=dataleverance(program, ministeriet), deltagelse__kommune__kode="101"
    )
    indsendelse = leverance_indsend(kommuneleverance=kl, bruger=projektleder_101)
    indsendelse_vurder(indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet)
    assert titler(evaluator, siden=None) == ["“Opfølgning 2012”: 1 kommune godkendt"]
    assert titler(evaluator, siden=timezone.now()) == []


def test_the_steering_group_sees_its_next_meeting(styregruppe, ministeriet):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    moede(program, art=Moedeart.STYREGRUPPE)
    moede(program, dag=timezone.localdate() + timedelta(days=20), nummer=3)  # a network meeting: not theirs
    naeste = moede(program, art=Moedeart.STYREGRUPPE, dag=timezone.localdate() + timedelta(days=30), nummer=3)
    assert [(o.titel, o.frist) for o in opgaver_for(styregruppe)] == [
        (f"Læs dagsordenen til næste møde: 3. styregruppemøde den {dato(dansk_tid(naeste.start))}", naeste.start)
    ]


def _godkendt_leverance(program, ministeriet, kode: str, *, leverance=None, nu=None):
    """The municipality submits its part of the delivery (by default a new one), and the ministry approves it."""
    leverance = leverance or dataleverance(program, ministeriet)
    kl = Kommuneleverance.objects.get(dataleverance=leverance, deltagelse__kommune__kode=kode)
    indsendelse = leverance_indsend(kommuneleverance=kl, bruger=projektleder_for(kl.deltagelse.kommune))
    indsendelse_vurder(indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet, nu=nu)
    return leverance


def test_opening_a_delivery_ends_its_task_until_the_ministry_approves_another_municipality(
    client_for, ministeriet, evaluator
):
    program = program_med_deltagere("101", "147", "151", ministeriet=ministeriet)
    leverance = _godkendt_leverance(program, ministeriet, "101")
    _godkendt_leverance(program, ministeriet, "147", leverance=leverance)
    assert titler(evaluator, siden=None) == ["“Opfølgning 2012”: 2 kommuner godkendt"]
    assert client_for(evaluator).get(f"/leverancer/{leverance.pk}/").status_code == 200
    assert titler(evaluator, siden=None) == []
    # Approved after the opening: back, counting only what came after it.
    _godkendt_leverance(program, ministeriet, "151", leverance=leverance, nu=timezone.now() + timedelta(seconds=1))
    assert titler(evaluator, siden=None) == ["“Opfølgning 2012”: 1 kommune godkendt"]


def test_another_users_opening_leaves_the_task_on_ones_own_list(ministeriet, evaluator, styregruppe):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    leverance = _godkendt_leverance(program, ministeriet, "101")
    naeste = moede(program, art=Moedeart.STYREGRUPPE, dag=timezone.localdate() + timedelta(days=30), nummer=3)
    laest_registrer(bruger=BrugerFactory(rolle=Rolle.EVALUATOR), dataleverance=leverance)
    laest_registrer(bruger=BrugerFactory(rolle=Rolle.STYREGRUPPE), moede=naeste)
    laest_registrer(bruger=evaluator, moede=naeste)  # a mark on another thing of one's own does not count either
    assert titler(evaluator, siden=None) == ["“Opfølgning 2012”: 1 kommune godkendt"]
    assert len(opgaver_for(styregruppe)) == 1


def test_a_report_package_is_new_to_the_evaluator_until_fetched(client_for, ministeriet, evaluator):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    pakke = rapportpakke_gem(
        program=program,
        art=Pakkeart.RAPPORTER,
        indhold=b"PK",
        manifest=[],
        datastand=timezone.now(),
        bruger=ministeriet,
    )
    assert titler(evaluator, siden=None) == [f"Ny rapportpakke: {pakke.filnavn}"]
    assert titler(evaluator, siden=timezone.now()) == []  # made before the previous login: not new
    assert client_for(evaluator).get(f"/rapportpakker/{pakke.pk}/").status_code == 200
    assert titler(evaluator, siden=None) == []


def test_the_steering_group_reads_the_agenda_again_after_it_changes(client_for, ministeriet, styregruppe):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    naeste = moede(program, art=Moedeart.STYREGRUPPE, dag=timezone.localdate() + timedelta(days=30), nummer=3)
    punkt = dagsordenspunkt_tilfoej(moede=naeste, titel="Status")
    assert len(opgaver_for(styregruppe)) == 1
    side = client_for(styregruppe)
    assert side.get(f"/moeder/{naeste.pk}/").status_code == 200
    assert opgaver_for(styregruppe) == []
    # A new item, a moved one, a deleted one: each a changed agenda, and the task is back until the next opening.
    aendringer = [
        lambda: dagsordenspunkt_tilfoej(moede=naeste, titel="Budget 2013"),
        lambda: dagsordenspunkt_flyt(punkt=punkt, retning="ned"),
        lambda: dagsordenspunkt_slet(punkt=punkt),
    ]
    for aendring in aendringer:
        aendring()
        assert [o.url for o in opgaver_for(styregruppe)] == [f"/moeder/{naeste.pk}/"]
        side.get(f"/moeder/{naeste.pk}/")
        assert opgaver_for(styregruppe) == []


def test_approved_minutes_are_for_the_steering_group_to_read_until_opened(client_for, ministeriet, styregruppe):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    afholdt = moede_marker_afholdt(moede=moede(program, art=Moedeart.STYREGRUPPE))
    referat_gem(moede=afholdt, referat="Status blev drøftet.", version=afholdt.version, bruger=ministeriet)
    referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)
    titel = f"Læs referatet af 2. styregruppemøde den {dato(dansk_tid(afholdt.start))}"
    assert titler(styregruppe, siden=None) == [titel]
    assert titler(styregruppe, siden=timezone.now()) == []  # approved before the previous login
    assert client_for(styregruppe).get(f"/moeder/{afholdt.pk}/").status_code == 200
    assert titler(styregruppe, siden=None) == []


def test_a_seen_mark_is_one_row_per_user_and_thing_and_names_exactly_one_thing(
    ministeriet, styregruppe, django_assert_num_queries
):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    naeste = moede(program, art=Moedeart.STYREGRUPPE)
    laest_registrer(bruger=styregruppe, moede=naeste)
    foerst = Laest.objects.get().tidspunkt
    with django_assert_num_queries(1):  # a page view pays one upsert for it
        laest_registrer(bruger=styregruppe, moede=naeste)
    assert Laest.objects.get().tidspunkt > foerst
    with pytest.raises(ValidationError):
        laest_registrer(bruger=styregruppe)
    with pytest.raises(ValidationError):
        laest_registrer(bruger=styregruppe, moede=naeste, dataleverance=dataleverance(program, ministeriet))


def _deltagere_med_opgaver(ministeriet, koder):
    program = program_med_deltagere(*koder, ministeriet=ministeriet, samlet_budget=50_000_000)
    dataleverance(program, ministeriet, titel="Forsinket", frist=timezone.now() - timedelta(days=3))
    til_gennemsyn = dataleverance(program, ministeriet, titel="Til gennemsyn")
    for kl in Kommuneleverance.objects.filter(dataleverance=til_gennemsyn).select_related("deltagelse__kommune"):
        indsendelse = leverance_indsend(kommuneleverance=kl, bruger=projektleder_for(kl.deltagelse.kommune))
        if kl.deltagelse.kommune.kode in ("147", "155"):
            indsendelse_vurder(indsendelse=indsendelse, godkendt=True, kommentar="", bruger=ministeriet)
    for deltagelse in program.deltagelser.all():
        StrategiFactory(deltagelse=deltagelse, status="indsendt")
    moede_marker_afholdt(moede=moede(program))
    moede(program, art=Moedeart.STYREGRUPPE, dag=timezone.localdate() + timedelta(days=30), nummer=3)
    afholdt = moede_marker_afholdt(moede=moede(program, art=Moedeart.STYREGRUPPE))
    referat_gem(moede=afholdt, referat="Status blev drøftet.", version=afholdt.version, bruger=ministeriet)
    referat_godkend(moede=afholdt, bruger=ministeriet, version=Moede.objects.get(pk=afholdt.pk).version)
    sent = ProgramFactory(ansoegningsfrist=timezone.now() - timedelta(hours=1))
    for deltagelse in program.deltagelser.select_related("kommune"):
        _anmod_om_genaabning(sent, deltagelse.kommune)
        # A late milestone and one due this month: two tasks for the lead, whatever the number of participants.
        for maaned in (timezone.localdate().replace(day=1) - timedelta(days=1), timezone.localdate()):
            milepael_gem(
                deltagelse=deltagelse,
                titel=f"Milepæl {maaned:%m}",
                ansvarlig="Projektgruppen",
                maaned=maaned,
                bruger=projektleder_for(deltagelse.kommune),
            )
    return program


def test_the_task_lists_take_the_same_queries_for_two_participants_as_for_five(
    ministeriet, projektleder_101, styregruppe, evaluator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    brugere = {"ministeriet": ministeriet, "projektleder": projektleder_101}
    antal = {}
    for koder in (("101", "147"), ("151", "153", "155")):
        program = _deltagere_med_opgaver(ministeriet, koder)
        # Seen marks (the evaluator's and the steering group's lists read them): an opened delivery, an opened
        # coming meeting.
        laest_registrer(bruger=evaluator, dataleverance=program.dataleverancer.get(titel="Forsinket"))
        laest_registrer(bruger=styregruppe, moede=program.moeder.get(referat_godkendt=None, nummer=3))
        for navn, bruger in brugere.items():
            with CaptureQueriesContext(connection) as forespoergsler:
                assert opgaver_for(bruger)
            antal.setdefault(navn, []).append(len(forespoergsler))
        for navn, bruger in (("evaluator", evaluator), ("styregruppe", styregruppe)):
            with CaptureQueriesContext(connection) as forespoergsler:
                assert opgaver_for(bruger, siden=None)
            antal.setdefault(navn, []).append(len(forespoergsler))
    assert all(foer == efter for foer, efter in antal.values()), antal


def test_progress_is_a_task_for_the_ministry_until_seen_and_for_the_lead_when_sent_back(ministeriet, projektleder_101):
    from strategi.services.fremskridt import Fremskridtsindhold, fremskridt_kommenter, fremskridt_registrer

    strategi = StrategiFactory(fuld=True)
    handling = HandlingFactory(strategi=strategi, titel="Familiehus åbner", slut=date(2012, 3, 31))
    godkend(strategi)
    fremskridt = fremskridt_registrer(
        handling=handling,
        indhold=Fremskridtsindhold(dato=date(2012, 3, 1), status=HandlingStatus.I_GANG, notat="Lokaler fundet."),
        bruger=projektleder_101,
    )
    assert "Se 1 nyt fremskridt i Københavns handleplan" in titler(ministeriet)
    fremskridt_kommenter(fremskridt=fremskridt, tekst="Hvornår åbner huset?", send_tilbage=True, bruger=ministeriet)
    assert not [t for t in titler(ministeriet) if "fremskridt" in t]
    (opgave,) = [o for o in opgaver_for(projektleder_101) if o.art == "Fremskridt sendt tilbage"]
    assert opgave.titel == "Ret fremskridtet på handlingen “Familiehus åbner”"
    assert opgave.bemaerkning == "Hvornår åbner huset?"
