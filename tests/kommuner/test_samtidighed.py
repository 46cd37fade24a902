"""Two people at once, in two real transactions on two database connections (threads).

Each test holds one write open (uncommitted, its row locks taken) while a second write starts beside it, and
shows that the second waits for the first and then sees what the first did: no lost spending, no grant below
what was spent, no annex or reopening behind a submission, no second request to reopen beside the first.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kommuner.models import AnsoegningStatus, Bevilling, Bilag, Genaabning, Genaabningsanmodning, Udfald
from kommuner.services.ansoegninger import (
    ansoegning_genaabn,
    ansoegning_indsend,
    bilag_tilfoej,
    genaabningsanmodning_afvis,
    genaabningsanmodning_opret,
)
from kommuner.services.bevillinger import afgoerelse_traef, forbrug_registrer
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)

VENT = 10  # seconds: a bound on every wait, so a deadlock fails the test instead of hanging it


@dataclass
class Traad:
    """A write in its own thread, transaction and connection; `holdt` keeps the transaction open."""

    arbejde: Callable
    hold_aaben: bool = False
    klar: threading.Event = field(default_factory=threading.Event)
    slip: threading.Event = field(default_factory=threading.Event)
    resultat: object = None
    fejl: BaseException | None = None

    def __post_init__(self):
        self.traad = threading.Thread(target=self._koer, daemon=True)

    def _koer(self):
        try:
            with transaction.atomic():
                self.resultat = self.arbejde()
                self.klar.set()
                if self.hold_aaben:
                    assert self.slip.wait(VENT), "blev ikke sluppet"
        except BaseException as exc:  # the test reads it
            self.fejl = exc
        finally:
            self.klar.set()
            connection.close()

    def start(self) -> "Traad":
        self.traad.start()
        return self

    def faerdig(self) -> bool:
        return not self.traad.is_alive()

    def vent(self) -> None:
        self.traad.join(VENT)
        assert not self.traad.is_alive(), "blev ikke færdig"


def foerst_holdt_aaben(arbejde: Callable) -> Traad:
    traad = Traad(arbejde, hold_aaben=True).start()
    assert traad.klar.wait(VENT)
    assert traad.fejl is None, traad.fejl
    return traad


def venter_paa_laas(traad: Traad) -> bool:
    """Whether the second write is still waiting (for the first's row lock) after a moment."""
    time.sleep(0.5)
    return not traad.faerdig()


@pytest.fixture
def udvalgt(kommunedata, ministeriet, projektleder_101):
    from kommuner.models import Kommune

    ansoegning = AnsoegningFactory(program=ProgramFactory(), kommune=Kommune.objects.get(kode="101"), indsendt=True)
    afgoerelse_traef(
        ansoegning=ansoegning,
        udvalgt=True,
        begrundelse="Udvalgt.",
        bevillinger={2011: 200_000, 2012: 1_180_000},
        bruger=ministeriet,
    )
    ansoegning.refresh_from_db()
    return ansoegning


def test_a_decision_beside_a_spending_entry_waits_and_then_respects_the_spending(
    udvalgt, ministeriet, projektleder_101
):
    deltagelse = udvalgt.deltagelse
    forbrug = foerst_holdt_aaben(
        lambda: forbrug_registrer(
            deltagelse=deltagelse, forbrug={2011: (150_000, "Ansat fra marts.")}, bruger=projektleder_101
        )
    )
    afgoerelse = Traad(
        lambda: afgoerelse_traef(
            ansoegning=udvalgt,
            udvalgt=True,
            begrundelse="Bevillingen for 2011 sættes ned.",
            bevillinger={2011: 100_000, 2012: 1_180_000},
            bruger=ministeriet,
        )
    ).start()
    assert venter_paa_laas(afgoerelse), "afgørelsen læste bevillingen uden at vente på forbruget"
    forbrug.slip.set()
    forbrug.vent()
    afgoerelse.vent()
    assert forbrug.fejl is None
    assert isinstance(afgoerelse.fejl, ValidationError)
    assert "Kommunen har allerede brugt 150.000 kr. i 2011" in " ".join(afgoerelse.fejl.messages)
    bevilling = Bevilling.objects.get(deltagelse=deltagelse, aar=2011)
    assert (bevilling.bevilget, bevilling.forbrugt, bevilling.forbrug_bemaerkning) == (
        200_000,
        150_000,
        "Ansat fra marts.",
    )


def test_a_decision_never_writes_back_the_spending_it_read(udvalgt, ministeriet, projektleder_101):
    """A new decision that keeps the grant above the spending must leave the spending as the lead wrote it."""
    deltagelse = udvalgt.deltagelse
    forbrug = foerst_holdt_aaben(
        lambda: forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (150_000, "")}, bruger=projektleder_101)
    )
    afgoerelse = Traad(
        lambda: afgoerelse_traef(
            ansoegning=udvalgt,
            udvalgt=True,
            begrundelse="Bevillingen for 2011 sættes op.",
            bevillinger={2011: 250_000, 2012: 1_180_000},
            bruger=ministeriet,
        )
    ).start()
    forbrug.slip.set()
    forbrug.vent()
    afgoerelse.vent()
    assert afgoerelse.fejl is None
    bevilling = Bevilling.objects.get(deltagelse=deltagelse, aar=2011)
    assert (bevilling.bevilget, bevilling.forbrugt) == (250_000, 150_000)


def test_spending_beside_a_lowered_grant_waits_and_is_then_refused(udvalgt, ministeriet, projektleder_101):
    deltagelse = udvalgt.deltagelse
    afgoerelse = foerst_holdt_aaben(
        lambda: afgoerelse_traef(
            ansoegning=udvalgt,
            udvalgt=True,
            begrundelse="Bevillingen for 2011 sættes ned.",
            bevillinger={2011: 100_000, 2012: 1_180_000},
            bruger=ministeriet,
        )
    )
    forbrug = Traad(
        lambda: forbrug_registrer(deltagelse=deltagelse, forbrug={2011: (150_000, "")}, bruger=projektleder_101)
    ).start()
    assert venter_paa_laas(forbrug)
    afgoerelse.slip.set()
    afgoerelse.vent()
    forbrug.vent()
    assert isinstance(forbrug.fejl, ValidationError)
    assert "Forbruget er større end bevillingen på 100.000 kr. for 2011." in " ".join(forbrug.fejl.messages)
    bevilling = Bevilling.objects.get(deltagelse=deltagelse, aar=2011)
    assert (bevilling.bevilget, bevilling.forbrugt) == (100_000, None)


def test_the_database_refuses_spending_above_the_grant(udvalgt):
    bevilling = Bevilling.objects.get(deltagelse=udvalgt.deltagelse, aar=2011)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bevilling.objects.filter(pk=bevilling.pk).update(forbrugt=200_001)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bevilling.objects.filter(pk=bevilling.pk).update(forbrugt=100_000, bevilget=99_999)
    Bevilling.objects.filter(pk=bevilling.pk).update(forbrugt=200_000)  # exactly the grant is fine


# A submitted application must not change -----------------------------------------------------------------


@pytest.fixture
def udfyldt(kommunedata, projektleder_101):
    from kommuner.models import Kommune

    return AnsoegningFactory(program=ProgramFactory(), kommune=Kommune.objects.get(kode="101"), udfyldt=True)


def test_an_annex_beside_a_submission_waits_and_is_then_refused(udfyldt, projektleder_101):
    indsendelse = foerst_holdt_aaben(lambda: ansoegning_indsend(ansoegning=udfyldt, bruger=projektleder_101))
    bilag = Traad(
        lambda: bilag_tilfoej(
            ansoegning=udfyldt,
            fil=SimpleUploadedFile("sent.pdf", b"%PDF-1.4\n%%EOF\n"),
            bruger=projektleder_101,
        )
    ).start()
    assert venter_paa_laas(bilag), "bilaget tjekkede tilstanden uden at vente på indsendelsen"
    indsendelse.slip.set()
    indsendelse.vent()
    bilag.vent()
    assert indsendelse.fejl is None
    assert isinstance(bilag.fejl, ValidationError)
    assert "Interessetilkendegivelsen er indsendt og kan ikke ændres" in bilag.fejl.messages[0]
    assert not Bilag.objects.exists()  # the receipt shows every annex there is


def test_a_reopening_beside_a_submission_waits_and_is_then_refused(udfyldt, projektleder_101, ministeriet):
    indsendelse = foerst_holdt_aaben(lambda: ansoegning_indsend(ansoegning=udfyldt, bruger=projektleder_101))
    genaabning = Traad(
        lambda: ansoegning_genaabn(
            ansoegning=udfyldt,
            aaben_til=timezone.now() + timezone.timedelta(days=30),
            begrundelse="Sygdom",
            bruger=ministeriet,
        )
    ).start()
    assert venter_paa_laas(genaabning), "genåbningen tjekkede tilstanden uden at vente på indsendelsen"
    indsendelse.slip.set()
    indsendelse.vent()
    genaabning.vent()
    assert isinstance(genaabning.fejl, ValidationError)
    assert genaabning.fejl.messages == ["Interessetilkendegivelsen er allerede indsendt."]
    assert not Genaabning.objects.exists()
    udfyldt.refresh_from_db()
    assert udfyldt.status == AnsoegningStatus.INDSENDT


def test_spending_in_one_municipality_does_not_hold_up_a_decision_on_another(
    udvalgt, ministeriet, projektleder_101, projektleder_147
):
    """A spending entry locks its own grant rows only: the programme, the participation and the municipality
    stay free, so the ministry's decision on another applicant in the same programme goes ahead at once."""
    from kommuner.models import Kommune

    frederiksberg = AnsoegningFactory(program=udvalgt.program, kommune=Kommune.objects.get(kode="147"), indsendt=True)
    forbrug = foerst_holdt_aaben(
        lambda: forbrug_registrer(deltagelse=udvalgt.deltagelse, forbrug={2011: (150_000, "")}, bruger=projektleder_101)
    )
    afgoerelse = Traad(
        lambda: afgoerelse_traef(
            ansoegning=frederiksberg,
            udvalgt=True,
            begrundelse="Udvalgt.",
            bevillinger={2011: 100_000, 2012: 100_000},
            bruger=ministeriet,
        )
    ).start()
    afgoerelse.vent()  # while the spending entry is still open
    assert not forbrug.faerdig()
    assert afgoerelse.fejl is None
    forbrug.slip.set()
    forbrug.vent()
    assert forbrug.fejl is None


# Requests to reopen: one open at a time, one answer each -----------------------------------------------------


@pytest.fixture
def efter_fristen(kommunedata, projektleder_101):
    from kommuner.models import Kommune

    program = ProgramFactory(ansoegningsfrist=timezone.now() - timezone.timedelta(hours=1))
    return AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode="101"), udfyldt=True)


def test_two_leads_asking_at_once_make_one_request(efter_fristen, projektleder_101):
    from tests.kommuner.factories import BrugerFactory

    kollega = BrugerFactory(rolle="projektleder", kommuner=["101"])
    foerste = foerst_holdt_aaben(
        lambda: genaabningsanmodning_opret(ansoegning=efter_fristen, bruger=projektleder_101, begrundelse="Sygdom.")
    )
    anden = Traad(
        lambda: genaabningsanmodning_opret(ansoegning=efter_fristen, bruger=kollega, begrundelse="Byrådet.")
    ).start()
    assert venter_paa_laas(anden), "den anden anmodning tjekkede uden at vente på den første"
    foerste.slip.set()
    foerste.vent()
    anden.vent()
    assert foerste.fejl is None
    assert isinstance(anden.fejl, ValidationError)
    assert anden.fejl.messages == ["I har allerede bedt ministeriet om at genåbne. Vent på ministeriets svar."]
    assert list(Genaabningsanmodning.objects.values_list("begrundelse", flat=True)) == ["Sygdom."]


def test_a_decline_beside_a_reopening_waits_and_is_then_refused(efter_fristen, projektleder_101, ministeriet):
    anmodning = genaabningsanmodning_opret(ansoegning=efter_fristen, bruger=projektleder_101, begrundelse="Sygdom.")
    genaabning = foerst_holdt_aaben(
        lambda: ansoegning_genaabn(
            ansoegning=efter_fristen,
            aaben_til=timezone.now() + timezone.timedelta(days=7),
            begrundelse="Sygdom",
            bruger=ministeriet,
        )
    )
    afvisning = Traad(lambda: genaabningsanmodning_afvis(anmodning=anmodning, bruger=ministeriet, svar="Nej.")).start()
    assert venter_paa_laas(afvisning), "afvisningen tjekkede anmodningen uden at vente på genåbningen"
    genaabning.slip.set()
    genaabning.vent()
    afvisning.vent()
    assert isinstance(afvisning.fejl, ValidationError)
    assert afvisning.fejl.messages == ["Ministeriet har allerede svaret på anmodningen."]
    anmodning.refresh_from_db()
    assert (anmodning.udfald, anmodning.svar) == (Udfald.GENAABNET, "")
