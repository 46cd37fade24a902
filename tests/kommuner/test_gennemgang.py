"""The review of the programmes code (issue 6): a submitted application that must not change, drafts that stay
private in the history, one rule in one layer, totals in one place, Danish time, reads that load only what a
page shows, typed services, and one word per meaning. The races are in test_samtidighed.py."""

import inspect
import re
from datetime import UTC, date, datetime, time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from forebyggelse.formatering import dansk_tidspunkt
from forebyggelse.historik import HISTORIK_PR_SIDE
from forebyggelse.roller import Rolle
from kommuner import permissions
from kommuner.models import (
    Afgoerelse,
    AnsoegningQuerySet,
    AnsoegningStatus,
    Bruger,
    DeltagelseQuerySet,
    Genaabningsanmodning,
    Milepael,
)
from kommuner.services import ansoegninger, bevillinger, kommuner, oplysninger, opsaetninger, programmer, vurderinger
from kommuner.services.ansoegninger import Ansoegningsindhold, ansoegning_gem, ansoegning_send_tilbage
from kommuner.services.bevillinger import afgoerelse_traef
from tests.kommuner.factories import UDFYLDT, AnsoegningFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory()


@pytest.fixture
def indsendt(program, kobenhavn, projektleder_101):
    return AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)


def udvaelg(ansoegning, ministeriet, *, udvalgt=True):
    afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=udvalgt,
        begrundelse="Begrundelse.",
        bevillinger={2011: 200_000, 2012: 1_180_000} if udvalgt else {},
        bruger=ministeriet,
    )


# 3. A submitted application must not change: no sending back once the municipality is selected ---------


def test_sending_back_is_refused_while_the_municipality_is_selected(client_for, indsendt, ministeriet):
    udvaelg(indsendt, ministeriet)
    client = client_for(ministeriet)
    url = reverse("kommuner:ansoegning_send_tilbage", args=[indsendt.pk])
    for response in (client.get(url), client.post(url, {"kommentar": "Ret budgettet."})):
        assert response.status_code == 403
        assert "Ændr afgørelsen til ikke udvalgt først" in response.content.decode()
    with pytest.raises(ValidationError, match="Ændr afgørelsen til ikke udvalgt først"):
        ansoegning_send_tilbage(ansoegning=indsendt, kommentar="Ret budgettet.", bruger=ministeriet)
    indsendt.refresh_from_db()
    assert indsendt.status == AnsoegningStatus.INDSENDT
    assert "Send tilbage til ændring" not in client.get(f"/ansoegninger/{indsendt.pk}/").content.decode()


def test_once_the_decision_is_changed_to_not_selected_it_can_be_sent_back(indsendt, ministeriet):
    udvaelg(indsendt, ministeriet)
    udvaelg(indsendt, ministeriet, udvalgt=False)
    ansoegning_send_tilbage(ansoegning=indsendt, kommentar="Ret budgettet.", bruger=ministeriet)
    indsendt.refresh_from_db()
    assert indsendt.status == AnsoegningStatus.SENDT_TILBAGE


# 4. Drafts stay private in the history ---------------------------------------------------------------------


HEMMELIGT = "Hemmeligt udkast til baggrunden"


@pytest.fixture
def med_kladderevision(program, kobenhavn, projektleder_101):
    """An application whose draft said something before it was rewritten and submitted."""
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn)
    ansoegning_gem(
        ansoegning=ansoegning,
        indhold=Ansoegningsindhold(**{**UDFYLDT, "svar": {**UDFYLDT["svar"], 2: HEMMELIGT}}),
        beloeb={2011: 999_999},
        bruger=projektleder_101,
    )
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    return ansoegning


def test_outside_the_municipality_the_history_shows_creation_and_submission_never_a_draft(
    client, med_kladderevision, ministeriet, projektleder_101
):
    url = f"/ansoegninger/{med_kladderevision.pk}/"
    client.force_login(ministeriet)
    historik = client.get(url).context["historik"]
    assert [(h.hvad, h.handling) for h in historik] == [
        ("Interessetilkendegivelse", "Ændret"),  # submitted: Kladde → Indsendt
        ("Interessetilkendegivelse", "Oprettet"),
    ]
    assert ("status", "Kladde", "Indsendt") in [(a.felt, a.foer, a.efter) for a in historik.haendelser[0].aendringer]
    tekst = " ".join(f"{a.foer} {a.efter}" for h in historik for a in h.aendringer)
    assert HEMMELIGT not in tekst
    assert "999.999 kr." not in tekst
    client.force_login(projektleder_101)
    egen = client.get(url).context["historik"]
    assert HEMMELIGT in " ".join(f"{a.foer} {a.efter}" for h in egen for a in h.aendringer)
    assert "Ansøgt beløb" in {h.hvad for h in egen}, [(h.hvad, h.handling, h.aendringer) for h in egen]


def test_the_programme_and_municipality_pages_never_read_an_applications_events(
    client_for, med_kladderevision, ministeriet
):
    client = client_for(ministeriet)
    for url in (f"/programmer/{med_kladderevision.program_id}/", "/kommuner/101/oplysninger/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q for q in queries if "kommuner_ansoegningevent" in q["sql"]], url


def test_a_long_history_is_paged(client_for, program, kobenhavn, projektleder_101):
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn)
    for nr in range(HISTORIK_PR_SIDE + 5):
        ansoegning_gem(
            ansoegning=ansoegning,
            indhold=Ansoegningsindhold(svar={2: f"Udkast {nr}"}),
            beloeb={},
            bruger=projektleder_101,
        )
    client = client_for(projektleder_101)
    foerste = client.get(f"/ansoegninger/{ansoegning.pk}/")
    assert len(foerste.context["historik"]) == HISTORIK_PR_SIDE
    assert "Ældre ændringer" in foerste.content.decode()
    anden = client.get(f"/ansoegninger/{ansoegning.pk}/?historik=2")
    # 5 more drafts, the first save's clearing of section A's prefilled fields, and the creation.
    assert len(anden.context["historik"]) == 7
    assert "Nyere ændringer" in anden.content.decode()
    assert client.get(f"/ansoegninger/{ansoegning.pk}/?historik=x").status_code == 200  # a bad page is page 1


# 5. One rule, one layer ------------------------------------------------------------------------------------


def test_every_permission_predicate_returns_a_reason(program, indsendt, kobenhavn, ministeriet, evaluator):
    udvaelg(indsendt, ministeriet)
    eksempler = {
        "kommune": kobenhavn,
        "program": program,
        "ansoegning": indsendt,
        "deltagelse": indsendt.deltagelse,
        "anmodning": Genaabningsanmodning(ansoegning=indsendt),
        "milepael": Milepael(deltagelse=indsendt.deltagelse, titel="Planen er godkendt"),
    }
    predikater = [
        (navn, f) for navn, f in inspect.getmembers(permissions, inspect.isfunction) if navn.startswith("kan_")
    ]
    assert len(predikater) >= 12
    for navn, predikat in predikater:
        argumenter = [
            eksempler.get(p)
            for p in list(inspect.signature(predikat).parameters)[1:]
            if inspect.signature(predikat).parameters[p].default is inspect.Parameter.empty
        ]
        for bruger in (ministeriet, evaluator):
            svar = predikat(bruger, *argumenter)
            assert isinstance(svar, tuple) and len(svar) == 2, navn
            tilladt, grund = svar
            assert isinstance(tilladt, bool), navn
            assert bool(grund) != tilladt, f"{navn}: a refusal needs a reason, a permission none"


def test_services_do_not_ask_for_roles():
    """Who may act is the view's question (kan_*); services guard state."""
    for modul in (ansoegninger, bevillinger, vurderinger, programmer, oplysninger, opsaetninger):
        kilde = inspect.getsource(modul)
        for rolleord in ("kan_vurdere", "er_ministeriet", "er_projektleder", "kommuner_til_skrivning", "roller"):
            assert rolleord not in kilde, f"{modul.__name__} asks for a role: {rolleord}"


def test_the_menu_comes_from_the_roles_module(client_for, projektleder_101, evaluator):
    assert "Kommuner" not in [p["titel"] for p in client_for(projektleder_101).get("/").context["navigation"]]
    assert "Kommuner" in [p["titel"] for p in client_for(evaluator).get("/").context["navigation"]]


# 6. Totals in one place ------------------------------------------------------------------------------------


def test_every_page_pdf_and_email_shows_the_totals_of_the_one_annotation(
    client_for, monkeypatch, program, indsendt, ministeriet, projektleder_101, django_capture_on_commit_callbacks
):
    """Make the one annotation say 4.242 kr. / 7.777 kr.: every total shown must then say so, which only holds
    if every page, the receipt and the e-mail take their totals from it."""

    def falske_totaler(self):
        return self.annotate(ansoegt_i_alt=Value(4242), bevilget_i_alt=Value(7777))

    def falske_deltagertotaler(self):
        return self.annotate(ansoegt_i_alt=Value(4242), bevilget_i_alt=Value(7777), forbrugt_i_alt=Value(0))

    monkeypatch.setattr(AnsoegningQuerySet, "med_totaler", falske_totaler)
    monkeypatch.setattr(DeltagelseQuerySet, "med_totaler", falske_deltagertotaler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        udvaelg(indsendt, ministeriet)
    assert "I alt: 7.777 kr." in mail.outbox[-1].body
    client = client_for(ministeriet)
    sider = {
        "ansøgningen": f"/ansoegninger/{indsendt.pk}/",
        "programmet": f"/programmer/{program.pk}/",
        "sammenligningen": f"/programmer/{program.pk}/sammenligning/",
        "budgettet": f"/programmer/{program.pk}/budget/",
        "vurderingen": f"/ansoegninger/{indsendt.pk}/vurdering/",
        "afgørelsen": f"/ansoegninger/{indsendt.pk}/afgoerelse/",
    }
    for navn, url in sider.items():
        html = client.get(url).content.decode()
        assert "4.242 kr." in html or "7.777 kr." in html, navn
        assert "3.200.000 kr." not in html, navn  # the real sum, computed somewhere else
        assert "1.380.000 kr." not in html, navn


def test_the_receipt_shows_the_total_of_the_one_annotation(monkeypatch, program, kobenhavn, projektleder_101):
    monkeypatch.setattr(
        AnsoegningQuerySet,
        "med_totaler",
        lambda self: self.annotate(ansoegt_i_alt=Value(4242), bevilget_i_alt=Value(0)),
    )
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn, indsendt=True)
    import io

    tekst = "".join(s.extract_text() for s in PdfReader(io.BytesIO(bytes(ansoegning.kvitteringer.get().pdf))).pages)
    assert "4.242 kr." in tekst
    assert "3.200.000 kr." not in tekst


# 7. Danish time at both clock changes ----------------------------------------------------------------------


def test_a_reopening_typed_at_the_spring_change_is_refused_and_in_autumn_means_summer_time(
    client_for, ministeriet, kobenhavn, projektleder_101
):
    program = ProgramFactory(ansoegningsfrist=timezone.now() - timezone.timedelta(days=1))
    kladde = AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)
    url = f"/ansoegninger/{kladde.pk}/genaabn/"
    client = client_for(ministeriet)
    # The last Sunday of March 2030 is 31 March: 02.30 never shows on a Danish clock that day.
    response = client.post(url, {"dato": "2030-03-31", "klokkeslaet": "02:30", "begrundelse": "Sygdom"})
    assert response.context["form"].errors["klokkeslaet"] == [
        "Klokken 02.30 findes ikke den 31. marts 2030, fordi uret stilles frem til sommertid."
    ]
    assert 'value="02:30"' in response.content.decode()
    # The last Sunday of October 2030 is 27 October: 02.30 happens twice; the first (summer time) is meant.
    client.post(url, {"dato": "2030-10-27", "klokkeslaet": "02:30", "begrundelse": "Sygdom"})
    assert kladde.genaabninger.get().aaben_til == dansk_tidspunkt(date(2030, 10, 27), time(2, 30))
    assert kladde.genaabninger.get().aaben_til.isoformat() == "2030-10-27T00:30:00+00:00"


def test_the_receipt_is_named_and_titled_in_danish_time(client_for, program, kobenhavn, projektleder_101):
    from kommuner.services.ansoegninger import ansoegning_indsend

    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)
    # 23.30 UTC on 30 October 2030 is 00.30 on 31 October in Denmark (winter time, UTC+1).
    nu = datetime(2030, 10, 30, 23, 30, tzinfo=UTC)
    program.ansoegningsfrist = nu + timezone.timedelta(days=1)
    program.save()
    kvittering = ansoegning_indsend(ansoegning=ansoegning, bruger=projektleder_101, nu=nu)
    assert str(kvittering) == "Kvittering 31.10.2030 00.30"
    response = client_for(projektleder_101).get(f"/kvitteringer/{kvittering.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="kvittering-101-2030-10-31-0030.pdf"'


# 8. Reads that load only what the page shows ----------------------------------------------------------------


def test_the_application_page_never_loads_a_receipts_pdf(client_for, indsendt, projektleder_101):
    with CaptureQueriesContext(connection) as queries:
        assert client_for(projektleder_101).get(f"/ansoegninger/{indsendt.pk}/").status_code == 200
    kvitteringsforespoergsler = [q["sql"] for q in queries if 'FROM "kommuner_kvittering"' in q["sql"]]
    assert kvitteringsforespoergsler
    assert not [q for q in kvitteringsforespoergsler if '"kommuner_kvittering"."pdf"' in q]


@pytest.mark.parametrize("side", ["budget", "program", "sammenligning"])
def test_lists_never_load_the_applications_texts(client_for, program, indsendt, ministeriet, side):
    udvaelg(indsendt, ministeriet)
    url = {
        "budget": f"/programmer/{program.pk}/budget/",
        "program": f"/programmer/{program.pk}/",
        "sammenligning": f"/programmer/{program.pk}/sammenligning/",
    }[side]
    with CaptureQueriesContext(connection) as queries:
        assert client_for(ministeriet).get(url).status_code == 200
    assert not [q for q in queries if '"kommuner_svar"."tekst"' in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_the_receipt_is_rendered_while_the_application_is_not_locked(kommunedata, monkeypatch, projektleder_101):
    """WeasyPrint takes about a second: meanwhile another connection must be able to lock the row."""
    import psycopg

    from kommuner.models import Kommune

    ansoegning = AnsoegningFactory(program=ProgramFactory(), kommune=Kommune.objects.get(kode="101"), udfyldt=True)
    laast_under_pdf = []
    rigtig = ansoegninger.html_til_pdf

    def tjek_og_lav_pdf(html):
        indstillinger = connection.settings_dict
        anden = psycopg.connect(
            host=indstillinger["HOST"],
            port=indstillinger["PORT"],
            user=indstillinger["USER"],
            dbname=indstillinger["NAME"],
        )
        try:
            with anden.cursor() as cur:
                cur.execute("SELECT id FROM kommuner_ansoegning WHERE id = %s FOR UPDATE NOWAIT", [ansoegning.pk])
            laast_under_pdf.append(False)
        except psycopg.errors.LockNotAvailable:
            laast_under_pdf.append(True)
        finally:
            anden.close()
        return rigtig(html)

    monkeypatch.setattr(ansoegninger, "html_til_pdf", tjek_og_lav_pdf)
    ansoegninger.ansoegning_indsend(ansoegning=ansoegning, bruger=projektleder_101)
    assert laast_under_pdf == [False]


def test_a_submission_refuses_when_the_application_changed_while_its_receipt_was_made(
    monkeypatch, program, kobenhavn, projektleder_101
):
    ansoegning = AnsoegningFactory(program=program, kommune=kobenhavn, udfyldt=True)
    rigtig = ansoegninger.html_til_pdf

    def aendr_undervejs(html):
        pdf = rigtig(html)
        ansoegning_gem(
            ansoegning=ansoegning,
            indhold=Ansoegningsindhold(**{**UDFYLDT, "svar": {**UDFYLDT["svar"], 2: "Rettet imens"}}),
            beloeb={},
            bruger=projektleder_101,
        )
        return pdf

    monkeypatch.setattr(ansoegninger, "html_til_pdf", aendr_undervejs)
    with pytest.raises(ValidationError, match="blev ændret, mens den blev indsendt"):
        ansoegninger.ansoegning_indsend(ansoegning=ansoegning, bruger=projektleder_101)
    ansoegning.refresh_from_db()
    assert ansoegning.status == AnsoegningStatus.KLADDE
    assert not ansoegning.kvitteringer.exists()


# 9. Typed service signatures; the user admin goes through the service ---------------------------------------


def test_every_service_takes_typed_keyword_arguments_only():
    moduler = (ansoegninger, bevillinger, vurderinger, programmer, oplysninger, kommuner, opsaetninger)
    services = [
        f
        for modul in moduler
        for navn, f in inspect.getmembers(modul, inspect.isfunction)
        if f.__module__ == modul.__name__
        and re.fullmatch(r"[a-z]+_[a-z_]+", navn)
        and not navn.startswith("_")
        and "*" in str(inspect.signature(f))
    ]
    assert len(services) >= 15
    for service in services:
        for parameter in inspect.signature(service).parameters.values():
            hvor = f"{service.__module__}.{service.__name__}({parameter.name})"
            assert parameter.kind == inspect.Parameter.KEYWORD_ONLY, hvor
            assert parameter.annotation is not inspect.Parameter.empty, hvor
            assert parameter.annotation not in (dict, "dict"), hvor
    assert not hasattr(__import__("kommuner.models").models.Ansoegning, "er_laast")


def test_the_user_admin_keeps_the_role_rules(admin_client, kobenhavn):
    data = {"username": "ny-leder", "password1": "en-lang-adgangskode-42", "password2": "en-lang-adgangskode-42"}
    response = admin_client.post("/admin/kommuner/bruger/add/", {**data, "rolle": Rolle.PROJEKTLEDER})
    assert response.status_code == 200
    assert "En kommunal projektleder skal være knyttet til mindst én kommune." in response.content.decode()
    assert not Bruger.objects.filter(username="ny-leder").exists()
    response = admin_client.post(
        "/admin/kommuner/bruger/add/", {**data, "rolle": Rolle.PROJEKTLEDER, "kommuner": [kobenhavn.pk]}
    )
    assert response.status_code == 302
    bruger = Bruger.objects.get(username="ny-leder")
    assert (bruger.rolle, list(bruger.kommuner.values_list("kode", flat=True))) == (Rolle.PROJEKTLEDER, ["101"])
    aendring = admin_client.get(f"/admin/kommuner/bruger/{bruger.pk}/change/").context["adminform"].form.initial
    aendring = {
        k: v for k, v in aendring.items() if v is not None and k not in {"password", "groups", "user_permissions"}
    }
    aendring |= {
        "rolle": Rolle.EVALUATOR,
        "kommuner": [kobenhavn.pk],
        "date_joined_0": "2011-02-08",
        "date_joined_1": "12:00",
    }
    response = admin_client.post(f"/admin/kommuner/bruger/{bruger.pk}/change/", aendring)
    assert "Kun kommunale projektledere knyttes til kommuner." in response.content.decode()
    bruger.refresh_from_db()
    assert bruger.rolle == Rolle.PROJEKTLEDER


# 10. One word per meaning -----------------------------------------------------------------------------------


def test_screens_call_the_application_an_expression_of_interest(client_for, program, indsendt, ministeriet):
    """ "Ansøgt" (the amount applied for) is its own word; the document itself is always an
    interessetilkendegivelse on screen."""
    udvaelg(indsendt, ministeriet)
    client = client_for(ministeriet)
    for url in (
        f"/ansoegninger/{indsendt.pk}/",
        f"/programmer/{program.pk}/",
        f"/programmer/{program.pk}/sammenligning/",
        f"/ansoegninger/{indsendt.pk}/vurdering/",
        f"/ansoegninger/{indsendt.pk}/afgoerelse/",
        "/programmer/",
    ):
        html = client.get(url).content.decode()
        assert not re.search(r"\b[Aa]nsøgning(en|er|erne)?\b", html), url
    assert Afgoerelse._meta.get_field("ansoegning").related_model.__name__ == "Ansoegning"


def test_every_permission_predicate_in_every_app_gives_a_reason():
    """Every kan_* of every app's permissions.py is typed to answer (bool, reason): one meaning for the prefix."""
    import importlib

    uden_grund = [
        f"{app}.{navn}"
        for app in ("kommuner", "konto", "hentninger", "profiler", "strategi", "evaluering")
        for navn, f in inspect.getmembers(importlib.import_module(f"{app}.permissions"), inspect.isfunction)
        if navn.startswith("kan_")
        and f.__module__ == f"{app}.permissions"
        and inspect.signature(f).return_annotation not in (tuple[bool, str], "tuple[bool, str]")
    ]
    assert uden_grund == []
