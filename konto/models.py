"""The app has no models of its own: a user's authenticator and backup codes are django-otp's TOTPDevice and
StaticDevice (tables otp_totp_totpdevice, otp_static_staticdevice, otp_static_statictoken), and the login
state lives in the session (konto/session.py)."""
