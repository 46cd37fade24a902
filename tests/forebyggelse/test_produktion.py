"""The production settings, run as production runs them: in their own process, from environment values alone."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROD = Path(__file__).resolve().parents[2]

# What docs/drift.md tells the operator to set, with made-up values.
PRODUKTION = {
    "DJANGO_SETTINGS_MODULE": "forebyggelse.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "forebyggelse.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://forebyggelse.example.dk",
    "EMAIL_HOST": "smtp.example.dk",
}


def koer(kode_eller_args: list[str], **miljoe: str) -> subprocess.CompletedProcess:
    # Nothing of the test process's own set-up (the browser tests allow async-unsafe calls) may leak in.
    egne = {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in egne}
    env.update(PRODUKTION)
    env["DATABASE_URL"] = _database_url()
    env.update(miljoe)
    return subprocess.run([sys.executable, *kode_eller_args], cwd=ROD, env=env, capture_output=True, text=True)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_check_deploy_passes_at_warning_level():
    svar = koer(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert svar.returncode == 0, svar.stdout + svar.stderr
    assert "System check identified no issues" in svar.stdout


def test_check_deploy_fails_with_debug_on():
    """The control: the check does fail when a production value is wrong."""
    svar = koer(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DEBUG="true")
    assert svar.returncode != 0
    assert "security.W018" in svar.stderr


def test_production_refuses_to_start_without_a_secret_key():
    svar = koer(["manage.py", "check"], SECRET_KEY="")
    assert svar.returncode != 0
    assert "SECRET_KEY skal være sat i produktion." in svar.stderr


SVAR_FRA_PRODUKTION = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
svar = Client(HTTP_X_FORWARDED_PROTO="https").get("/konto/login/", HTTP_HOST="forebyggelse.example.dk")
usikker = Client().get("/konto/login/", HTTP_HOST="forebyggelse.example.dk")
from django.templatetags.static import static
css = Client(HTTP_X_FORWARDED_PROTO="https").get(static("css/app.css"), HTTP_HOST="forebyggelse.example.dk")
print(json.dumps({
    "status": svar.status_code,
    "headers": dict(svar.headers),
    "cookies": {navn: dict(c.items()) for navn, c in svar.cookies.items()},
    "usikker": [usikker.status_code, usikker.get("Location")],
    "tofaktor": settings.TOFAKTOR_PAAKRAEVET,
    "proxyer": settings.ANTAL_PROXYER,
    "healthz": Client().get("/healthz", HTTP_HOST="forebyggelse.example.dk").status_code,
    "css": [static("css/app.css"), css.status_code, css.get("Cache-Control")],
}))
"""


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> str:
    """collectstatic as the deployment runs it: hashed, compressed files with a manifest."""
    mappe = str(tmp_path_factory.mktemp("static"))
    svar = koer(["manage.py", "collectstatic", "--no-input"], STATIC_ROOT=mappe)
    assert svar.returncode == 0, svar.stderr
    return mappe


@pytest.fixture(scope="module")
def produktion(static_root):
    svar = koer(["-c", SVAR_FRA_PRODUKTION], STATIC_ROOT=static_root)
    assert svar.returncode == 0, svar.stderr
    return json.loads(svar.stdout.strip().splitlines()[-1])


def test_pages_carry_a_strict_csp_without_inline_script_or_style(produktion):
    direktiver = (del_.strip().partition(" ") for del_ in produktion["headers"]["Content-Security-Policy"].split(";"))
    politik = {navn: vaerdi for navn, _, vaerdi in direktiver}
    assert politik["default-src"] == "'self'"
    assert politik["script-src"] == "'self'"
    assert politik["style-src"] == "'self'"
    assert politik["img-src"] == "'self' data:"
    assert politik["frame-ancestors"] == "'none'"
    assert politik["object-src"] == "'none'"
    assert "unsafe" not in produktion["headers"]["Content-Security-Policy"]


def test_https_only_with_hsts_for_subdomains_and_preload(produktion):
    assert produktion["status"] == 200
    assert produktion["headers"]["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert produktion["usikker"] == [301, "https://forebyggelse.example.dk/konto/login/"]


def test_referrer_policy_and_framing(produktion):
    assert produktion["headers"]["Referrer-Policy"] == "same-origin"
    assert produktion["headers"]["X-Frame-Options"] == "DENY"
    assert produktion["headers"]["X-Content-Type-Options"] == "nosniff"


def test_cookies_are_secure_and_host_only(produktion):
    csrf = produktion["cookies"]["__Host-csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    assert csrf["path"] == "/"
    assert not csrf["domain"]


def test_two_factor_login_is_required_in_production(produktion):
    assert produktion["tofaktor"] is True


def test_the_load_balancer_may_ask_for_health_over_plain_http(produktion):
    assert produktion["healthz"] == 200


def test_lockout_reads_the_visitors_address_from_the_proxy(produktion):
    assert produktion["proxyer"] == 1


def test_static_files_are_served_hashed_and_cached_for_a_year(produktion):
    url, status, cache = produktion["css"]
    assert status == 200
    assert re.fullmatch(r"/static/css/app\.[0-9a-f]{12}\.css", url)
    assert cache == "max-age=315360000, public, immutable"


def test_hsts_options_come_from_the_environment(static_root):
    svar = koer(
        ["-c", SVAR_FRA_PRODUKTION],
        STATIC_ROOT=static_root,
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="false",
        SECURE_HSTS_SECONDS="3600",
        TOFAKTOR_PAAKRAEVET="false",
    )
    data = json.loads(svar.stdout.strip().splitlines()[-1])
    assert data["headers"]["Strict-Transport-Security"] == "max-age=3600"
    assert data["tofaktor"] is False


def test_two_factor_login_is_off_by_default_locally_and_in_tests():
    assert settings.TOFAKTOR_PAAKRAEVET is False
    svar = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TOFAKTOR_PAAKRAEVET, settings.DEMO_MODE)",
        ],
        cwd=ROD,
        env={
            **{k: v for k, v in os.environ.items() if k != "TOFAKTOR_PAAKRAEVET"},
            "DJANGO_SETTINGS_MODULE": "forebyggelse.settings.local",
        },
        capture_output=True,
        text=True,
    )
    assert svar.stdout.split() == ["False", "True"], svar.stderr
