"""Settings shared by every environment. Environment-specific values come from the environment."""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from forebyggelse.localdb import DEFAULT_URL

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# The demo set-up (demo users with known passwords) may only be loaded where this is on.
DEMO_MODE = False
# "Today" for deadlines, late actions and tasks (forebyggelse/tid.py); empty: the calendar. ISO date, e.g. 2012-06-01.
PORTAL_I_DAG = env("PORTAL_I_DAG")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "axes",
    "csp",
    "pgtrigger",
    "pghistory",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background jobs in the same PostgreSQL (docs/decisions/0040); tasks live in each app's tasks.py.
    "procrastinate.contrib.django",
    # The read API under /api/v1/ and its OpenAPI description (docs/decisions/0059).
    "rest_framework",
    "drf_spectacular",
    "forebyggelse",
    "konto",
    "hentninger",
    "kommuner",
    "profiler",
    "strategi",
    "evaluering",
    "nemlogin",
    "portal",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL character in the path, query or form fields: 400 before any view or query (forebyggelse/middleware.py).
    "forebyggelse.middleware.NulTegnMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A second, small session only for the SAML exchange with NemLog-in (its own cookie, docs/decisions/0060).
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: no-store on everything a logged-in user gets (forebyggelse/middleware.py).
    "forebyggelse.middleware.IngenCacheBagLoginMiddleware",
    # Marks request.user as verified when this session's login was confirmed with a code.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The 12-hour limit and two-factor rules (konto/middleware.py); before LoginRequiredMiddleware.
    "konto.middleware.KontoMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

# History context (who, from which URL) only for requests that may write: every read-only view refuses anything but
# GET and HEAD (require_safe), and on a GET pghistory would prefix every query with two set_config calls, which cost
# a quarter of a page's time (make loadtest, docs/decisions/0039).
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "forebyggelse.wsgi.application"
ASGI_APPLICATION = "forebyggelse.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
                "konto.context_processors.session",
            ],
        },
    },
]

# Connections live for a minute and are checked before reuse, so a restarted PostgreSQL costs no failed request.
DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL") or DEFAULT_URL, conn_max_age=60, conn_health_checks=True)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Every view runs in one transaction: a failing request changes nothing.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

AUTH_USER_MODEL = "kommuner.Bruger"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "nemlogin.backends.NemloginBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "forside"

# Sessions end after 30 minutes without activity: every request pushes the expiry forward.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# On top of that, a login lasts at most 12 hours however active the user is (konto/middleware.py), and the page
# warns this many seconds before the idle logout (static/js/session.js).
SESSION_ABSOLUT_SEKUNDER = 12 * 60 * 60
SESSION_ADVARSEL_SEKUNDER = 5 * 60

# Two-factor login (docs/decisions/0030-tofaktor-login.md). Where this is on, the ministry and the evaluator must
# confirm every login with a code from an authenticator app; everybody else may choose to.
TOFAKTOR_PAAKRAEVET = env_bool("TOFAKTOR_PAAKRAEVET", False)
OTP_TOTP_ISSUER = "Forebyggelsesportalen"
# The admin may remove a lost device but never shows its secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# django-axes: 5 failed attempts for the same username from the same IP lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/spaerret.html"
AXES_VERBOSE = False
# A wrong two-factor code counts as a failed login too; neither the password nor the code is ever logged.
AXES_SENSITIVE_PARAMETERS = ["password", "kode"]
# How many reverse proxies in front of the app add to X-Forwarded-For (konto/klientadresse.py): 0 locally.
ANTAL_PROXYER = env_int("ANTAL_PROXYER", 0)
AXES_CLIENT_IP_CALLABLE = "konto.klientadresse.klient_ip"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Grouping is applied where a number is an amount (the kr and tal filters), never to years or codes.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
# Uploaded annexes live outside the static area and are only served through access-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# `make backup` writes here (python manage.py backup; docs/drift.md). Keep it off the web server's paths.
BACKUP_MAPPE = Path(env("BACKUP_MAPPE", str(BASE_DIR / "var" / "backup")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# One cache every app server shares: a table in the project's PostgreSQL (forebyggelse/migrations/0001), so
# several servers never disagree and none keeps state of its own. Charts, maps and benchmarks are cached under
# keys made of the data they show (docs/decisions/0013-delt-cache-til-grafer.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "forebyggelse_cache",
        "TIMEOUT": 60 * 60 * 24 * 30,
        "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
    }
}

# The read API (docs/decisions/0059): personal API keys only (konto/api.py), never the browser's session, so a key
# is the one way in and every key has an owner, a name, an expiry and a revocation. Reads only; JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["konto.api.NoegleAutentificering"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["konto.api.NoegleBegraensning"],
    "DEFAULT_THROTTLE_RATES": {"api": env("API_GRAENSE", "600/min")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "api.schema.Skema",
    "DEFAULT_PAGINATION_CLASS": "api.sider.Markoerside",
    "EXCEPTION_HANDLER": "api.fejl.fejlsvar",
    "UNAUTHENTICATED_USER": None,
    # Numbers as JSON numbers (11.6), not strings: R, Stata and pandas read them as numbers.
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Forebyggelsesportalens API",
    "DESCRIPTION": "Læseadgang til programmer, kommuner, nøgletal, strategier, møder og dataleverancer med de "
    "samme adgangsregler som portalens sider. Se docs/api.md.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Choice sets used under more than one field name, or beside another "status": each set gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "Moedestatus": "evaluering.models.Moedestatus",
        "Fremmoedestatus": "evaluering.models.Fremmoedestatus",
        "Leverancestatus": "evaluering.models.Leverancestatus",
        "StrategiStatusEnum": "strategi.models.StrategiStatus",
        "HandlingStatusEnum": "strategi.models.HandlingStatus",
        "MaalstatusEnum": "strategi.maalstatus.Maalstatus",
    },
}

# Statistics Denmark's StatBank API ("Hent fra Danmarks Statistik"); tests point it at a local server.
DST_API_URL = env("DST_API_URL", "https://api.statbank.dk/v1")
DST_API_TIMEOUT = float(env("DST_API_TIMEOUT", "30"))

CRISPY_ALLOWED_TEMPLATE_PACKS = ("dkfds",)
CRISPY_TEMPLATE_PACK = "dkfds"

# The portal's address as users reach it: links in e-mails and calendar entries point here.
PORTAL_URL = env("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Login with MitID Erhverv through NemLog-in (OIOSAML 3, docs/decisions/0060, docs/drift.md). On when the
# identity provider's metadata (a file or an https URL) and the portal's key and certificate are given.
NEMLOGIN_IDP_METADATA = env("NEMLOGIN_IDP_METADATA")
NEMLOGIN_NOEGLE = env("NEMLOGIN_NOEGLE")
NEMLOGIN_CERTIFIKAT = env("NEMLOGIN_CERTIFIKAT")
# NemLog-in may ask for a separate key pair for encryption; without one the signing pair is used for both.
NEMLOGIN_KRYPTERINGSNOEGLE = env("NEMLOGIN_KRYPTERINGSNOEGLE")
NEMLOGIN_KRYPTERINGSCERTIFIKAT = env("NEMLOGIN_KRYPTERINGSCERTIFIKAT")
NEMLOGIN_ADRESSE = env("NEMLOGIN_ADRESSE", PORTAL_URL).rstrip("/")
NEMLOGIN_ENTITY_ID = env("NEMLOGIN_ENTITY_ID")
# The lowest NSIS assurance level a login must have: Low, Substantial or High.
NEMLOGIN_NIVEAU = env("NEMLOGIN_NIVEAU", "Substantial")
# Where set, roles may also come from the professional privileges (OIO-BPP) that start with this text, e.g.
# "urn:dk:forebyggelsesportalen:rolle:" + projektleder; without it, only the ministry's invitations give access.
NEMLOGIN_PRIVILEGIER = env("NEMLOGIN_PRIVILEGIER")
# The ministry's CVR number: a NemLog-in login from it can be a ministry, evaluator or steering-group user.
MINISTERIETS_CVR = env("MINISTERIETS_CVR")
# The local login with username and password (demo users, break-glass accounts); switch it off in production
# once NemLog-in works.
LOKAL_LOGIN = env_bool("LOKAL_LOGIN", True)
SAML_CONFIG_LOADER = "nemlogin.konfiguration.sp_konfiguration"
# pysaml2 names a cipher mode cryptography has moved (it still works); the notice would only be noise in every log.
warnings.filterwarnings("ignore", message="CFB has been moved", module="saml2.cryptography.symmetric")
# Requests to NemLog-in go by HTTP-Redirect: no page with a script that posts a form (the CSP forbids it).
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = SAML_DEFAULT_BINDING
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_SESSION_COOKIE_SAMESITE = "Lax"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Where users write about the portal (the accessibility statement shows it).
KONTAKT_EMAIL = env("KONTAKT_EMAIL", "")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Forebyggelsesportalen <noreply@forebyggelsesportalen.dk>")

# Strict Content-Security-Policy: only our own files, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # procrastinate says at every start which tasks it registered; the worker's own lines stay at INFO.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
        # pysaml2's schema library notes every schema it loads; pysaml2 itself says what matters at WARNING.
        "xmlschema": {"level": "WARNING"},
        "saml2": {"level": "WARNING"},
        "djangosaml2": {"level": "WARNING"},
    },
}
