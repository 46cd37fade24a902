"""Every refusal as the same small JSON body, in Danish: {"fejl": "…"}, and for bad parameters also which ones and
why ({"parametre": {"kommune": ["…"]}}), so a script can print the message as it is."""

from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler


def _tekster(vaerdi) -> list[str]:
    if isinstance(vaerdi, dict):
        return [t for v in vaerdi.values() for t in _tekster(v)]
    if isinstance(vaerdi, list):
        return [t for v in vaerdi for t in _tekster(v)]
    return [str(vaerdi)]


def fejlsvar(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError) and isinstance(response.data, dict):
        parametre = {navn: _tekster(beskeder) for navn, beskeder in response.data.items()}
        linjer = [f"{navn}: {' '.join(tekster)}" for navn, tekster in parametre.items()]
        response.data = {"fejl": "Ugyldige parametre. " + " ".join(linjer), "parametre": parametre}
    else:
        response.data = {"fejl": " ".join(_tekster(response.data))}
    return response
