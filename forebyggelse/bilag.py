"""Annexes: the one way files are uploaded to, stored for, served from and deleted with an application, a strategy
(its child policy and a follow-up's documentation) and a meeting (its materials).

- `Bilagsfil` is the abstract model each annex model inherits: the user's file name, type, size and description,
  and the file itself, stored privately under a random name (MEDIA_ROOT has no URL).
- `tjek_bilagsfil` is the check every upload passes: its size and an allowed type, by name and by content
  (forebyggelse/filtjek.py looks into a ZIP only after its size checks).
- `BilagForm` / `bilagsfelt` are the upload form and field; `bilag_fra_form` is the upload view's one step.
- `bilag_gem` and `bilag_slet` store and delete an annex; `hentninger.services.bilag_hent` serves it, logged (the
  base may not import the download log). The caller loads the annex with its
  access_* loader and checks the owner's rules (locked, editable) first.
- Whenever an annex row is deleted, by `bilag_slet` or by a cascade from its owner (a follow-up, a goal, …), its file
  is deleted once the transaction commits (`slet_fil`, connected in forebyggelse/apps.py).
"""

import uuid
from collections.abc import Callable

import pghistory
from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from forebyggelse.filtjek import genkend_filtype
from forebyggelse.forms import service_fejl_paa_form

MAKS_BILAG_BYTES = 20 * 1024 * 1024


class Bilagstype(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODT = "odt", "OpenDocument-tekst (ODT)"


INDHOLDSTYPER = {
    Bilagstype.PDF: "application/pdf",
    Bilagstype.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Bilagstype.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Bilagstype.ODT: "application/vnd.oasis.opendocument.text",
}


def bilag_sti(instance: "Bilagsfil", filename: str) -> str:
    # Annexes are private: MEDIA_ROOT lies outside the static area and has no URL; the access-checked view
    # serves them. A random name keeps the user's file name (stored in `filnavn`) out of the file system.
    return f"{instance.mappe()}/{uuid.uuid4().hex}"


class Bilagsfil(models.Model):
    fil = models.FileField("fil", upload_to=bilag_sti, max_length=300)
    filnavn = models.CharField("filnavn", max_length=255)
    filtype = models.CharField("filtype", max_length=10, choices=Bilagstype.choices)
    stoerrelse = models.PositiveIntegerField("størrelse (bytes)")
    beskrivelse = models.CharField("beskrivelse", max_length=200, blank=True)
    uploadet = models.DateTimeField("uploadet", auto_now_add=True)
    uploadet_af = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
        ordering = ["uploadet", "pk"]

    def __str__(self) -> str:
        return self.filnavn

    def mappe(self) -> str:
        """The folder under MEDIA_ROOT the file is stored in."""
        raise NotImplementedError

    @property
    def indholdstype(self) -> str:
        return INDHOLDSTYPER.get(self.filtype, "application/octet-stream")


# The check --------------------------------------------------------------------------------------------


def _endelse(filnavn: str) -> str:
    return filnavn.rsplit(".", 1)[-1].lower() if "." in filnavn else ""


def tjek_bilagsfil(*, fil: UploadedFile, hvad: str = "Et bilag") -> str:
    """Refuse a file that is too large or not an allowed type both by name and by content. Returns the type; raises
    ValidationError on the field "fil"."""
    tilladte = ", ".join(t.upper() for t in Bilagstype.values)
    if fil.size > MAKS_BILAG_BYTES:
        raise ValidationError({"fil": f"Filen fylder {fil.size / 1024 / 1024:.1f} MB. {hvad} må højst fylde 20 MB."})
    if _endelse(fil.name) not in Bilagstype.values:
        raise ValidationError({"fil": f"Filtypen er ikke tilladt. Vedhæft en af disse: {tilladte}."})
    try:
        filtype = genkend_filtype(fil)
    except ValidationError as exc:
        raise ValidationError({"fil": exc.messages}) from None
    if filtype is None:
        raise ValidationError(
            {"fil": f"Filens indhold er ikke en {_endelse(fil.name).upper()}-fil. Tilladte: {tilladte}."}
        )
    if filtype != _endelse(fil.name):
        raise ValidationError(
            {
                "fil": f"Filen hedder .{_endelse(fil.name)}, men indholdet er {filtype.upper()}. "
                "Gem den i det rigtige format, og prøv igen."
            }
        )
    return filtype


# The form ---------------------------------------------------------------------------------------------

TILLADTE_TEKST = f"PDF, Word (DOCX), Excel (XLSX) eller ODT; højst {MAKS_BILAG_BYTES // 1024 // 1024} MB."


def bilagsfelt(*, label: str = "Vælg fil", required: bool = True, help_text: str = "") -> forms.FileField:
    """The file field of every annex upload: says what is allowed and lets the browser offer only those types."""
    return forms.FileField(
        label=label,
        required=required,
        help_text=f"{help_text} {TILLADTE_TEKST}".strip(),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join([*(f".{t}" for t in Bilagstype.values), *INDHOLDSTYPER.values()])}
        ),
        error_messages={"required": "Vælg den fil, du vil vedhæfte.", "empty": "Filen er tom."},
    )


class BilagForm(forms.Form):
    fil = bilagsfelt()
    beskrivelse = forms.CharField(label="Beskrivelse", required=False, max_length=200)

    def __init__(self, *args, beskrivelse_hjaelp: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beskrivelse"].help_text = beskrivelse_hjaelp
        self.helper = FormHelper()
        self.helper.form_tag = False


def bilag_fra_form(form: BilagForm, gem: Callable[..., Bilagsfil]) -> Bilagsfil | None:
    """The upload view's one step: if the form is valid, call the app's service `gem` (with its owner and user
    already bound, e.g. `partial(bilag_tilfoej, ansoegning=…, bruger=…)`) with the file and the description. None
    when the form or the service said no; the reason is then on the form, and the file the user chose is not kept."""
    if not form.is_valid():
        return None
    try:
        return gem(fil=form.cleaned_data["fil"], beskrivelse=form.cleaned_data["beskrivelse"])
    except ValidationError as exc:
        service_fejl_paa_form(form, exc)
        return None


# Save, delete, download -------------------------------------------------------------------------------


def bilag_gem(
    *, bilag: Bilagsfil, fil: UploadedFile, bruger: AbstractBaseUser, beskrivelse: str = "", hvad: str = "Et bilag"
) -> Bilagsfil:
    """Check `fil` and store it as the unsaved `bilag` (its owner already set), in the caller's transaction, after
    the caller's own checks. The file is removed again if the row cannot be saved."""
    bilag.filtype = tjek_bilagsfil(fil=fil, hvad=hvad)
    bilag.filnavn = fil.name[:255]
    bilag.stoerrelse = fil.size
    bilag.beskrivelse = beskrivelse.strip()
    bilag.uploadet_af = bruger
    bilag.fil.save(fil.name, fil, save=False)
    try:
        bilag.full_clean()
        with pghistory.context(user=bruger.pk):
            bilag.save()
    except Exception:
        bilag.fil.delete(save=False)
        raise
    return bilag


def bilag_slet(*, bilag: Bilagsfil, bruger: AbstractBaseUser) -> None:
    """Delete the annex; its file goes when the transaction commits (`slet_fil`)."""
    with pghistory.context(user=bruger.pk):
        bilag.delete()


def slet_fil(sender, instance: Bilagsfil, **kwargs) -> None:
    """post_delete of every annex model, also when its owner's deletion cascades to it: remove the file, but only
    once the row is surely gone (a rolled-back deletion keeps both)."""
    if instance.fil.name:
        storage, navn = instance.fil.storage, instance.fil.name
        transaction.on_commit(lambda: storage.delete(navn))
