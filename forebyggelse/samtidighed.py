"""The one way to keep two people from silently overwriting each other's work (optimistic locking).

A page carries the version of the row it was loaded with; the service writes only if the row still has that version
(`opdater_hvis_version`: UPDATE … WHERE version = loaded); if someone saved since, nothing is written and `Konflikt`
says who saved and when, carrying the row as it is now. The form keeps what the user typed and lets the next save go
against the stored version (`VersionForm.marker_konflikt`); the view answers 409 (`gem_fra_form`), and the page shows
the differences with templates/includes/konflikt.html. See docs/decisions/0052-konfliktkit.md."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils import timezone

from forebyggelse.formatering import dato, tidspunkt
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.historik import event_model

SIDEN_MANGLER = "Siden mangler oplysninger. Hent den igen."


def sidst_gemt_af(obj: Model) -> str:
    """The name of whoever made the newest recorded change to the object, from its history (every service writes
    inside `pghistory.context(user=…)`, and so does every request). A change without a user (a command run on the
    server) was made by the system."""
    event = (
        event_model(type(obj))
        .objects.filter(pgh_obj_id=obj.pk)
        .select_related("pgh_context")
        .order_by("-pgh_id")
        .first()
    )
    bruger_id = (event.pgh_context.metadata or {}).get("user") if event and event.pgh_context else None
    bruger = get_user_model().objects.filter(pk=bruger_id).first() if bruger_id else None
    if bruger is None:
        return "systemet"
    return bruger.get_full_name() or bruger.username


class Konflikt(ValidationError):
    """Someone saved the object after this user loaded it; nothing was written. Carries the object as it is now,
    who saved it (`aendret_af`) and when (`aendret`). An app names its object with `hvad` ("Målet") and may say
    where to look before saving again with `raad`."""

    hvad: ClassVar[str] = ""
    raad: ClassVar[str] = "se den nye version og gem igen."

    @classmethod
    def navn(cls, model: type[Model]) -> str:
        return cls.hvad or str(model._meta.verbose_name).capitalize()

    def __init__(self, nuvaerende: Model):
        self.nuvaerende = nuvaerende
        self.aendret_af = sidst_gemt_af(nuvaerende)
        self.aendret = nuvaerende.aendret
        hvad = self.navn(type(nuvaerende))
        super().__init__(
            f"{hvad} er blevet ændret af {self.aendret_af} den {tidspunkt(self.aendret)}, mens du arbejdede. "
            f"Dine indtastninger er bevaret herunder; {self.raad}",
            code="konflikt",
        )


def opdater_hvis_version(
    model: type[Model],
    *,
    pk: int,
    version: int,
    felter: dict,
    konflikt: type[Konflikt] = Konflikt,
    valider: Callable[[Model], None] | None = None,
    **betingelser,
) -> Model:
    """Write `felter` only if the row still has the version the user loaded (and meets `betingelser`, e.g. a
    state); else nothing is written and `konflikt` is raised with the row as it is now. `valider` may first refuse
    with its own error when the row failed a condition other than the version. Returns the row as saved."""
    opdateret = model.objects.filter(pk=pk, version=version, **betingelser).update(
        **felter, version=F("version") + 1, aendret=timezone.now()
    )
    if opdateret == 0:
        nuvaerende = model.objects.filter(pk=pk).first()
        if nuvaerende is None:
            raise ValidationError(f"{konflikt.navn(model)} er slettet, mens du arbejdede. Hent siden igen.")
        if valider is not None:
            valider(nuvaerende)
        raise konflikt(nuvaerende)
    return model.objects.get(pk=pk)


# Forms and views ------------------------------------------------------------------------------------------------


def vist(vaerdi) -> str:
    """A value as the conflict table shows it."""
    if vaerdi is None or vaerdi == "":
        return "–"
    if isinstance(vaerdi, bool):
        return "Ja" if vaerdi else "Nej"
    if hasattr(vaerdi, "all"):
        return "; ".join(str(o) for o in vaerdi.all()) or "–"
    if isinstance(vaerdi, list | tuple | set) or (hasattr(vaerdi, "__iter__") and not isinstance(vaerdi, str)):
        return "; ".join(str(o) for o in vaerdi) or "–"
    if hasattr(vaerdi, "isoformat") and not hasattr(vaerdi, "hour"):
        return dato(vaerdi)
    if hasattr(vaerdi, "isoformat"):
        return tidspunkt(vaerdi)
    return str(vaerdi)


class VersionForm(forms.Form):
    """A form that carries the version its page was loaded with. KONFLIKTFELTER names the fields compared with the
    stored version on a conflict; `vis` turns a value into text for that comparison."""

    KONFLIKTFELTER: ClassVar[Iterable[str]] = ()

    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, error_messages={"required": SIDEN_MANGLER, "invalid": SIDEN_MANGLER}
    )

    def vis(self, navn: str, vaerdi) -> str:
        return vist(vaerdi)

    def gemt_vaerdi(self, nuvaerende: Model, navn: str):
        return getattr(nuvaerende, navn)

    def marker_konflikt(self, konflikt: Konflikt) -> list[tuple[str, str, str]] | None:
        """Keep what the user typed, let the next save go against the version now stored, put the message above the
        form, and list the fields where the stored version differs from the input: (label, stored, typed); None for a
        form that names no fields to compare (the message above the form is then all)."""
        nu = konflikt.nuvaerende
        forskelle = []
        for navn in self.KONFLIKTFELTER:
            gemt = self.vis(navn, self.gemt_vaerdi(nu, navn))
            skrevet = self.vis(navn, self.cleaned_data.get(navn))
            if gemt != skrevet:
                forskelle.append((str(self.fields[navn].label), gemt, skrevet))
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(nu.version)
        self.add_error(None, konflikt)
        return forskelle if self.KONFLIKTFELTER else None


@dataclass
class Gemning:
    """What became of a form's save: the saved object, or a conflict (`forskelle` for the include, status 409), or
    another error from the service (already on the form)."""

    gemt: Any = None
    konflikt: Konflikt | None = None
    forskelle: list[tuple[str, str, str]] | None = None
    fejl: ValidationError | None = None

    @property
    def status(self) -> int:
        return 409 if self.konflikt else 200


def gem_fra_form(form: VersionForm, gem: Callable[[], Any]) -> Gemning:
    """Call the service; a conflict marks the form and answers 409, any other ValidationError lands on the form."""
    try:
        return Gemning(gemt=gem())
    except Konflikt as konflikt:
        return Gemning(konflikt=konflikt, forskelle=form.marker_konflikt(konflikt), fejl=konflikt)
    except ValidationError as exc:
        service_fejl_paa_form(form, exc)
        return Gemning(fejl=exc)
