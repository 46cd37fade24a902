"""The indicator catalogue: the ministry adds and edits indicators."""

from decimal import Decimal

import pghistory
from django.db import transaction

from forebyggelse.samtidighed import Konflikt, opdater_hvis_version
from kommuner.models import Bruger
from profiler.models import Aarsdannelse, Indikator, Retning


class IndikatorKonflikt(Konflikt):
    hvad = "Indikatoren"
    raad = "se historikken på indikatorens side, og gem igen."


@transaction.atomic
def indikator_opret(
    *,
    bruger: Bruger | None,
    kode: str,
    navn: str,
    definition: str,
    kategori: str,
    enhed: str,
    taeller_definition: str,
    taeller_kilde: str,
    naevner_definition: str = "",
    naevner_kilde: str = "",
    faktor: Decimal = Decimal(1000),
    decimaler: int = 1,
    taeller_aarsdannelse: str = Aarsdannelse.SUM,
    naevner_aarsdannelse: str = Aarsdannelse.PRIMO,
    taeller_dst: dict | None = None,
    naevner_dst: dict | None = None,
    kun_rate: bool = False,
    bedre: str = Retning.INGEN,
    undertrykkes: bool = True,
    undertrykkelsesgraense: int = 5,
    del_af: Indikator | None = None,
    standard: bool = False,
    raekkefoelge: int = 100,
) -> Indikator:
    indikator = Indikator(
        kode=kode.strip(),
        navn=navn.strip(),
        definition=definition.strip(),
        kategori=kategori,
        enhed=enhed,
        faktor=faktor,
        decimaler=decimaler,
        taeller_definition=taeller_definition.strip(),
        naevner_definition=naevner_definition.strip(),
        taeller_kilde=taeller_kilde.strip().upper(),
        naevner_kilde=naevner_kilde.strip().upper(),
        taeller_aarsdannelse=taeller_aarsdannelse,
        naevner_aarsdannelse=naevner_aarsdannelse,
        taeller_dst=taeller_dst or {},
        naevner_dst=naevner_dst or {},
        kun_rate=kun_rate,
        bedre=bedre,
        undertrykkes=undertrykkes,
        undertrykkelsesgraense=undertrykkelsesgraense,
        del_af=del_af,
        standard=standard,
        raekkefoelge=raekkefoelge,
    )
    indikator.full_clean()
    with pghistory.context(user=bruger.pk if bruger else None):
        indikator.save()
    return indikator


@transaction.atomic
def indikator_opdater(
    *,
    indikator: Indikator,
    bruger: Bruger,
    navn: str,
    definition: str,
    kategori: str,
    enhed: str,
    taeller_definition: str,
    taeller_kilde: str,
    naevner_definition: str,
    naevner_kilde: str,
    faktor: Decimal,
    decimaler: int,
    taeller_aarsdannelse: str,
    naevner_aarsdannelse: str,
    taeller_dst: dict,
    naevner_dst: dict,
    kun_rate: bool,
    bedre: str,
    undertrykkes: bool,
    undertrykkelsesgraense: int,
    del_af: Indikator | None,
    standard: bool,
    raekkefoelge: int,
    version: int,
) -> Indikator:
    """Change an indicator; its code stays (files and goals refer to it). A changed definition (factor, limit,
    direction) shows at once everywhere: benchmarks are cached under keys that include the definition.
    `version` is the one the user loaded: if someone saved since, IndikatorKonflikt and nothing is written."""
    indikator = Indikator.objects.get(pk=indikator.pk)
    felter = {
        "navn": navn.strip(),
        "definition": definition.strip(),
        "kategori": kategori,
        "enhed": enhed,
        "taeller_definition": taeller_definition.strip(),
        "taeller_kilde": taeller_kilde.strip().upper(),
        "naevner_definition": naevner_definition.strip(),
        "naevner_kilde": naevner_kilde.strip().upper(),
        "faktor": faktor,
        "decimaler": decimaler,
        "taeller_aarsdannelse": taeller_aarsdannelse,
        "naevner_aarsdannelse": naevner_aarsdannelse,
        "taeller_dst": taeller_dst,
        "naevner_dst": naevner_dst,
        "kun_rate": kun_rate,
        "bedre": bedre,
        "undertrykkes": undertrykkes,
        "undertrykkelsesgraense": undertrykkelsesgraense,
        "del_af": del_af,
        "standard": standard,
        "raekkefoelge": raekkefoelge,
    }
    for felt, vaerdi in felter.items():
        setattr(indikator, felt, vaerdi)
    indikator.full_clean()
    with pghistory.context(user=bruger.pk):
        return opdater_hvis_version(
            Indikator, pk=indikator.pk, version=version, felter=felter, konflikt=IndikatorKonflikt
        )
