"""Uploaded files are never served from a public URL: not by a URL pattern, not by the static files (whitenoise),
not under a guessable name. The only way to a file is its access-checked download view, which writes the download
log. Checked for each kind of upload: an application's annex, a strategy's annex and a meeting's material."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver
from django.views.static import serve

from evaluering.services.moeder import materiale_tilfoej
from hentninger.models import Hentning
from kommuner.services.ansoegninger import bilag_tilfoej
from strategi.services.strategier import boernepolitik_tilfoej
from tests.evaluering.factories import moede, program_med_deltagere
from tests.kommuner.factories import AnsoegningFactory
from tests.strategi.factories import StrategiFactory

pytestmark = pytest.mark.django_db

PDF = (
    Path(__file__).resolve().parents[1] / "fixtures" / "kommuner" / "bilag" / "should_pass" / "boernepolitik.pdf"
).read_bytes()


def _alle_visninger(resolver=None):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _alle_visninger(p)
        else:
            yield p.callback


def test_no_url_pattern_serves_files_from_disk():
    assert not settings.MEDIA_URL or settings.MEDIA_URL == "/"
    assert all(getattr(visning, "__wrapped__", visning) is not serve for visning in _alle_visninger())


def test_uploads_live_outside_everything_the_static_files_serve():
    media = Path(settings.MEDIA_ROOT).resolve()
    for statisk in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        statisk = statisk.resolve()
        assert not media.is_relative_to(statisk) and not statisk.is_relative_to(media)


@pytest.fixture
def filer(kobenhavn, projektleder_101, ministeriet):
    ansoegning = AnsoegningFactory(kommune=kobenhavn, udfyldt=True)
    bilag = bilag_tilfoej(ansoegning=ansoegning, fil=SimpleUploadedFile("a.pdf", PDF), bruger=projektleder_101)
    strategi = StrategiFactory(fuld=True)
    strategibilag = boernepolitik_tilfoej(
        strategi=strategi, fil=SimpleUploadedFile("b.pdf", PDF), bruger=projektleder_101
    )
    materiale = materiale_tilfoej(
        moede=moede(program_med_deltagere("101", ministeriet=ministeriet)),
        fil=SimpleUploadedFile("c.pdf", PDF),
        bruger=ministeriet,
    )
    return [
        (bilag.fil.name, f"/bilag/{bilag.pk}/"),
        (strategibilag.fil.name, f"/strategibilag/{strategibilag.pk}/"),
        (materiale.fil.name, f"/materialer/{materiale.pk}/"),
    ]


def test_a_stored_file_is_reached_only_through_its_download_view(client_for, projektleder_101, filer):
    client = client_for(projektleder_101)
    for navn, hent in filer:
        assert (Path(settings.MEDIA_ROOT) / navn).read_bytes() == PDF  # it is on disk …
        for gaet in (f"/media/{navn}", f"/{navn}", f"/static/{navn}", f"/static/../media/{navn}"):
            assert client.get(gaet).status_code == 404, gaet  # … but no URL leads to it
        svar = client.get(hent)
        assert svar.status_code == 200 and b"".join(svar.streaming_content) == PDF
    assert Hentning.objects.count() == len(filer)
