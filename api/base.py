"""The one shape of every endpoint (docs/decisions/0059): a read-only view set that loads through the owning app's
rules and never has rules of its own.

- `laeser(user)`: the app's `*_til_laesning` queryset, so a list holds exactly what the user's pages show;
- `adgang(user, pk)`: the app's `access_*` loader, so one object is the same 404 as on the pages;
- `krav(user)`: where the pages' file of the same data has a `kan_*` predicate (the key figures export), that
  predicate: no is 403 with its reason;
- `filtre`: a serializer of the query parameters the list takes; `opslag` maps each to its lookup. An unknown
  parameter or value is 400 with the parameter's name (api/fejl.py).

Around them: 405 for any method but GET, HEAD and OPTIONS before anything else (also without a key), an ETag on
every answer with 304 for a matching If-None-Match (Django's ConditionalGetMiddleware on the view), and the first
page of a list (no cursor: the start of a pull) written to the download log, like a CSV export."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.db.models import Model, QuerySet
from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import MethodNotAllowed, ValidationError

from forebyggelse.adgang import kraev
from hentninger.services import hentning_registrer

LAESEMETODER = ("get", "head", "options")
SIDEPARAMETRE = {"cursor", "antal"}

etag_paa = decorator_from_middleware(ConditionalGetMiddleware)


class Ingenfiltre(serializers.Serializer):
    pass


class _Grundlag(viewsets.GenericViewSet):
    laeser: Callable[..., QuerySet]
    adgang: Callable[..., Model]
    filtre: type[serializers.Serializer] = Ingenfiltre
    opslag: dict[str, str] = {}
    krav: Callable[..., tuple[bool, str]] | None = None
    # What a pull is called in the download log, e.g. "API: Opfølgninger".
    art: str = ""
    http_method_names = list(LAESEMETODER)
    lookup_value_converter = "int"

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # The key is checked by the API itself (konto/api.py), not by the login pages' middleware.
        return login_not_required(etag_paa(super().as_view(actions, **initkwargs)))

    def initial(self, request, *args, **kwargs):
        if request.method.lower() not in LAESEMETODER:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        if type(self).krav is not None:
            kraev(type(self).krav(request.user))
        if self.action == "list":
            self.filtervaerdier = self._filtre(request)

    # What OPTIONS answers (DRF's metadata): the list's Danish name and description, not the class's.
    def get_view_name(self) -> str:
        return self.art.removeprefix("API: ")

    def get_view_description(self, html=False) -> str:
        return getattr(self, "beskrivelse", "")

    def _filtre(self, request) -> dict:
        kendte = set(self.filtre().fields) | SIDEPARAMETRE
        ukendte = sorted(set(request.query_params) - kendte)
        if ukendte:
            tilladte = ", ".join(sorted(kendte))
            raise ValidationError({navn: [f"Ukendt parameter. Denne liste kender: {tilladte}."] for navn in ukendte})
        filtre = self.filtre(data=request.query_params, context={"request": request})
        filtre.is_valid(raise_exception=True)
        return {navn: v for navn, v in filtre.validated_data.items() if v is not None}

    def get_queryset(self) -> QuerySet:
        qs = type(self).laeser(self.request.user)
        if self.action == "list":
            # A filter without a lookup is the view's own (the key figures' indicator and year).
            qs = qs.filter(**{self.opslag[n]: v for n, v in self.filtervaerdier.items() if n in self.opslag})
        return self.udvid(qs)

    def udvid(self, qs: QuerySet) -> QuerySet:
        """select_related/prefetch_related for what the serializer shows: the queries per page stay constant."""
        return qs

    def get_object(self):
        objekt = type(self).adgang(self.request.user, self.kwargs[self.lookup_field])
        # The loader decides; the object is then read again with what the serializer shows.
        return self.udvid(type(objekt).objects.filter(pk=objekt.pk)).get()

    def log_hentning(self, request) -> None:
        if "cursor" not in request.query_params and request.method == "GET":
            hentning_registrer(bruger=request.user, filnavn=request.get_full_path()[:255], art=self.art)


class _Listen(mixins.ListModelMixin):
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.log_hentning(request)
        return response


class Laesning(_Listen, mixins.RetrieveModelMixin, _Grundlag):
    """A list and its objects."""


class Liste(_Listen, _Grundlag):
    """A list without objects of its own (computed rows such as the key figures)."""
