"""The visitor's IP address, for django-axes' lockout (username + address).

Behind a reverse proxy REMOTE_ADDR is the proxy's own address, so every visitor would share one. The proxy
appends the address it saw to X-Forwarded-For; with settings.ANTAL_PROXYER trusted proxies in front of the app,
the visitor is the ANTAL_PROXYER-th address from the right. Addresses further left are whatever the client
sent itself and are never trusted.
"""

from django.conf import settings


def klient_ip(request) -> str:
    antal = settings.ANTAL_PROXYER
    if antal:
        adresser = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(adresser) >= antal:
            return adresser[-antal]
    return request.META.get("REMOTE_ADDR", "")
