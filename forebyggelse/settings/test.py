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
