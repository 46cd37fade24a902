"""A programme's set-up, edited by the ministry in the browser (decision record 0056): the page with the newest
version (and the earlier ones), the forms for sections, preconditions, criteria and the money rules, and a preview
of the application form and the assessment as they will be met.

Every change goes through kommuner/services/opsaetninger.py, which puts it in a new version once an application
written in the newest one has been submitted; the message after a save says so."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from forebyggelse.adgang import kraev
from forebyggelse.forms import service_fejl_paa_form
from forebyggelse.http import require_safe_or_POST
from kommuner.forms.ansoegninger import AnsoegningForm
from kommuner.forms.opsaetninger import AfsnitForm, ForudsaetningForm, KriterieForm, PengereglerForm
from kommuner.forms.vurderinger import AnsoegningsvurderingForm
from kommuner.models import Ansoegning, Opsaetning, Program, Vurdering
from kommuner.permissions import (
    access_afsnit,
    access_forudsaetning,
    access_kriterie,
    access_program,
    kan_redigere_opsaetning,
)
from kommuner.selectors import gaeldende_opsaetning, opsaetningsversioner
from kommuner.services import opsaetninger as services


def _program(request, pk) -> Program:
    program = access_program(request.user, pk)
    kraev(kan_redigere_opsaetning(request.user, program))
    return program


def _data(request):
    """The sent form, an empty one included (it gets its errors), or None for a page just opened."""
    return request.POST if request.method == "POST" else None


def _tilbage(program: Program, anker: str):
    return redirect(reverse("kommuner:opsaetning", args=[program.pk]) + f"#{anker}")


def _gemt(request, tekst: str, foer: Opsaetning, efter: Opsaetning) -> None:
    """The success message; a change that made a new version says so, and that the submitted ones keep theirs."""
    if efter.version != foer.version:
        tekst += (
            f" Ændringen er lagt i en ny version {efter.version} af opsætningen: de interessetilkendegivelser, der "
            f"allerede er indsendt, beholder version {foer.version}."
        )
    messages.success(request, tekst)


@require_safe
def opsaetning(request, pk):
    program = _program(request, pk)
    versioner = opsaetningsversioner(program)
    vist = versioner[0]
    if "version" in request.GET:
        vist = next((v for v in versioner if str(v.version) == request.GET["version"]), None)
        if vist is None:
            raise Http404("Siden findes ikke.")
    return render(
        request,
        "kommuner/opsaetning.html",
        {
            "program": program,
            "vist": vist,
            "nyeste": versioner[0],
            "redigerbar": vist.pk == versioner[0].pk,  # only the newest version is changed; older ones are history
            "versioner": versioner,
            "laast": services.er_laast(vist),
            "afsnit": list(vist.afsnit.all()),
            "forudsaetninger": list(vist.forudsaetninger.all()),
            "kriterier": list(vist.kriterier.all()),
        },
    )


def _deaktiveret(form):
    """The form as the user will see it, with nothing to change or send."""
    for felt in form.fields.values():
        felt.disabled = True
    form.helper.form_tag = False
    form.helper.inputs = []
    return form


@require_safe
def forhaandsvisning(request, pk):
    program = _program(request, pk)
    opsaetning = gaeldende_opsaetning(program)
    # An unsaved application and assessment: the forms are built from the set-up exactly as for a real one.
    ansoegning = Ansoegning(program=program, opsaetning=opsaetning)
    return render(
        request,
        "kommuner/opsaetning_forhaandsvisning.html",
        {
            "program": program,
            "opsaetning": opsaetning,
            "ansoegningsform": _deaktiveret(AnsoegningForm(instance=ansoegning)),
            "vurderingsform": _deaktiveret(AnsoegningsvurderingForm(vurdering=Vurdering(ansoegning=ansoegning))),
        },
    )


def _formside(request, program, form, *, overskrift: str, slet_url: str = ""):
    nyeste = gaeldende_opsaetning(program)
    return render(
        request,
        "kommuner/opsaetning_form.html",
        {
            "program": program,
            "form": form,
            "overskrift": overskrift,
            "slet_url": slet_url,
            "nyeste": nyeste,
            "laast": services.er_laast(nyeste),
        },
        status=400 if form.errors else 200,
    )


def _gem_fra_form(request, program, form, gem, *, hvad, anker):
    """Bind, save through `gem(**cleaned_data)`, redirect; or the form with its errors, keeping what was typed."""
    if request.method == "POST" and form.is_valid():
        foer = gaeldende_opsaetning(program)
        try:
            gemt = gem(**form.cleaned_data)
        except ValidationError as exc:
            service_fejl_paa_form(form, exc)
        else:
            opsaetning = gemt if isinstance(gemt, Opsaetning) else gemt.opsaetning
            _gemt(request, f"{hvad(gemt)} er gemt.", foer, opsaetning)
            return _tilbage(program, anker)
    return None


# Money rules -----------------------------------------------------------------------------------------------------


@require_safe_or_POST
def pengeregler(request, pk):
    program = _program(request, pk)
    form = PengereglerForm(_data(request), opsaetning=gaeldende_opsaetning(program))

    def gem(**data):
        return services.pengeregler_gem(program=program, bruger=request.user, **data)

    svar = _gem_fra_form(request, program, form, gem, hvad=lambda _: "Pengereglerne", anker="pengeregler")
    return svar or _formside(request, program, form, overskrift="Ret pengereglerne")


# Sections of the application form --------------------------------------------------------------------------------


def _afsnit_form(request, program, afsnit=None):
    form = AfsnitForm(_data(request), punkt=afsnit)

    def gem(**data):
        return services.afsnit_gem(program=program, afsnit=afsnit, bruger=request.user, **data)

    return form, _gem_fra_form(
        request, program, form, gem, hvad=lambda a: f"Afsnittet “{a.overskrift}”", anker="afsnit"
    )


@require_safe_or_POST
def afsnit_opret(request, pk):
    program = _program(request, pk)
    form, svar = _afsnit_form(request, program)
    return svar or _formside(request, program, form, overskrift="Tilføj et afsnit til skemaet")


@require_safe_or_POST
def afsnit_rediger(request, pk):
    afsnit = access_afsnit(request.user, pk)
    program = afsnit.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    form, svar = _afsnit_form(request, program, afsnit)
    return svar or _formside(
        request,
        program,
        form,
        overskrift=f"Ret afsnittet “{afsnit.overskrift}”",
        slet_url=reverse("kommuner:afsnit_slet", args=[afsnit.pk]),
    )


@require_POST
def afsnit_slet(request, pk):
    afsnit = access_afsnit(request.user, pk)
    program = afsnit.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    _slet(request, program, lambda: services.afsnit_slet(afsnit=afsnit, bruger=request.user), f"Afsnittet “{afsnit}”")
    return _tilbage(program, "afsnit")


def _flyt(request, pk, retning):
    afsnit = access_afsnit(request.user, pk)
    program = afsnit.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    foer = gaeldende_opsaetning(program)
    try:
        flyttet = services.afsnit_flyt(afsnit=afsnit, retning=retning, bruger=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _gemt(request, f"Afsnittet “{flyttet.overskrift}” er flyttet {retning}.", foer, flyttet.opsaetning)
    return _tilbage(program, "afsnit")


@require_POST
def afsnit_op(request, pk):
    return _flyt(request, pk, "op")


@require_POST
def afsnit_ned(request, pk):
    return _flyt(request, pk, "ned")


def _slet(request, program, slet, hvad: str) -> None:
    foer = gaeldende_opsaetning(program)
    try:
        opsaetning = slet()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _gemt(request, f"{hvad} er slettet.", foer, opsaetning)


# Preconditions and criteria of the assessment --------------------------------------------------------------------


def _forudsaetning_form(request, program, forudsaetning=None):
    form = ForudsaetningForm(_data(request), punkt=forudsaetning)

    def gem(**data):
        return services.forudsaetning_gem(program=program, forudsaetning=forudsaetning, bruger=request.user, **data)

    return form, _gem_fra_form(
        request, program, form, gem, hvad=lambda f: f"Forudsætning {f.nr}", anker="forudsaetninger"
    )


@require_safe_or_POST
def forudsaetning_opret(request, pk):
    program = _program(request, pk)
    form, svar = _forudsaetning_form(request, program)
    return svar or _formside(request, program, form, overskrift="Tilføj en forudsætning")


@require_safe_or_POST
def forudsaetning_rediger(request, pk):
    forudsaetning = access_forudsaetning(request.user, pk)
    program = forudsaetning.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    form, svar = _forudsaetning_form(request, program, forudsaetning)
    return svar or _formside(
        request,
        program,
        form,
        overskrift=f"Ret forudsætning {forudsaetning.nr}",
        slet_url=reverse("kommuner:forudsaetning_slet", args=[forudsaetning.pk]),
    )


@require_POST
def forudsaetning_slet(request, pk):
    forudsaetning = access_forudsaetning(request.user, pk)
    program = forudsaetning.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    _slet(
        request,
        program,
        lambda: services.forudsaetning_slet(forudsaetning=forudsaetning, bruger=request.user),
        f"Forudsætning {forudsaetning.nr} “{forudsaetning.tekst}”",
    )
    return _tilbage(program, "forudsaetninger")


def _kriterie_form(request, program, kriterie=None):
    form = KriterieForm(_data(request), punkt=kriterie)

    def gem(**data):
        return services.kriterie_gem(program=program, kriterie=kriterie, bruger=request.user, **data)

    return form, _gem_fra_form(request, program, form, gem, hvad=lambda k: f"Kriterie {k.nr}", anker="kriterier")


@require_safe_or_POST
def kriterie_opret(request, pk):
    program = _program(request, pk)
    form, svar = _kriterie_form(request, program)
    return svar or _formside(request, program, form, overskrift="Tilføj et udvælgelseskriterie")


@require_safe_or_POST
def kriterie_rediger(request, pk):
    kriterie = access_kriterie(request.user, pk)
    program = kriterie.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    form, svar = _kriterie_form(request, program, kriterie)
    return svar or _formside(
        request,
        program,
        form,
        overskrift=f"Ret kriterie {kriterie.nr}",
        slet_url=reverse("kommuner:kriterie_slet", args=[kriterie.pk]),
    )


@require_POST
def kriterie_slet(request, pk):
    kriterie = access_kriterie(request.user, pk)
    program = kriterie.opsaetning.program
    kraev(kan_redigere_opsaetning(request.user, program))
    _slet(
        request,
        program,
        lambda: services.kriterie_slet(kriterie=kriterie, bruger=request.user),
        f"Kriterie {kriterie.nr} “{kriterie.tekst}”",
    )
    return _tilbage(program, "kriterier")
