from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forebyggelse.formatering import filnavn_tid, tidspunkt
from forebyggelse.historik import historik_for
from hentninger.services import logget_hentning
from kommuner.forms.ansoegninger import AnsoegningForm, BilagForm, GenaabningForm, TilbagesendelseForm
from kommuner.models import AnsoegningStatus, Bilagstype, Kvittering
from kommuner.permissions import (
    access_ansoegning,
    access_ansoegning_til_genaabning,
    access_ansoegning_til_redigering,
    access_ansoegning_til_vurdering,
    access_bilag,
    access_kommune,
    access_program,
    ansoegninger_til_laesning,
    gaeldende_frist,
    get_or_404,
    kan_genaabne,
    kan_indsende,
    kan_oprette_ansoegning,
    kan_redigere_ansoegning,
    kan_vurdere,
)
from kommuner.roller import er_ministeriet
from kommuner.services import ansoegninger as services

INDHOLDSTYPER = {
    Bilagstype.PDF: "application/pdf",
    Bilagstype.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Bilagstype.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Bilagstype.ODT: "application/vnd.oasis.opendocument.text",
}


@require_POST
def ansoegning_opret(request, pk):
    program = access_program(request.user, pk)
    kommune = access_kommune(request.user, request.POST.get("kommune", ""), skriv=True)
    ok, grund = kan_oprette_ansoegning(request.user, program, kommune)
    if not ok:
        raise PermissionDenied(grund)
    ansoegning = services.ansoegning_opret(program=program, kommune=kommune)
    return redirect("kommuner:ansoegning_rediger", pk=ansoegning.pk)


def _detalje(request, ansoegning, *, form=None, indsend_fejl=None, status=200):
    """The application page: what was written, its annexes and receipts, and what this user may do next."""
    user = request.user
    ansoegning = (
        ansoegninger_til_laesning(user)
        .select_related("afgoerelse", "deltagelse", "indsendt_af")
        .prefetch_related("beloeb", "bilag", "kvitteringer", "genaabninger", "deltagelse__bevillinger")
        .get(pk=ansoegning.pk)
    )
    kan_redigere, _ = kan_redigere_ansoegning(user, ansoegning)
    kan_sende, indsend_grund = kan_indsende(user, ansoegning)
    beloeb = list(ansoegning.beloeb.all())
    afgoerelse = getattr(ansoegning, "afgoerelse", None)
    context = {
        "ansoegning": ansoegning,
        "beloeb": beloeb,
        "frist": gaeldende_frist(ansoegning),
        "kan_redigere": kan_redigere,
        "kan_indsende": kan_sende,
        "indsend_grund": indsend_grund,
        "mangler": services.mangler_for_indsendelse(ansoegning) if kan_redigere else [],
        "form": form if form is not None else (BilagForm() if kan_redigere else None),
        "indsend_fejl": indsend_fejl,
        "er_ministeriet": er_ministeriet(user),
        "kan_vurdere": kan_vurdere(user) and ansoegning.indsendt is not None,
        "kan_sende_tilbage": kan_vurdere(user) and ansoegning.status == AnsoegningStatus.INDSENDT,
        "afgoerelse": afgoerelse,
        "bevillinger": list(ansoegning.deltagelse.bevillinger.all()) if hasattr(ansoegning, "deltagelse") else [],
        "historik": historik_for(ansoegning) if er_ministeriet(user) else None,
    }
    return render(request, "kommuner/ansoegning_detalje.html", context, status=status)


def ansoegning_detalje(request, pk):
    return _detalje(request, access_ansoegning(request.user, pk))


def ansoegning_rediger(request, pk):
    ansoegning = access_ansoegning_til_redigering(request.user, pk)
    ok, grund = kan_redigere_ansoegning(request.user, ansoegning)
    if not ok:
        messages.info(request, grund)
        return redirect("kommuner:ansoegning", pk=ansoegning.pk)
    form = AnsoegningForm(request.POST or None, instance=ansoegning)
    if request.method == "POST" and form.is_valid():
        try:
            services.ansoegning_gem(ansoegning=ansoegning, felter=form.felter, beloeb=form.beloeb)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Kladden er gemt.")
            if "gem_og_se" in request.POST:
                return redirect("kommuner:ansoegning", pk=ansoegning.pk)
            return redirect("kommuner:ansoegning_rediger", pk=ansoegning.pk)
    return render(
        request,
        "kommuner/ansoegning_rediger.html",
        {"ansoegning": ansoegning, "form": form, "frist": gaeldende_frist(ansoegning)},
    )


@require_POST
def bilag_upload(request, pk):
    ansoegning = access_ansoegning_til_redigering(request.user, pk)
    form = BilagForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            bilag = services.bilag_tilfoej(
                ansoegning=ansoegning,
                fil=form.cleaned_data["fil"],
                beskrivelse=form.cleaned_data["beskrivelse"],
                bruger=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)  # a dict of field errors lands on the field, anything else above the form
        else:
            messages.success(request, f"Bilaget {bilag.filnavn} er vedhæftet.")
            return redirect(f"{reverse('kommuner:ansoegning', args=[ansoegning.pk])}#bilag")
    return _detalje(request, ansoegning, form=form)


def bilag_hent(request, pk):
    bilag = access_bilag(request.user, pk)
    response = FileResponse(
        bilag.fil.open("rb"),
        as_attachment=True,
        filename=bilag.filnavn,
        content_type=INDHOLDSTYPER[bilag.filtype],
    )
    return logget_hentning(response, bruger=request.user, objekt=bilag, beskrivelse=f"{bilag} ({bilag.ansoegning})")


@require_POST
def bilag_slet(request, pk):
    bilag = access_bilag(request.user, pk)
    ansoegning = access_ansoegning_til_redigering(request.user, bilag.ansoegning_id)
    try:
        services.bilag_slet(bilag=bilag)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Bilaget {bilag.filnavn} er fjernet.")
    return redirect(f"{reverse('kommuner:ansoegning', args=[ansoegning.pk])}#bilag")


@require_POST
def ansoegning_indsend(request, pk):
    ansoegning = access_ansoegning_til_redigering(request.user, pk)
    try:
        kvittering = services.ansoegning_indsend(ansoegning=ansoegning, bruger=request.user)
    except ValidationError as exc:
        return _detalje(request, ansoegning, indsend_fejl=exc.messages)
    messages.success(
        request,
        f"Interessetilkendegivelsen er indsendt {tidspunkt(kvittering.indsendt)}. Hent kvitteringen herunder.",
    )
    return redirect("kommuner:ansoegning", pk=ansoegning.pk)


def kvittering_hent(request, pk):
    kvittering = get_or_404(
        Kvittering.objects.select_related("ansoegning__kommune", "ansoegning__program").filter(
            ansoegning__in=ansoegninger_til_laesning(request.user)
        ),
        pk=pk,
    )
    filnavn = f"kvittering-{kvittering.ansoegning.kommune.kode}-{filnavn_tid(kvittering.indsendt)}.pdf"
    response = HttpResponse(bytes(kvittering.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return logget_hentning(
        response, bruger=request.user, objekt=kvittering, beskrivelse=f"{kvittering} ({kvittering.ansoegning})"
    )


def ansoegning_send_tilbage(request, pk):
    ansoegning = access_ansoegning_til_vurdering(request.user, pk)
    form = TilbagesendelseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ansoegning_send_tilbage(
                ansoegning=ansoegning, kommentar=form.cleaned_data["kommentar"], bruger=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Interessetilkendegivelsen er sendt tilbage til {ansoegning.kommune.navn}.")
            return redirect("kommuner:ansoegning", pk=ansoegning.pk)
    return render(request, "kommuner/ansoegning_send_tilbage.html", {"ansoegning": ansoegning, "form": form})


def ansoegning_genaabn(request, pk):
    ansoegning = access_ansoegning_til_genaabning(request.user, pk)
    ok, grund = kan_genaabne(request.user, ansoegning)
    form = GenaabningForm(request.POST or None)
    if not ok:
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            services.ansoegning_genaabn(
                ansoegning=ansoegning,
                aaben_til=form.aaben_til,
                begrundelse=form.cleaned_data["begrundelse"],
                bruger=request.user,
            )
        except ValidationError as exc:
            form.add_error("dato", exc.messages)
        else:
            messages.success(request, f"{ansoegning.kommune.navn} kan nu indsende indtil {tidspunkt(form.aaben_til)}.")
            return redirect("kommuner:program", pk=ansoegning.program_id)
    return render(
        request,
        "kommuner/ansoegning_genaabn.html",
        {"ansoegning": ansoegning, "form": form, "grund": grund, "frist": gaeldende_frist(ansoegning)},
    )
