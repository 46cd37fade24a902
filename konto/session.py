"""What the session remembers about a login, in one place.

- LOGIN_TID: when the user logged in (Unix time); a login lasts at most settings.SESSION_ABSOLUT_SEKUNDER.
- UDEN_TOFAKTOR: True when the user had no two-factor device at login, so the session needs no code. A session
  without it that is not verified by django-otp came in some way that skipped the code and is ended
  (konto/middleware.py).
- NOTERET: True when the login is on the user's list of sessions (konto.models.Loginsession), which a change to
  two-factor login ends. A logged-in session without it is from before the list and is ended (konto/middleware.py).
- VENTER: a password checked but a code still missing (the second login step): user, backend, time, next page.
- NEMLOGIN: the NSIS assurance level of a login with MitID Erhverv through NemLog-in (nemlogin app). That level
  is the second factor, so such a session needs no code (konto/middleware.py), and logging out goes through
  NemLog-in's single logout.
- FORRIGE_LOGIN: when the user logged in before this login (ISO time; absent the first time): "new since your
  last visit" counts from it.
"""

import time
from datetime import datetime

from django.conf import settings

LOGIN_TID = "konto_login_tid"
UDEN_TOFAKTOR = "konto_uden_tofaktor"
NOTERET = "konto_noteret"
VENTER = "konto_venter"
FORRIGE_LOGIN = "konto_forrige_login"
NEMLOGIN = "konto_nemlogin_niveau"

# The second login step must follow the first within this many seconds.
VENTETID_SEKUNDER = 5 * 60


def husk_login(session, *, uden_tofaktor: bool) -> None:
    session[LOGIN_TID] = time.time()
    session[UDEN_TOFAKTOR] = uden_tofaktor
    session[NOTERET] = True


def husk_nemlogin(session, *, niveau: str) -> None:
    session[NEMLOGIN] = niveau


def er_nemlogin(session) -> bool:
    return bool(session.get(NEMLOGIN))


def husk_forrige_login(session, forrige: datetime | None) -> None:
    if forrige is not None:
        session[FORRIGE_LOGIN] = forrige.isoformat()


def forrige_login(session) -> datetime | None:
    vaerdi = session.get(FORRIGE_LOGIN)
    return datetime.fromisoformat(vaerdi) if vaerdi else None


def absolut_resttid(session) -> int:
    """Seconds left of the login's 12 hours (never negative). A session from before the limit existed counts
    from now."""
    login_tid = session.setdefault(LOGIN_TID, time.time())
    return max(0, int(login_tid + settings.SESSION_ABSOLUT_SEKUNDER - time.time()))


def venter_gem(session, *, bruger_pk: int, backend: str, naeste: str) -> None:
    session[VENTER] = {"bruger": bruger_pk, "backend": backend, "tid": time.time(), "naeste": naeste}


def venter_hent(session) -> dict | None:
    """The half-finished login, or None when there is none or it is too old."""
    venter = session.get(VENTER)
    if not venter or time.time() - venter["tid"] > VENTETID_SEKUNDER:
        session.pop(VENTER, None)
        return None
    return venter


def venter_glem(session) -> None:
    session.pop(VENTER, None)
