"""Production: everything comes from the environment; SECRET_KEY and DATABASE_URL must be set.

Every value is described in docs/drift.md. `manage.py check --deploy --fail-level WARNING` passes with these
settings (tests/forebyggelse/test_produktion.py runs it).
"""

from .base import *  # noqa: F403
from .base import env, env_bool, env_int

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY skal være sat i produktion.")
DEBUG = env_bool("DEBUG", False)

# The ministry and the evaluator confirm every login with a code (docs/decisions/0030-tofaktor-login.md).
TOFAKTOR_PAAKRAEVET = env_bool("TOFAKTOR_PAAKRAEVET", True)

# HTTPS only. The reverse proxy terminates TLS and says so in X-Forwarded-Proto (docs/drift.md).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer asks each app server directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxy's X-Forwarded-For gives django-axes the visitor's address (konto/klientadresse.py).
ANTAL_PROXYER = env_int("ANTAL_PROXYER", 1)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Cookies only over HTTPS, and with the __Host- prefix the browser refuses them from any other (sub)domain.
SESSION_COOKIE_SECURE = True
# NemLog-in posts its answer from another site: the SAML session's cookie must come along (it is Secure too).
SAML_SESSION_COOKIE_SAMESITE = "None"
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
