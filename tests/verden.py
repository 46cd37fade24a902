"""One world with objects of two municipalities in every app, made through the services and factories: what the
project-wide access matrix (tests/test_adgangsmatrix.py) and the accessibility crawl (tests/browser/
test_tilgaengelighed.py) request pages of.

København (101) owns the objects the matrix asks about; Frederiksberg (147) takes part in the same programme with
objects of its own (its application, strategy, own figures, delivery, attendance), so the "other municipality's
lead" is a real participant who is refused København's objects, not a user with nothing.

`byg_verden()` returns the users by role and `objekter`: name → the URL keyword arguments of that object.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from evaluering.jobs import baggrundsjob_start
from evaluering.services import moeder as m
from evaluering.services.kalender import kalenderabonnement_hent
from evaluering.services.leverancer import leverance_indsend
from evaluering.services.rapporter import rapportpakke_gem
from evaluering.services.tidsplan import tidsplanpunkt_opret
from evaluering.tidsangivelse import fortolk
from forebyggelse.roller import Rolle
from kommuner.models import Bruger, Deltagelse, Kommune, Program, Vurdering
from kommuner.services.ansoegninger import ansoegning_indsend, bilag_tilfoej, genaabningsanmodning_opret
from kommuner.services.bevillinger import afgoerelse_traef
from kommuner.services.organisation import milepael_gem, projektdeltager_gem
from kommuner.services.vurderinger import Vurderingsindhold, vurdering_gem
from konto.services import api_noegle_opret
from nemlogin.services import invitation_opret
from profiler.models import Indikator
from profiler.services.importer import import_forhaandsvis
from profiler.services.indberetninger import EgenVaerdi, indberetning_gem, indberetning_indsend, indberetning_opret
from strategi.models import Handling, Strategi
from strategi.services.fremskridt import Fremskridtsindhold, fremskridt_kommenter, fremskridt_registrer
from strategi.services.gennemgang import Gennemgangspunkt, aarsgennemgang_gem
from strategi.services.maal import opfoelgning_opret
from strategi.services.strategier import boernepolitik_tilfoej, strategi_godkend, strategi_indsend, strategi_opret
from strategi.services.struktur import delstrategi_gem
from tests.evaluering.factories import dataleverance, moede
from tests.kommuner.factories import AnsoegningFactory, BrugerFactory, ProgramFactory
from tests.profiler.factories import importer, skabelon
from tests.strategi.factories import StrategiFactory, TilbudFactory, deltagelse_for, udfyld

PDF = b"%PDF-1.4\n%%EOF\n"

# The roles in the order of the matrix's columns.
ROLLER = ("anonym", "egen_leder", "anden_leder", "evaluator", "styregruppe", "ministeriet")


@dataclass
class Verden:
    brugere: dict[str, Bruger | None]
    objekter: dict[str, dict] = field(default_factory=dict)


def _pdf(navn: str = "bilag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(navn, PDF, content_type="application/pdf")


def byg_verden() -> Verden:
    brugere = {
        "anonym": None,
        "egen_leder": BrugerFactory(username="leder-101", rolle=Rolle.PROJEKTLEDER, kommuner=["101"]),
        "anden_leder": BrugerFactory(username="leder-147", rolle=Rolle.PROJEKTLEDER, kommuner=["147"]),
        "evaluator": BrugerFactory(username="evaluator", rolle=Rolle.EVALUATOR),
        "styregruppe": BrugerFactory(username="styregruppe", rolle=Rolle.STYREGRUPPE),
        "ministeriet": BrugerFactory(username="ministeriet", rolle=Rolle.MINISTERIET),
    }
    verden = Verden(brugere=brugere)
    o = verden.objekter
    o.update(_kommuner_og_programmer(brugere))
    o.update(_profiler(brugere))
    o.update(_strategier(brugere, o))
    o.update(_evaluering(brugere, o))
    o.update(_konto(brugere))
    o.update(_nemlogin(brugere))
    return verden


def _kommuner_og_programmer(b) -> dict:
    """A programme both municipalities applied to, were assessed in, selected for and granted (their participation
    is what the strategies and deliveries hang on); an open programme with both municipalities' drafts; and one past
    its deadline, where København has asked the ministry to reopen and Frederiksberg has not."""
    leder, anden, ministeriet = b["egen_leder"], b["anden_leder"], b["ministeriet"]
    program = ProgramFactory(navn="Forebyggelsesprojektet (test)")
    ansoegninger = {}
    for kode, bruger in (("101", leder), ("147", anden)):
        ansoegning = AnsoegningFactory(program=program, kommune=Kommune.objects.get(kode=kode), udfyldt=True)
        bilag = bilag_tilfoej(ansoegning=ansoegning, fil=_pdf(f"politik-{kode}.pdf"), bruger=bruger)
        kvittering = ansoegning_indsend(ansoegning=ansoegning, bruger=bruger)
        ansoegning.refresh_from_db()
        vurdering = vurdering_gem(
            vurdering=Vurdering(ansoegning=ansoegning, bedoemmer=ministeriet),
            bruger=ministeriet,
            indhold=Vurderingsindhold(kriterie_1=4),
            version=0,
        )
        afgoerelse_traef(
            ansoegning=ansoegning,
            udvalgt=True,
            begrundelse="Udvalgt.",
            bevillinger={2011: 200_000, 2012: 1_180_000},
            bruger=ministeriet,
        )
        ansoegninger[kode] = (ansoegning, bilag, kvittering, vurdering)
    ansoegning, bilag, kvittering, vurdering = ansoegninger["101"]

    aabent = ProgramFactory(navn="Åbent program (test)")
    kladde = AnsoegningFactory(program=aabent, kommune=Kommune.objects.get(kode="101"), udfyldt=True)
    kladdebilag = bilag_tilfoej(ansoegning=kladde, fil=_pdf("cv.pdf"), bruger=leder)
    AnsoegningFactory(program=aabent, kommune=Kommune.objects.get(kode="147"), udfyldt=True)
    nyt = ProgramFactory(navn="Nyt program (test)")
    # Past its deadline: København has asked the ministry to reopen, Frederiksberg has not asked yet.
    sent = ProgramFactory(navn="Fristen er overskredet (test)", ansoegningsfrist=timezone.now() - timedelta(days=1))
    anmodet = AnsoegningFactory(program=sent, kommune=Kommune.objects.get(kode="101"), udfyldt=True)
    anmodning = genaabningsanmodning_opret(ansoegning=anmodet, bruger=leder, begrundelse="Byrådet mødtes for sent.")
    frb_sen = AnsoegningFactory(program=sent, kommune=Kommune.objects.get(kode="147"), udfyldt=True)
    # København's own project organisation and milestone plan (a milestone not done yet).
    deltagelse = ansoegning.deltagelse
    projektdeltager = projektdeltager_gem(
        deltagelse=deltagelse, navn="Eksempel Projektejer", rolle="projektejer", bruger=leder
    )
    milepael = milepael_gem(
        deltagelse=deltagelse,
        titel="Minianalysen er godkendt",
        ansvarlig="Projektgruppen",
        maaned=date(2012, 6, 1),
        bruger=leder,
    )
    # The set-up of the programme both applied to: locked by their submissions, criterion 1 scored.
    opsaetning = program.opsaetninger.order_by("-version").first()
    return {
        "kommune": {"kode": "101"},
        "program": {"pk": program.pk},
        "afsnit": {"pk": opsaetning.afsnit.order_by("nr")[1].pk},
        "forudsaetning": {"pk": opsaetning.forudsaetninger.first().pk},
        "kriterie": {"pk": opsaetning.kriterier.first().pk},
        "aabent_program": {"pk": aabent.pk},
        "nyt_program": {"pk": nyt.pk},
        "ansoegning": {"pk": ansoegning.pk},
        "bilag": {"pk": bilag.pk},
        "kvittering": {"pk": kvittering.pk},
        "vurdering": {"pk": vurdering.pk},
        "deltagelse": {"pk": ansoegning.deltagelse.pk},
        "projektdeltager": {"pk": projektdeltager.pk},
        "milepael": {"pk": milepael.pk},
        "kladde": {"pk": kladde.pk},
        "kladdebilag": {"pk": kladdebilag.pk},
        "anmodet_kladde": {"pk": anmodet.pk},
        "anmodning": {"pk": anmodning.pk},
        "frb_sen_kladde": {"pk": frb_sen.pk},
        # Frederiksberg's own, for the rows that show its lead is a participant refused only what is not theirs.
        "frb_ansoegning": {"pk": ansoegninger["147"][0].pk},
        "frb_bilag": {"pk": ansoegninger["147"][1].pk},
    }


def _profiler(b) -> dict:
    """Key figures of both municipalities; København's own figures for 2011 submitted and 2012 a draft,
    Frederiksberg's 2011 submitted; a finished import and one awaiting confirmation."""
    indikator = Indikator.objects.get(kode="anmeldte_forbrydelser")
    koersel = importer([("101", indikator.kode, 2011, 100, 10000), ("147", indikator.kode, 2011, 30, 5000)])
    egen = Indikator.objects.get(kode="specialundervisning")
    andre = Indikator.objects.filter(taeller_kilde="EGNE").exclude(pk=egen.pk)
    for kode, leder, aar, indsend in (
        ("101", b["egen_leder"], 2011, True),
        ("101", b["egen_leder"], 2012, False),
        ("147", b["anden_leder"], 2011, True),
    ):
        indberetning = indberetning_opret(kommune=Kommune.objects.get(kode=kode), aar=aar, bruger=leder)
        vaerdier = [EgenVaerdi(egen, Decimal(40), Decimal(800))] + [EgenVaerdi(i, Decimal(100)) for i in andre]
        indberetning = indberetning_gem(indberetning=indberetning, vaerdier=vaerdier, version=1, bruger=leder)
        if indsend:
            indberetning_indsend(indberetning=indberetning, bruger=leder)
    forhaandsvist = import_forhaandsvis(
        filnavn="f.csv", indhold=skabelon([("151", indikator.kode, 2011, 7, 9000)]), bruger=b["ministeriet"]
    )
    profil = {"kode": "101", "aar": 2011}
    return {
        "profil": profil,
        "profil_graf": {**profil, "indikator": indikator.kode},
        "fund": {"kode": "101", "kategori": "anbringelser"},
        "egne_tal_indsendt": profil,
        "egne_tal_kladde": {"kode": "101", "aar": 2012},
        "frb_egne_tal": {"kode": "147", "aar": 2011},
        "indikator": {"kode": indikator.kode},
        "indikator_pk": indikator.pk,
        "koersel": {"pk": koersel.pk},
        "forhaandsvist": {"pk": forhaandsvist.pk},
        # "?" is the query string.
        "eksport_csv": {"?": "format=csv"},
        "eksport_xlsx": {"?": "format=xlsx"},
    }


def _strategier(b, o) -> dict:
    """København's approved and reviewed strategy with everything a page can show; Frederiksberg's approved one in
    the same programme; a draft and a submitted strategy of København in programmes of their own; København's
    participation without a strategy."""
    leder, ministeriet = b["egen_leder"], b["ministeriet"]
    deltagelser = Deltagelse.objects.filter(program_id=o["program"]["pk"]).select_related("program", "kommune")
    for deltagelse in deltagelser.order_by("kommune__kode"):
        lederen = leder if deltagelse.kommune.kode == "101" else b["anden_leder"]
        strategi = strategi_opret(deltagelse=deltagelse, titel="Forebyggelsesstrategi", bruger=lederen)
        udfyld(strategi, lederen)
        if deltagelse.kommune.kode == "147":
            frb_strategi = strategi
        if deltagelse.kommune.kode == "101":
            s = Strategi.objects.med_kommune().get(pk=strategi.pk)
            omraade = s.indsatsomraader.get()
            delstrategi = delstrategi_gem(
                indsatsomraade=omraade, delstrategi=None, navn="Screening", beskrivelse="", bruger=leder
            )
            tilbud = TilbudFactory(strategi=s)
            bilag = boernepolitik_tilfoej(strategi=s, fil=_pdf("politik.pdf"), bruger=leder)
        strategi_indsend(strategi=Strategi.objects.get(pk=strategi.pk), bruger=lederen)
        strategi_godkend(strategi=Strategi.objects.get(pk=strategi.pk), bruger=ministeriet)
    s = Strategi.objects.med_kommune().get(pk=s.pk)
    maal = s.maal.get()
    opfoelgning = opfoelgning_opret(maal=maal, dato=date(2012, 6, 30), vaerdi=Decimal(50), bruger=leder)
    gennemgang = aarsgennemgang_gem(
        strategi=s,
        aar=2011,
        konklusion="Handlingerne følger planen.",
        punkter=[Gennemgangspunkt(handling=h, farve=h.farve, status=h.status, slut=h.slut) for h in s.handlinger.all()],
        bruger=leder,
        i_dag=date(2011, 11, 30),  # the review of 2011, made in 2011: the review of 2012 is still due
    )
    # Progress on the approved plan: one update that stands, one the ministry has sent back.
    halvvejs = Fremskridtsindhold(dato=date(2012, 7, 1), status="i_gang", procent=50, notat="Halvvejs.")
    fremskridt = fremskridt_registrer(
        handling=s.handlinger.get(), indhold=halvvejs, fil=_pdf("evaluering.pdf"), bruger=leder
    )
    tilbage = fremskridt_registrer(handling=s.handlinger.get(), indhold=halvvejs, bruger=leder)
    fremskridt_kommenter(fremskridt=tilbage, tekst="Hvad mangler?", send_tilbage=True, bruger=ministeriet)
    fremskridtsbilag = fremskridt.bilag.get()
    k = StrategiFactory(fuld=True)
    k_omraade = k.indsatsomraader.get()
    k_tilbud = TilbudFactory(strategi=k)
    k_bilag = boernepolitik_tilfoej(strategi=k, fil=_pdf("politik.pdf"), bruger=leder)
    i = StrategiFactory(status="indsendt")
    ny_deltagelse = deltagelse_for(Kommune.objects.get(kode="101"))
    return {
        "strategi": {"pk": s.pk},
        "frb_strategi": {"pk": frb_strategi.pk},
        "strategi_version": {"pk": s.pk, "nummer": 1},
        "fremskridt": {"pk": fremskridt.pk},
        "tilbage_fremskridt": {"pk": tilbage.pk},
        "fremskridtsbilag": {"pk": fremskridtsbilag.pk},
        "indsatsomraade": {"pk": omraade.pk},
        "delstrategi": {"pk": delstrategi.pk},
        "maalgruppe": {"pk": s.maalgrupper.get().pk},
        "aktoer": {"pk": s.aktoerer.get().pk},
        "maal": {"pk": maal.pk},
        "handling": {"pk": Handling.objects.get(strategi=s).pk},
        "tilbud": {"pk": tilbud.pk},
        "opfoelgning": {"pk": opfoelgning.pk},
        "gennemgang": {"pk": gennemgang.pk},
        "kladdestrategi": {"pk": k.pk},
        "k_gendan": {"pk": k.pk, "haendelse": 999_999},
        "k_indsatsomraade": {"pk": k_omraade.pk},
        "k_delstrategi": {
            "pk": delstrategi_gem(
                indsatsomraade=k_omraade, delstrategi=None, navn="Overgange", beskrivelse="", bruger=leder
            ).pk
        },
        "k_maalgruppe": {"pk": k.maalgrupper.get().pk},
        "k_aktoer": {"pk": k.aktoerer.get().pk},
        "k_maal": {"pk": k.maal.get().pk},
        "k_handling": {"pk": Handling.objects.get(strategi=k).pk},
        "k_tilbud": {"pk": k_tilbud.pk},
        "strategibilag": {"pk": bilag.pk},
        "k_strategibilag": {"pk": k_bilag.pk},
        "indsendt_strategi": {"pk": i.pk},
        "ny_deltagelse": {"pk": ny_deltagelse.pk},
    }


def _evaluering(b, o) -> dict:
    """The programme's timeline, meetings in each state (held with agenda, material, minutes and a follow-up
    point; minutes approved; planned ahead; planned in the past), a delivery both municipalities submitted to, and
    a background job of the ministry's."""
    ministeriet = b["ministeriet"]
    program = Program.objects.get(pk=o["program"]["pk"])
    punkt = tidsplanpunkt_opret(program=program, art="fase", titel="Sociale profiler", tid=fortolk("feb-apr 2011"))
    til_afholdt = moede(program)
    dagsordenspunkt = m.dagsordenspunkt_tilfoej(moede=til_afholdt, titel="Status")
    afholdt = m.moede_marker_afholdt(moede=til_afholdt)
    materiale = m.materiale_tilfoej(moede=afholdt, fil=_pdf("oplaeg.pdf"), bruger=ministeriet)
    afholdt = m.referat_gem(moede=afholdt, referat="Referat", version=afholdt.version, bruger=ministeriet)
    opfoelgningspunkt = m.opfoelgningspunkt_tilfoej(
        moede=afholdt, art="beslutning", tekst="X", ansvarlig="Y", frist=timezone.localdate()
    )
    godkendt = m.moede_marker_afholdt(moede=moede(program, nummer=1))
    godkendt = m.referat_gem(moede=godkendt, referat="Godkendt referat", version=godkendt.version, bruger=ministeriet)
    m.referat_godkend(moede=godkendt, bruger=ministeriet, version=godkendt.version)
    planlagt = moede(program, nummer=3, dag=timezone.localdate() + timedelta(days=9))
    planlagt_dagsordenspunkt = m.dagsordenspunkt_tilfoej(moede=planlagt, titel="Velkomst")
    planlagt_afholdt = moede(program, nummer=4)
    leverance = dataleverance(program, ministeriet)
    indsendelser = {
        kode: leverance_indsend(
            kommuneleverance=leverance.kommuneleverancer.get(deltagelse__kommune__kode=kode), bruger=b[rolle]
        )
        for kode, rolle in (("101", "egen_leder"), ("147", "anden_leder"))
    }
    job = baggrundsjob_start(
        opgave="evaluering.send_invitation",
        titel="Invitation",
        argumenter={"moede_id": planlagt.pk},
        bruger=ministeriet,
    )
    pakke = rapportpakke_gem(
        program=program,
        art="rapporter",
        indhold=b"PK\x05\x06" + bytes(18),
        manifest=[],
        datastand=timezone.now(),
        bruger=b["evaluator"],
    )
    return {
        "tidsplanpunkt": {"pk": punkt.pk},
        "moede": {"pk": afholdt.pk},
        "godkendt_moede": {"pk": godkendt.pk},
        "planlagt_moede": {"pk": planlagt.pk},
        "planlagt_moede_i_fortiden": {"pk": planlagt_afholdt.pk},
        "dagsordenspunkt": {"pk": dagsordenspunkt.pk},
        "planlagt_dagsordenspunkt": {"pk": planlagt_dagsordenspunkt.pk},
        "materiale": {"pk": materiale.pk},
        "opfoelgningspunkt": {"pk": opfoelgningspunkt.pk},
        "kalender": {"noegle": kalenderabonnement_hent(bruger=b["egen_leder"]).noegle},
        "leverance": {"pk": leverance.pk},
        "kommuneleverance": {"pk": leverance.pk, "kode": "101"},
        # Odense takes no part in the programme: its part of the delivery does not exist for anybody.
        "odense_leverance": {"pk": leverance.pk, "kode": "461"},
        "indsendelse": {"pk": indsendelser["101"].pk},
        "frb_kommuneleverance": {"pk": leverance.pk, "kode": "147"},
        "frb_indsendelse": {"pk": indsendelser["147"].pk},
        "job": {"pk": job.pk},
        "rapportpakke": {"pk": pakke.pk},
        "kommunerapport": {"pk": program.pk, "kode": "101"},
        "frb_kommunerapport": {"pk": program.pk, "kode": "147"},
        "odense_kommunerapport": {"pk": program.pk, "kode": "461"},
        "data_csv": {"pk": program.pk, "navn": "maal", "endelse": "csv"},
        "data_xlsx": {"pk": program.pk, "navn": "handlinger", "endelse": "xlsx"},
        "ukendt_data": {"pk": program.pk, "navn": "budget", "endelse": "csv"},
    }


def _konto(b) -> dict:
    leder = b["egen_leder"]
    noegle, _ = api_noegle_opret(bruger=leder, navn="R-script til evalueringen", gyldig_dage=90)
    return {
        "nulstilling": {
            "uidb64": urlsafe_base64_encode(force_bytes(leder.pk)),
            "token": default_token_generator.make_token(leder),
        },
        "api_noegle": {"pk": noegle.pk},
    }


def _nemlogin(b) -> dict:
    """An open invitation from the ministry to an evaluator's firm (its e-mail waits for a commit that never comes)."""
    invitation = invitation_opret(
        af=b["ministeriet"], email="evaluator@firma.dk", rolle=Rolle.EVALUATOR, cvr="12345674"
    )
    return {"invitation": {"pk": invitation.pk}}
