"""The data package kit: what `forebyggelse/eksport.py` writes, `forebyggelse/datapakke.py` describes so that
Frictionless reads every cell back as what it was: a decimal comma as a number, Ja/Nej as booleans, a Danish time as
a time, a suppression text and an empty cell as missing. Checked with the real `frictionless`, not by reading JSON."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import frictionless
import pytest

from forebyggelse.datapakke import Herkomst, Kilde, Licens, Ressource, datapakke, som_json
from forebyggelse.eksport import Kolonne, csv_bytes

KOLONNER = [
    Kolonne("kommunekode", "Kommunekode", "Kommunens tre cifre."),
    Kolonne("aar", "År", "Året.", periode=True, type="year"),
    Kolonne("kvartal", "Kvartal", "Kvartalet, fx 2011K1.", periode=True),
    Kolonne("taeller", "Tæller", "Antallet; under 5 eller skjult, hvor det er skjult.", type="number"),
    Kolonne("vaerdi", "Værdi", "Raten.", type="number"),
    Kolonne("udgift", "Udgift", "Udgiften i hele kroner.", type="integer", enhed="kr."),
    Kolonne("dato", "Dato", "Dagen.", type="date"),
    Kolonne("dannet", "Dannet", "Tidspunktet i dansk tid.", type="datetime"),
    Kolonne("forsinket", "Forsinket", "Ja eller Nej.", type="boolean"),
    Kolonne("tekst", "Tekst", "Fri tekst."),
]
RAEKKER = [
    [
        "101",
        2011,
        "2011K1",
        99787,
        Decimal("97.70"),
        150000,
        date(2011, 2, 8),
        datetime(2011, 2, 8, 11, tzinfo=UTC),
        True,
        "=1+1",
    ],
    ["147", 2012, "2012K4", "under 5", None, None, None, datetime(2011, 7, 1, 10, tzinfo=UTC), False, ""],
    [
        "151",
        2013,
        "2013K2",
        "skjult",
        Decimal("0.25"),
        0,
        date(2013, 12, 31),
        datetime(2013, 1, 1, tzinfo=UTC),
        False,
        "x",
    ],
]
HERKOMST = Herkomst(
    kilder=[Kilde("Kilde: Danmarks Statistik, tabel STRAF11", "https://statistikbanken.dk/straf11")],
    licenser=[Licens("CC-BY-4.0", "Creative Commons Navngivelse 4.0", "https://creativecommons.org/licenses/by/4.0/")],
    mangler=["under 5", "skjult"],
)
STAND = datetime(2011, 2, 8, 12, 30, tzinfo=UTC)


def _pakke(tmp_path, kolonner=KOLONNER, herkomst=HERKOMST) -> dict:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "tal.csv").write_bytes(csv_bytes(kolonner, RAEKKER))
    pakke = datapakke(
        navn="test",
        titel="Testdata",
        beskrivelse="Tal til testen.",
        stand=STAND,
        ressourcer=[Ressource("data/tal.csv", "tal", "Tal", "Tallene.", kolonner, herkomst)],
    )
    (tmp_path / "datapackage.json").write_bytes(som_json(pakke))
    return pakke


def test_frictionless_reads_every_cell_the_kit_writes_as_what_it_was(tmp_path):
    _pakke(tmp_path)
    rapport = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [t.stats["rows"] for t in rapport.tasks] == [3]
    raekker = frictionless.Package(str(tmp_path / "datapackage.json")).get_resource("tal").read_rows()
    foerste, skjult, sidste = raekker
    assert foerste.to_dict() == {
        "kommunekode": "101",  # a code, not a number: its leading digits are kept
        "aar": 2011,
        "kvartal": "2011K1",
        "taeller": Decimal(99787),
        "vaerdi": Decimal("97.70"),
        "udgift": 150000,
        "dato": date(2011, 2, 8),
        "dannet": datetime(2011, 2, 8, 12, 0),  # Danish time, as written
        "forsinket": True,
        "tekst": "'=1+1",
    }
    assert (skjult["taeller"], skjult["vaerdi"], skjult["udgift"], skjult["dato"], skjult["tekst"]) == (None,) * 5
    assert skjult["forsinket"] is False and skjult["dannet"] == datetime(2011, 7, 1, 12, 0)  # summer time
    assert sidste["taeller"] is None and sidste["vaerdi"] == Decimal("0.25") and sidste["udgift"] == 0


def test_the_package_carries_headings_meanings_units_sources_and_licences(tmp_path):
    pakke = _pakke(tmp_path)
    assert pakke["created"] == "2011-02-08T12:30:00Z" and pakke["language"] == "da"
    (ressource,) = pakke["resources"]
    felter = {f["name"]: f for f in ressource["schema"]["fields"]}
    assert [(f["title"], f["description"]) for f in felter.values()] == [
        (k.overskrift, k.beskrivelse) for k in KOLONNER
    ]
    assert felter["udgift"]["enhed"] == "kr." and "enhed" not in felter["vaerdi"]
    assert ressource["schema"]["missingValues"] == ["", "under 5", "skjult"]
    assert ressource["sources"] == [
        {"title": "Kilde: Danmarks Statistik, tabel STRAF11", "path": "https://statistikbanken.dk/straf11"}
    ]
    assert ressource["licenses"][0]["name"] == "CC-BY-4.0"
    # The same data, the same bytes: no clock, the real letters.
    assert som_json(pakke) == (tmp_path / "datapackage.json").read_bytes()
    assert "Værdi".encode() in som_json(pakke) and json.loads(som_json(pakke)) == pakke


@pytest.mark.parametrize(
    "aendring",
    [
        pytest.param({"taeller": "integer"}, id="a-suppression-text-without-its-missing-value"),
        pytest.param({"kvartal": "year"}, id="a-quarter-typed-as-a-year"),
        pytest.param({"vaerdi": "integer"}, id="a-decimal-typed-whole"),
        pytest.param({"dannet": "date"}, id="a-time-typed-as-a-date"),
    ],
)
def test_a_column_typed_wrongly_fails_the_validation(tmp_path, aendring):
    kolonner = [
        Kolonne(k.navn, k.overskrift, k.beskrivelse, k.periode, aendring.get(k.navn, k.type), k.enhed) for k in KOLONNER
    ]
    herkomst = Herkomst(mangler=[]) if "taeller" in aendring else HERKOMST
    _pakke(tmp_path, kolonner, herkomst)
    rapport = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not rapport.valid
    assert {e.field_name for e in rapport.tasks[0].errors} == set(aendring)


def test_a_column_says_only_a_known_type_and_a_period_is_text_or_a_year():
    with pytest.raises(ValueError, match="ukendt type"):
        Kolonne("vaerdi", "Værdi", "Raten.", type="decimal")
    with pytest.raises(ValueError, match="ukendt type"):
        Kolonne("aar", "År", "Året.", periode=True, type="integer")


def test_two_files_with_one_name_cannot_be_one_package():
    ressource = Ressource("a.csv", "a", "A", "A.", KOLONNER)
    with pytest.raises(ValueError, match="samme navn"):
        datapakke(navn="x", titel="X", beskrivelse="X.", stand=STAND, ressourcer=[ressource, ressource])
