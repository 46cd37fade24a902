"""A developer's machine: debug on, e-mail to the console, demo set-up allowed."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "lokal-udvikling-ikke-hemmelig")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEMO_MODE = True
# The demo is the 2011–2012 programme seen on 1 June 2012, when each role has tasks of every kind; set PORTAL_I_DAG
# empty to see it on the calendar's day.
PORTAL_I_DAG = env("PORTAL_I_DAG", "2012-06-01")
