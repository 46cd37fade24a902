"""The restore drill: back up the database, restore it into a new database, and every table has the same number
of rows. Restoring over a database with data is refused unless asked for."""

import re
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from forebyggelse.backup import Forbindelse, tabeller_med_antal
from hentninger.services import hentning_registrer
from kommuner.services.ansoegninger import ansoegning_indsend, bilag_tilfoej
from tests.kommuner.factories import AnsoegningFactory, ProgramFactory
from tests.konto.factories import tofaktor_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data(kommunedata, kobenhavn, projektleder_101, evaluator):
    """A little of everything: an application with annex and PDF receipt, its history, a download, 2FA."""
    ansoegning = AnsoegningFactory(program=ProgramFactory(), kommune=kobenhavn, udfyldt=True)
    bilag_tilfoej(ansoegning=ansoegning, fil=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), bruger=projektleder_101)
    kvittering = ansoegning_indsend(ansoegning=ansoegning, bruger=projektleder_101)
    hentning_registrer(bruger=evaluator, filnavn="a.pdf", objekt=kvittering)
    tofaktor_for(projektleder_101)


@pytest.fixture
def gendannet():
    """The name of a scratch database for the restore; dropped afterwards."""
    kilde = Forbindelse.fra_settings()
    navn = f"{kilde.navn}_gendannet"
    yield navn
    conn = kilde.til("postgres").forbind()
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')
    conn.close()


def test_backup_and_restore_into_a_new_database_keep_every_row(data, gendannet, tmp_path, capsys):
    # 10.00.05 UTC on 1 July 2011 is 12.00.05 Danish summer time.
    with mock.patch("forebyggelse.backup.timezone.now", return_value=datetime(2011, 7, 1, 10, 0, 5, tzinfo=UTC)):
        call_command("backup", mappe=tmp_path / "backup")
    (fil,) = (tmp_path / "backup").iterdir()
    kilde = Forbindelse.fra_settings()
    assert fil.name == f"forebyggelse-{kilde.navn}-2011-07-01-120005.dump"
    assert fil.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert fil.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert f"Backup skrevet: {fil}" in capsys.readouterr().out

    call_command("restore", str(fil), database=gendannet)
    assert re.search(r"Gendannet fra .*: \d+ tabeller med [\d.]+ rækker i alt\.", capsys.readouterr().out)

    foer = tabeller_med_antal(kilde)
    efter = tabeller_med_antal(kilde.til(gendannet))
    assert efter == foer
    assert len(foer) > 40
    for tabel in [
        "public.kommuner_kommune",
        "public.kommuner_kvittering",
        "public.kommuner_bilagevent",
        "public.hentninger_hentning",
        "public.otp_static_statictoken",
        "public.django_migrations",
    ]:
        assert efter[tabel] > 0, tabel


def test_restore_refuses_a_database_with_data_unless_told_to_overwrite(data, gendannet, tmp_path):
    call_command("backup", mappe=tmp_path / "backup")
    (fil,) = (tmp_path / "backup").iterdir()
    kilde = Forbindelse.fra_settings()
    foer = tabeller_med_antal(kilde)

    with pytest.raises(CommandError, match=f"Databasen {kilde.navn} har allerede tabeller, og intet er ændret"):
        call_command("restore", str(fil))
    assert tabeller_med_antal(kilde) == foer

    call_command("restore", str(fil), database=gendannet)
    with pytest.raises(CommandError, match="--overskriv"):
        call_command("restore", str(fil), database=gendannet)
    call_command("restore", str(fil), database=gendannet, overskriv=True)
    assert tabeller_med_antal(kilde.til(gendannet)) == foer


def test_restore_of_a_missing_or_broken_file_says_so(gendannet, tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("restore", str(tmp_path / "ingen.dump"), database=gendannet)
    doed = tmp_path / "doed.dump"
    doed.write_bytes(b"ikke en backup")
    with pytest.raises(CommandError, match="Gendannelsen mislykkedes, og databasen er tom"):
        call_command("restore", str(doed), database=gendannet)
    assert tabeller_med_antal(Forbindelse.fra_settings().til(gendannet)) == {}
