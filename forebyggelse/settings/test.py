"""Speed tweaks for the test suite; the database is the same PostgreSQL as everywhere else."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-ikke-hemmelig"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Parallel runs on one server (two work trees, a benchmark beside the suite) each need their own test database.
DATABASES["default"]["TEST"] = {"NAME": env("FOREBYGGELSE_TEST_DB", f"test_{DATABASES['default']['NAME']}")}  # noqa: F405

# NemLog-in against the test identity provider (tests/nemlogin/testidp.py): keys made for this test process.
from tests.nemlogin.testidp import noegler  # noqa: E402

_nemlogin = noegler()
NEMLOGIN_IDP_METADATA = _nemlogin["idp_metadata"]
NEMLOGIN_NOEGLE = _nemlogin["sp_noegle"]
NEMLOGIN_CERTIFIKAT = _nemlogin["sp_cert"]
NEMLOGIN_ADRESSE = "http://testserver"
# An example CVR number that passes the modulus-11 check; the real ministry's comes from the environment.
MINISTERIETS_CVR = "10000009"
