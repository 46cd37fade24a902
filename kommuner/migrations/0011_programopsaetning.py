"""A programme's set-up as rows (decision record 0056): the 2011 form's sections, preconditions and criteria,
until now columns on the application and the assessment, become the first set-up version of every programme; every
value and its history move into the answer and score rows. Order: the old history triggers off, new tables, the
data, the old columns out, the triggers back on."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

# The 2011 programme's form as it was built into the code until this migration (frozen here: the migration must
# not change when the standard form in kommuner/services/opsaetninger.py does). The old columns, in order.
AFSNIT = [
    (
        "beslutningsniveau",
        "B. Beslutningsniveau",
        "På hvilket niveau i kommunens organisation er det besluttet at søge?",
        1_500,
    ),
    (
        "baggrund",
        "C. Baggrund",
        "Hvorfor kommunen vil deltage: formål, foreløbige mål og forventede resultater; hvad kommunen allerede gør, "
        "og hvilke gode erfaringer der skal føres videre.",
        4_000,
    ),
    (
        "opstart",
        "D. Opstart og fremdrift",
        "Hvordan kommunen kan gå i gang straks og holde fremdrift i projektet.",
        2_000,
    ),
    (
        "projektdesign",
        "E. Projektdesign",
        "De planlagte aktiviteter, og hvad der er nyt eller særligt i projektet.",
        4_000,
    ),
    (
        "bemanding",
        "F. Bemanding og organisatorisk placering",
        "Hvem der bemander projektet, og hvor det er placeret i organisationen.",
        2_000,
    ),
    ("tidsplan", "G. Lokal tidsplan", "Kommunens egen tidsplan for projektet.", 2_000),
]
FORUDSAETNINGER = [
    "Projektet ligger inden for programmets formål",
    "Projektet bygger på kvalificerede overvejelser om en samlet forebyggelsesstrategi med realistiske, men "
    "ambitiøse mål",
]
KRITERIER = [
    "Gode erfaringer fra den nuværende forebyggende indsats, der føres videre",
    "Formål og forventede resultater",
    "Forankring af resultaterne bagefter",
    "Det nytænkende, unikke eller særlige",
    "Målgruppen og hvor mange børn og unge, der får gavn af indsatsen",
    "Et realistisk projektdesign, hvor metoder og resultater hænger sammen",
    "Tidsplan for aktiviteterne",
    "Organisering og ledelse",
]


def _punkter_for_vurdering():
    """(model name, related name, number, old value column, old comment column, new value field) per item."""
    return [
        *[("forudsaetningsvurdering", "forudsaetning", nr, f"forudsaetning_{nr}", "opfyldt") for nr in (1, 2)],
        *[("kriteriescore", "kriterie", nr, f"kriterie_{nr}", "score") for nr in range(1, 9)],
    ]


def _ens_historik(events, noegle, vaerdi, lav_event):
    """Copy one old column's history into the new rows' history: one event wherever the value changed (an
    insert where the row is first written), at the same moment and in the same context as the old event, so the
    history reads as before. `noegle(event)` names the new row, `vaerdi(event)` its values then."""
    forrige = {}
    for event in events:
        if event.pgh_label == "delete":
            continue  # the object is gone; its answers went with it
        n = noegle(event)
        v = vaerdi(event)
        tom = all(x in (None, "") for x in v)
        if n not in forrige:
            if tom and event.pgh_label != "grundlag":
                continue
            label = event.pgh_label if event.pgh_label == "grundlag" else "insert"
        elif forrige[n] == v:
            continue
        else:
            label = "update"
        forrige[n] = v
        lav_event(event, n, v, label)


def _med_tidspunkt(model, tidspunkt, **felter):
    """An event at the old event's moment: the events' own clock (auto_now_add) would stamp it with today."""
    event = model.objects.create(**felter)
    model.objects.filter(pk=event.pk).update(pgh_created_at=tidspunkt)
    return event


def til_opsaetning(apps, schema_editor):
    Program = apps.get_model("kommuner", "Program")
    Opsaetning = apps.get_model("kommuner", "Opsaetning")
    Afsnit = apps.get_model("kommuner", "Afsnit")
    Forudsaetning = apps.get_model("kommuner", "Forudsaetning")
    Kriterie = apps.get_model("kommuner", "Kriterie")
    Ansoegning = apps.get_model("kommuner", "Ansoegning")
    AnsoegningEvent = apps.get_model("kommuner", "AnsoegningEvent")
    Svar = apps.get_model("kommuner", "Svar")
    SvarEvent = apps.get_model("kommuner", "SvarEvent")
    Vurdering = apps.get_model("kommuner", "Vurdering")
    VurderingEvent = apps.get_model("kommuner", "VurderingEvent")

    afsnit_for: dict[tuple[int, str], object] = {}
    punkt_for: dict[tuple[int, str, int], object] = {}
    for program in Program.objects.all():
        opsaetning = Opsaetning.objects.create(program=program, version=1)
        for nr, (felt, overskrift, hjaelp, graense) in enumerate(AFSNIT, start=1):
            afsnit_for[(program.pk, felt)] = Afsnit.objects.create(
                opsaetning=opsaetning, nr=nr, overskrift=overskrift, hjaelp=hjaelp, tegngraense=graense
            )
        for nr, tekst in enumerate(FORUDSAETNINGER, start=1):
            punkt_for[(program.pk, "forudsaetning", nr)] = Forudsaetning.objects.create(
                opsaetning=opsaetning, nr=nr, tekst=tekst
            )
        for nr, tekst in enumerate(KRITERIER, start=1):
            punkt_for[(program.pk, "kriterie", nr)] = Kriterie.objects.create(opsaetning=opsaetning, nr=nr, tekst=tekst)
        Ansoegning.objects.filter(program=program).update(opsaetning=opsaetning)
        AnsoegningEvent.objects.filter(program_id=program.pk).update(opsaetning=opsaetning)  # all written in it

    # Answers: a row wherever the application has, or once had, text in the section.
    ansoegninger = {a.pk: a for a in Ansoegning.objects.all()}
    historie = list(
        AnsoegningEvent.objects.filter(pgh_obj_id__in=list(ansoegninger)).order_by(
            "pgh_obj_id", "pgh_created_at", "pgh_id"
        )
    )
    svar: dict[tuple[int, str], object] = {}
    for felt, *_ in AFSNIT:
        for a in ansoegninger.values():
            har_tekst = getattr(a, felt) or any(getattr(e, felt) for e in historie if e.pgh_obj_id == a.pk)
            if har_tekst:
                svar[(a.pk, felt)] = Svar.objects.create(
                    ansoegning=a, afsnit=afsnit_for[(a.program_id, felt)], tekst=getattr(a, felt)
                )

        def lav(event, n, v, label, felt=felt):
            s = svar[n]
            _med_tidspunkt(
                SvarEvent,
                event.pgh_created_at,
                pgh_obj_id=s.pk,
                id=s.pk,
                ansoegning_id=s.ansoegning_id,
                afsnit_id=s.afsnit_id,
                tekst=v[0],
                pgh_label=label,
                pgh_context_id=event.pgh_context_id,
            )

        _ens_historik(
            (e for e in historie if (e.pgh_obj_id, felt) in svar),
            lambda e, felt=felt: (e.pgh_obj_id, felt),
            lambda e, felt=felt: (getattr(e, felt) or "",),
            lav,
        )

    # Scores and preconditions: a row wherever the assessment has, or once had, a value or a comment.
    vurderinger = {v.pk: v for v in Vurdering.objects.select_related("ansoegning")}
    v_historie = list(
        VurderingEvent.objects.filter(pgh_obj_id__in=list(vurderinger)).order_by(
            "pgh_obj_id", "pgh_created_at", "pgh_id"
        )
    )
    for model_navn, art, nr, felt, nyt_felt in _punkter_for_vurdering():
        Model = apps.get_model("kommuner", model_navn)
        ModelEvent = apps.get_model("kommuner", f"{model_navn}Event")
        raekker = {}
        for v in vurderinger.values():
            egne = [e for e in v_historie if e.pgh_obj_id == v.pk]
            if any(x not in (None, "") for x in (getattr(v, felt), getattr(v, f"{felt}_kommentar"))) or any(
                getattr(e, felt) is not None or getattr(e, f"{felt}_kommentar") for e in egne
            ):
                raekker[v.pk] = Model.objects.create(
                    vurdering=v,
                    **{art: punkt_for[(v.ansoegning.program_id, art, nr)]},
                    **{nyt_felt: getattr(v, felt), "kommentar": getattr(v, f"{felt}_kommentar")},
                )

        def lav(event, n, vaerdi, label, raekker=raekker, art=art, nyt_felt=nyt_felt, ModelEvent=ModelEvent):
            r = raekker[n]
            _med_tidspunkt(
                ModelEvent,
                event.pgh_created_at,
                pgh_obj_id=r.pk,
                id=r.pk,
                vurdering_id=r.vurdering_id,
                **{f"{art}_id": getattr(r, f"{art}_id")},
                **{nyt_felt: vaerdi[0], "kommentar": vaerdi[1]},
                pgh_label=label,
                pgh_context_id=event.pgh_context_id,
            )

        _ens_historik(
            (e for e in v_historie if e.pgh_obj_id in raekker),
            lambda e: e.pgh_obj_id,
            lambda e, felt=felt: (getattr(e, felt), getattr(e, f"{felt}_kommentar") or ""),
            lav,
        )
    # The deferred foreign-key checks now, so the columns can be dropped in this transaction.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def fra_opsaetning(apps, schema_editor):
    """Back to the columns: each application's and assessment's values, and each old event's values as they stood
    at its moment (the newest new-row event at or before it)."""
    Ansoegning = apps.get_model("kommuner", "Ansoegning")
    AnsoegningEvent = apps.get_model("kommuner", "AnsoegningEvent")
    Svar = apps.get_model("kommuner", "Svar")
    SvarEvent = apps.get_model("kommuner", "SvarEvent")
    Vurdering = apps.get_model("kommuner", "Vurdering")
    VurderingEvent = apps.get_model("kommuner", "VurderingEvent")
    felt_for_nr = {nr: felt for nr, (felt, *_) in enumerate(AFSNIT, start=1)}

    def som_var(events, tidspunkt):
        vaerdi = None
        for e in events:
            if e.pgh_created_at <= tidspunkt:
                vaerdi = e
        return vaerdi

    svar_events: dict[tuple[int, int], list] = {}
    for e in SvarEvent.objects.select_related("afsnit").order_by("pgh_created_at", "pgh_id"):
        svar_events.setdefault((e.ansoegning_id, e.afsnit.nr), []).append(e)
    for a in Ansoegning.objects.all():
        for s in Svar.objects.filter(ansoegning=a).select_related("afsnit"):
            if s.afsnit.nr in felt_for_nr:
                setattr(a, felt_for_nr[s.afsnit.nr], s.tekst)
        a.save()
    # An answer saved without a change to the application's own fields has no event of the application at its
    # moment: the columns' history had one, so make it, from the application's event just before.
    for a_id in {a for a, _ in svar_events}:
        egne = list(AnsoegningEvent.objects.filter(pgh_obj_id=a_id).order_by("pgh_created_at", "pgh_id"))
        kendte = {e.pgh_created_at for e in egne}
        for e in sorted(
            {(e.pgh_created_at, e.pgh_context_id) for (a, _), es in svar_events.items() if a == a_id for e in es}
        ):
            if e[0] in kendte or not egne:
                continue
            forrige = som_var(egne, e[0]) or egne[0]
            kopi = AnsoegningEvent.objects.get(pk=forrige.pk)
            kopi.pk = None
            kopi.pgh_context_id, kopi.pgh_label = e[1], "update"
            kopi.save()
            AnsoegningEvent.objects.filter(pk=kopi.pk).update(pgh_created_at=e[0])
            kendte.add(e[0])
    for event in AnsoegningEvent.objects.all():
        for nr, felt in felt_for_nr.items():
            e = som_var(svar_events.get((event.pgh_obj_id, nr), []), event.pgh_created_at)
            setattr(event, felt, e.tekst if e else "")
        event.save()

    for model_navn, art, nr, felt, nyt_felt in _punkter_for_vurdering():
        Model = apps.get_model("kommuner", model_navn)
        ModelEvent = apps.get_model("kommuner", f"{model_navn}Event")
        for r in Model.objects.filter(**{f"{art}__nr": nr}):
            Vurdering.objects.filter(pk=r.vurdering_id).update(
                **{felt: getattr(r, nyt_felt), f"{felt}_kommentar": r.kommentar}
            )
        pr_vurdering: dict[int, list] = {}
        for e in ModelEvent.objects.filter(**{f"{art}__nr": nr}).order_by("pgh_created_at", "pgh_id"):
            pr_vurdering.setdefault(e.vurdering_id, []).append(e)
        for event in VurderingEvent.objects.all():
            e = som_var(pr_vurdering.get(event.pgh_obj_id, []), event.pgh_created_at)
            setattr(event, felt, getattr(e, nyt_felt) if e else None)
            setattr(event, f"{felt}_kommentar", e.kommentar if e else "")
            event.save()
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("kommuner", "0010_projektorganisation_og_milepaele"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="ansoegning",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="ansoegning",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="ansoegning",
            name="delete_delete",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="ansoegningsbeloeb",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="ansoegningsbeloeb",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="ansoegningsbeloeb",
            name="delete_delete",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="vurdering",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="vurdering",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="vurdering",
            name="delete_delete",
        ),
        migrations.CreateModel(
            name="Afsnit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("nr", models.PositiveSmallIntegerField(verbose_name="rækkefølge")),
                ("overskrift", models.CharField(max_length=200, verbose_name="overskrift")),
                (
                    "hjaelp",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="hjælpetekst",
                    ),
                ),
                (
                    "tegngraense",
                    models.PositiveIntegerField(
                        default=4000,
                        validators=[
                            django.core.validators.MinValueValidator(100, "Grænsen skal være mindst 100 tegn."),
                            django.core.validators.MaxValueValidator(40000, "Grænsen kan højst være 40.000 tegn."),
                        ],
                        verbose_name="højst antal tegn",
                    ),
                ),
                ("paakraevet", models.BooleanField(default=True, verbose_name="skal udfyldes før indsendelse")),
            ],
            options={
                "verbose_name": "afsnit",
                "verbose_name_plural": "afsnit",
                "ordering": ["opsaetning", "nr"],
            },
        ),
        migrations.CreateModel(
            name="AfsnitEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("nr", models.PositiveSmallIntegerField(verbose_name="rækkefølge")),
                ("overskrift", models.CharField(max_length=200, verbose_name="overskrift")),
                (
                    "hjaelp",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="hjælpetekst",
                    ),
                ),
                (
                    "tegngraense",
                    models.PositiveIntegerField(
                        default=4000,
                        validators=[
                            django.core.validators.MinValueValidator(100, "Grænsen skal være mindst 100 tegn."),
                            django.core.validators.MaxValueValidator(40000, "Grænsen kan højst være 40.000 tegn."),
                        ],
                        verbose_name="højst antal tegn",
                    ),
                ),
                ("paakraevet", models.BooleanField(default=True, verbose_name="skal udfyldes før indsendelse")),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Forudsaetning",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("nr", models.PositiveSmallIntegerField(verbose_name="nummer")),
                ("tekst", models.CharField(max_length=300, verbose_name="forudsætning")),
                (
                    "vejledning",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="vejledning",
                    ),
                ),
            ],
            options={
                "verbose_name": "forudsætning",
                "verbose_name_plural": "forudsætninger",
                "ordering": ["opsaetning", "nr"],
            },
        ),
        migrations.CreateModel(
            name="ForudsaetningEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("nr", models.PositiveSmallIntegerField(verbose_name="nummer")),
                ("tekst", models.CharField(max_length=300, verbose_name="forudsætning")),
                (
                    "vejledning",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="vejledning",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Forudsaetningsvurdering",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("opfyldt", models.BooleanField(blank=True, null=True, verbose_name="opfyldt")),
                (
                    "kommentar",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="kommentar",
                    ),
                ),
            ],
            options={
                "verbose_name": "vurdering af forudsætning",
                "verbose_name_plural": "vurderinger af forudsætninger",
                "ordering": ["vurdering", "forudsaetning__nr"],
            },
        ),
        migrations.CreateModel(
            name="ForudsaetningsvurderingEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("opfyldt", models.BooleanField(blank=True, null=True, verbose_name="opfyldt")),
                (
                    "kommentar",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="kommentar",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Kriterie",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("nr", models.PositiveSmallIntegerField(verbose_name="nummer")),
                ("tekst", models.CharField(max_length=300, verbose_name="kriterie")),
                (
                    "vejledning",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="vejledning",
                    ),
                ),
                ("skala_fra", models.PositiveSmallIntegerField(default=1, verbose_name="laveste score")),
                (
                    "skala_til",
                    models.PositiveSmallIntegerField(
                        default=5,
                        validators=[django.core.validators.MaxValueValidator(10, "Skalaen kan højst gå til 10.")],
                        verbose_name="højeste score",
                    ),
                ),
                (
                    "vaegt",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1, "Vægten skal være mindst 1."),
                            django.core.validators.MaxValueValidator(10, "Vægten kan højst være 10."),
                        ],
                        verbose_name="vægt",
                    ),
                ),
            ],
            options={
                "verbose_name": "kriterie",
                "verbose_name_plural": "kriterier",
                "ordering": ["opsaetning", "nr"],
            },
        ),
        migrations.CreateModel(
            name="KriterieEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("nr", models.PositiveSmallIntegerField(verbose_name="nummer")),
                ("tekst", models.CharField(max_length=300, verbose_name="kriterie")),
                (
                    "vejledning",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="vejledning",
                    ),
                ),
                ("skala_fra", models.PositiveSmallIntegerField(default=1, verbose_name="laveste score")),
                (
                    "skala_til",
                    models.PositiveSmallIntegerField(
                        default=5,
                        validators=[django.core.validators.MaxValueValidator(10, "Skalaen kan højst gå til 10.")],
                        verbose_name="højeste score",
                    ),
                ),
                (
                    "vaegt",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1, "Vægten skal være mindst 1."),
                            django.core.validators.MaxValueValidator(10, "Vægten kan højst være 10."),
                        ],
                        verbose_name="vægt",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Kriteriescore",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="score")),
                (
                    "kommentar",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="kommentar",
                    ),
                ),
            ],
            options={
                "verbose_name": "score",
                "verbose_name_plural": "scorer",
                "ordering": ["vurdering", "kriterie__nr"],
            },
        ),
        migrations.CreateModel(
            name="KriteriescoreEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("score", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="score")),
                (
                    "kommentar",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="kommentar",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Opsaetning",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveSmallIntegerField(default=1, verbose_name="version")),
                ("oprettet", models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet")),
                (
                    "maks_beloeb",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="Tomt: intet loft ud over programmets budget.",
                        null=True,
                        verbose_name="største beløb pr. kommune (kr.)",
                    ),
                ),
                (
                    "medfinansiering_procent",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Kommunens egen andel af projektets samlede budget. 0: ingen krav.",
                        validators=[
                            django.core.validators.MaxValueValidator(100, "Medfinansieringen kan højst være 100 %%.")
                        ],
                        verbose_name="krævet medfinansiering (%)",
                    ),
                ),
                (
                    "udbetaling",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="sådan udbetales tilskuddet",
                    ),
                ),
            ],
            options={
                "verbose_name": "programopsætning",
                "verbose_name_plural": "programopsætninger",
                "ordering": ["program", "-version"],
            },
        ),
        migrations.CreateModel(
            name="OpsaetningEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("version", models.PositiveSmallIntegerField(default=1, verbose_name="version")),
                ("oprettet", models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet")),
                (
                    "maks_beloeb",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="Tomt: intet loft ud over programmets budget.",
                        null=True,
                        verbose_name="største beløb pr. kommune (kr.)",
                    ),
                ),
                (
                    "medfinansiering_procent",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Kommunens egen andel af projektets samlede budget. 0: ingen krav.",
                        validators=[
                            django.core.validators.MaxValueValidator(100, "Medfinansieringen kan højst være 100 %%.")
                        ],
                        verbose_name="krævet medfinansiering (%)",
                    ),
                ),
                (
                    "udbetaling",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="sådan udbetales tilskuddet",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Svar",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("tekst", models.TextField(blank=True, verbose_name="svar")),
            ],
            options={
                "verbose_name": "svar",
                "verbose_name_plural": "svar",
                "ordering": ["ansoegning", "afsnit__nr"],
            },
        ),
        migrations.CreateModel(
            name="SvarEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("tekst", models.TextField(blank=True, verbose_name="svar")),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="ansoegningsbeloeb",
            name="egenfinansiering",
            field=models.PositiveBigIntegerField(default=0, verbose_name="kommunens egenfinansiering (kr.)"),
        ),
        migrations.AddField(
            model_name="ansoegningsbeloebevent",
            name="egenfinansiering",
            field=models.PositiveBigIntegerField(default=0, verbose_name="kommunens egenfinansiering (kr.)"),
        ),
        migrations.AddField(
            model_name="afsnitevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="afsnitevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.afsnit",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.forudsaetning",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningsvurdering",
            name="forudsaetning",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="vurderinger", to="kommuner.forudsaetning"
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningsvurdering",
            name="vurdering",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="forudsaetningsvurderinger",
                to="kommuner.vurdering",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningsvurderingevent",
            name="forudsaetning",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.forudsaetning",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningsvurderingevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningsvurderingevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.forudsaetningsvurdering",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningsvurderingevent",
            name="vurdering",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.vurdering",
            ),
        ),
        migrations.AddField(
            model_name="kriterieevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="kriterieevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.kriterie",
            ),
        ),
        migrations.AddField(
            model_name="kriteriescore",
            name="kriterie",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="scorer", to="kommuner.kriterie"
            ),
        ),
        migrations.AddField(
            model_name="kriteriescore",
            name="vurdering",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="kriteriescorer", to="kommuner.vurdering"
            ),
        ),
        migrations.AddField(
            model_name="kriteriescoreevent",
            name="kriterie",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.kriterie",
            ),
        ),
        migrations.AddField(
            model_name="kriteriescoreevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="kriteriescoreevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.kriteriescore",
            ),
        ),
        migrations.AddField(
            model_name="kriteriescoreevent",
            name="vurdering",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.vurdering",
            ),
        ),
        migrations.AddField(
            model_name="opsaetning",
            name="program",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="opsaetninger", to="kommuner.program"
            ),
        ),
        migrations.AddField(
            model_name="kriterieevent",
            name="opsaetning",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.opsaetning",
            ),
        ),
        migrations.AddField(
            model_name="kriterie",
            name="opsaetning",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="kriterier", to="kommuner.opsaetning"
            ),
        ),
        migrations.AddField(
            model_name="forudsaetningevent",
            name="opsaetning",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.opsaetning",
            ),
        ),
        migrations.AddField(
            model_name="forudsaetning",
            name="opsaetning",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="forudsaetninger", to="kommuner.opsaetning"
            ),
        ),
        migrations.AddField(
            model_name="afsnitevent",
            name="opsaetning",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.opsaetning",
            ),
        ),
        migrations.AddField(
            model_name="afsnit",
            name="opsaetning",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="afsnit", to="kommuner.opsaetning"
            ),
        ),
        migrations.AddField(
            model_name="ansoegning",
            name="opsaetning",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ansoegninger",
                to="kommuner.opsaetning",
                verbose_name="opsætning",
            ),
        ),
        migrations.AddField(
            model_name="ansoegningevent",
            name="opsaetning",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.opsaetning",
                verbose_name="opsætning",
            ),
        ),
        migrations.AddField(
            model_name="opsaetningevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="opsaetningevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.opsaetning",
            ),
        ),
        migrations.AddField(
            model_name="opsaetningevent",
            name="program",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.program",
            ),
        ),
        migrations.AddField(
            model_name="svar",
            name="afsnit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="svar", to="kommuner.afsnit"
            ),
        ),
        migrations.AddField(
            model_name="svar",
            name="ansoegning",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="svar", to="kommuner.ansoegning"
            ),
        ),
        migrations.AddField(
            model_name="svarevent",
            name="afsnit",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.afsnit",
            ),
        ),
        migrations.AddField(
            model_name="svarevent",
            name="ansoegning",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.ansoegning",
            ),
        ),
        migrations.AddField(
            model_name="svarevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="svarevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="kommuner.svar",
            ),
        ),
        migrations.AddConstraint(
            model_name="forudsaetningsvurdering",
            constraint=models.UniqueConstraint(
                fields=("vurdering", "forudsaetning"), name="en_vurdering_pr_forudsaetning"
            ),
        ),
        migrations.AddConstraint(
            model_name="kriteriescore",
            constraint=models.UniqueConstraint(fields=("vurdering", "kriterie"), name="en_score_pr_kriterie"),
        ),
        migrations.AddConstraint(
            model_name="opsaetning",
            constraint=models.UniqueConstraint(fields=("program", "version"), name="en_opsaetning_pr_version"),
        ),
        migrations.AddConstraint(
            model_name="kriterie",
            constraint=models.UniqueConstraint(fields=("opsaetning", "nr"), name="et_kriterie_pr_nr"),
        ),
        migrations.AddConstraint(
            model_name="kriterie",
            constraint=models.CheckConstraint(
                condition=models.Q(("skala_til__gt", models.F("skala_fra"))), name="kriterie_skala"
            ),
        ),
        migrations.AddConstraint(
            model_name="forudsaetning",
            constraint=models.UniqueConstraint(fields=("opsaetning", "nr"), name="en_forudsaetning_pr_nr"),
        ),
        migrations.AddConstraint(
            model_name="afsnit",
            constraint=models.UniqueConstraint(fields=("opsaetning", "nr"), name="et_afsnit_pr_nr"),
        ),
        migrations.AddConstraint(
            model_name="svar",
            constraint=models.UniqueConstraint(fields=("ansoegning", "afsnit"), name="et_svar_pr_afsnit"),
        ),
        migrations.RunPython(til_opsaetning, fra_opsaetning),
        migrations.RemoveField(
            model_name="ansoegning",
            name="baggrund",
        ),
        migrations.RemoveField(
            model_name="ansoegning",
            name="bemanding",
        ),
        migrations.RemoveField(
            model_name="ansoegning",
            name="beslutningsniveau",
        ),
        migrations.RemoveField(
            model_name="ansoegning",
            name="opstart",
        ),
        migrations.RemoveField(
            model_name="ansoegning",
            name="projektdesign",
        ),
        migrations.RemoveField(
            model_name="ansoegning",
            name="tidsplan",
        ),
        migrations.RemoveField(
            model_name="ansoegningevent",
            name="baggrund",
        ),
        migrations.RemoveField(
            model_name="ansoegningevent",
            name="bemanding",
        ),
        migrations.RemoveField(
            model_name="ansoegningevent",
            name="beslutningsniveau",
        ),
        migrations.RemoveField(
            model_name="ansoegningevent",
            name="opstart",
        ),
        migrations.RemoveField(
            model_name="ansoegningevent",
            name="projektdesign",
        ),
        migrations.RemoveField(
            model_name="ansoegningevent",
            name="tidsplan",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="forudsaetning_1",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="forudsaetning_1_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="forudsaetning_2",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="forudsaetning_2_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_1",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_1_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_2",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_2_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_3",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_3_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_4",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_4_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_5",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_5_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_6",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_6_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_7",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_7_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_8",
        ),
        migrations.RemoveField(
            model_name="vurdering",
            name="kriterie_8_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="forudsaetning_1",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="forudsaetning_1_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="forudsaetning_2",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="forudsaetning_2_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_1",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_1_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_2",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_2_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_3",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_3_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_4",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_4_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_5",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_5_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_6",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_6_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_7",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_7_kommentar",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_8",
        ),
        migrations.RemoveField(
            model_name="vurderingevent",
            name="kriterie_8_kommentar",
        ),
        migrations.AlterField(
            model_name="ansoegningevent",
            name="opsaetning",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="kommuner.opsaetning",
                verbose_name="opsætning",
            ),
        ),
        migrations.AlterField(
            model_name="ansoegning",
            name="opsaetning",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ansoegninger",
                to="kommuner.opsaetning",
                verbose_name="opsætning",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegning",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_ansoegningevent" ("adresse", "aendret", "afventer_politisk_godkendelse", "cvr", "email", "id", "indsendt", "indsendt_af_id", "kommune_id", "kommune_navn", "kontakt_email", "kontakt_navn", "kontakt_telefon", "kontakt_titel", "oprettet", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postnr_by", "program_id", "status", "telefon", "tilbagesendt_kommentar") VALUES (NEW."adresse", NEW."aendret", NEW."afventer_politisk_godkendelse", NEW."cvr", NEW."email", NEW."id", NEW."indsendt", NEW."indsendt_af_id", NEW."kommune_id", NEW."kommune_navn", NEW."kontakt_email", NEW."kontakt_navn", NEW."kontakt_telefon", NEW."kontakt_titel", NEW."oprettet", NEW."opsaetning_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."postnr_by", NEW."program_id", NEW."status", NEW."telefon", NEW."tilbagesendt_kommentar"); RETURN NULL;',
                    hash="93e48b6bd5c8bdff2d2247aa0b85db31280d89ed",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_5c147",
                    table="kommuner_ansoegning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegning",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_ansoegningevent" ("adresse", "aendret", "afventer_politisk_godkendelse", "cvr", "email", "id", "indsendt", "indsendt_af_id", "kommune_id", "kommune_navn", "kontakt_email", "kontakt_navn", "kontakt_telefon", "kontakt_titel", "oprettet", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postnr_by", "program_id", "status", "telefon", "tilbagesendt_kommentar") VALUES (NEW."adresse", NEW."aendret", NEW."afventer_politisk_godkendelse", NEW."cvr", NEW."email", NEW."id", NEW."indsendt", NEW."indsendt_af_id", NEW."kommune_id", NEW."kommune_navn", NEW."kontakt_email", NEW."kontakt_navn", NEW."kontakt_telefon", NEW."kontakt_titel", NEW."oprettet", NEW."opsaetning_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."postnr_by", NEW."program_id", NEW."status", NEW."telefon", NEW."tilbagesendt_kommentar"); RETURN NULL;',
                    hash="199c90025c7a1764b7dbc9b628ca4199509021c0",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9d3e7",
                    table="kommuner_ansoegning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegning",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_ansoegningevent" ("adresse", "aendret", "afventer_politisk_godkendelse", "cvr", "email", "id", "indsendt", "indsendt_af_id", "kommune_id", "kommune_navn", "kontakt_email", "kontakt_navn", "kontakt_telefon", "kontakt_titel", "oprettet", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postnr_by", "program_id", "status", "telefon", "tilbagesendt_kommentar") VALUES (OLD."adresse", OLD."aendret", OLD."afventer_politisk_godkendelse", OLD."cvr", OLD."email", OLD."id", OLD."indsendt", OLD."indsendt_af_id", OLD."kommune_id", OLD."kommune_navn", OLD."kontakt_email", OLD."kontakt_navn", OLD."kontakt_telefon", OLD."kontakt_titel", OLD."oprettet", OLD."opsaetning_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."postnr_by", OLD."program_id", OLD."status", OLD."telefon", OLD."tilbagesendt_kommentar"); RETURN NULL;',
                    hash="923f843df20f16916417bdb2cd79fd029f0b22d5",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_7f926",
                    table="kommuner_ansoegning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegningsbeloeb",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_ansoegningsbeloebevent" ("aar", "ansoegning_id", "beloeb", "egenfinansiering", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."aar", NEW."ansoegning_id", NEW."beloeb", NEW."egenfinansiering", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;',
                    hash="73fd06cffd1de0920ea78f2d233e6d403e781a53",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_34350",
                    table="kommuner_ansoegningsbeloeb",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegningsbeloeb",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_ansoegningsbeloebevent" ("aar", "ansoegning_id", "beloeb", "egenfinansiering", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."aar", NEW."ansoegning_id", NEW."beloeb", NEW."egenfinansiering", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;',
                    hash="afc72c835f6c1ef12aae6af04d79d79c70cd69f2",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_e68af",
                    table="kommuner_ansoegningsbeloeb",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegningsbeloeb",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_ansoegningsbeloebevent" ("aar", "ansoegning_id", "beloeb", "egenfinansiering", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (OLD."aar", OLD."ansoegning_id", OLD."beloeb", OLD."egenfinansiering", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id"); RETURN NULL;',
                    hash="97e070c295f2cc4a3a5dce69fbf544ede1e5e376",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_16d08",
                    table="kommuner_ansoegningsbeloeb",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="vurdering",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_vurderingevent" ("aendret", "anbefaling", "anbefaling_begrundelse", "ansoegning_id", "bedoemmer_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "version") VALUES (NEW."aendret", NEW."anbefaling", NEW."anbefaling_begrundelse", NEW."ansoegning_id", NEW."bedoemmer_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."version"); RETURN NULL;',
                    hash="0463440078d1993228b80508f9a338d7ec1467b4",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_8fd56",
                    table="kommuner_vurdering",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="vurdering",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_vurderingevent" ("aendret", "anbefaling", "anbefaling_begrundelse", "ansoegning_id", "bedoemmer_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "version") VALUES (NEW."aendret", NEW."anbefaling", NEW."anbefaling_begrundelse", NEW."ansoegning_id", NEW."bedoemmer_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."version"); RETURN NULL;',
                    hash="1344c7d6355371f83aab0e3eb6d183bed7a07eb6",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_2cfef",
                    table="kommuner_vurdering",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="vurdering",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_vurderingevent" ("aendret", "anbefaling", "anbefaling_begrundelse", "ansoegning_id", "bedoemmer_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "version") VALUES (OLD."aendret", OLD."anbefaling", OLD."anbefaling_begrundelse", OLD."ansoegning_id", OLD."bedoemmer_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."version"); RETURN NULL;',
                    hash="3e457a4deccf52ea57d272e2326f04d08541d098",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_766cb",
                    table="kommuner_vurdering",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="forudsaetningsvurdering",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_forudsaetningsvurderingevent" ("forudsaetning_id", "id", "kommentar", "opfyldt", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vurdering_id") VALUES (NEW."forudsaetning_id", NEW."id", NEW."kommentar", NEW."opfyldt", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."vurdering_id"); RETURN NULL;',
                    hash="bc51b912d736379412988e1822aa6f11938eed7e",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_bd5c0",
                    table="kommuner_forudsaetningsvurdering",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="forudsaetningsvurdering",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_forudsaetningsvurderingevent" ("forudsaetning_id", "id", "kommentar", "opfyldt", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vurdering_id") VALUES (NEW."forudsaetning_id", NEW."id", NEW."kommentar", NEW."opfyldt", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."vurdering_id"); RETURN NULL;',
                    hash="e23c3dfc2eeed2d93219e4e805f19fa7a66dbb72",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_1a4cd",
                    table="kommuner_forudsaetningsvurdering",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="forudsaetningsvurdering",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_forudsaetningsvurderingevent" ("forudsaetning_id", "id", "kommentar", "opfyldt", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vurdering_id") VALUES (OLD."forudsaetning_id", OLD."id", OLD."kommentar", OLD."opfyldt", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."vurdering_id"); RETURN NULL;',
                    hash="2d5d024191121859a33fb4fabe14ba9c85199825",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_ffec6",
                    table="kommuner_forudsaetningsvurdering",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="kriteriescore",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_kriteriescoreevent" ("id", "kommentar", "kriterie_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "score", "vurdering_id") VALUES (NEW."id", NEW."kommentar", NEW."kriterie_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."score", NEW."vurdering_id"); RETURN NULL;',
                    hash="1cfee09f05a6a80314d9036b0eb1b1b29b30b17a",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_91328",
                    table="kommuner_kriteriescore",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="kriteriescore",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_kriteriescoreevent" ("id", "kommentar", "kriterie_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "score", "vurdering_id") VALUES (NEW."id", NEW."kommentar", NEW."kriterie_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."score", NEW."vurdering_id"); RETURN NULL;',
                    hash="bddf897984d4562f052714410c5a76b772507804",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_fc897",
                    table="kommuner_kriteriescore",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="kriteriescore",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_kriteriescoreevent" ("id", "kommentar", "kriterie_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "score", "vurdering_id") VALUES (OLD."id", OLD."kommentar", OLD."kriterie_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."score", OLD."vurdering_id"); RETURN NULL;',
                    hash="652dd8302ff6e08e76a98c9fb1935d747e1ba675",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_6178f",
                    table="kommuner_kriteriescore",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="opsaetning",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_opsaetningevent" ("id", "maks_beloeb", "medfinansiering_procent", "oprettet", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "udbetaling", "version") VALUES (NEW."id", NEW."maks_beloeb", NEW."medfinansiering_procent", NEW."oprettet", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id", NEW."udbetaling", NEW."version"); RETURN NULL;',
                    hash="ec0422fbbe2e192465dfe23e0a7d81cd7418f1ad",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_fec48",
                    table="kommuner_opsaetning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="opsaetning",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_opsaetningevent" ("id", "maks_beloeb", "medfinansiering_procent", "oprettet", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "udbetaling", "version") VALUES (NEW."id", NEW."maks_beloeb", NEW."medfinansiering_procent", NEW."oprettet", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id", NEW."udbetaling", NEW."version"); RETURN NULL;',
                    hash="bb65274ea354ef9aa013f10e511660ef8cb7a9de",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_b3e81",
                    table="kommuner_opsaetning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="opsaetning",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_opsaetningevent" ("id", "maks_beloeb", "medfinansiering_procent", "oprettet", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id", "udbetaling", "version") VALUES (OLD."id", OLD."maks_beloeb", OLD."medfinansiering_procent", OLD."oprettet", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."program_id", OLD."udbetaling", OLD."version"); RETURN NULL;',
                    hash="0542f6280af55a36565e7454a01590de5f359829",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_a95ca",
                    table="kommuner_opsaetning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="kriterie",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_kriterieevent" ("id", "nr", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "skala_fra", "skala_til", "tekst", "vaegt", "vejledning") VALUES (NEW."id", NEW."nr", NEW."opsaetning_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."skala_fra", NEW."skala_til", NEW."tekst", NEW."vaegt", NEW."vejledning"); RETURN NULL;',
                    hash="d32fc47fbf81bdb3318ddb84a064d5962010b6f7",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_22209",
                    table="kommuner_kriterie",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="kriterie",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_kriterieevent" ("id", "nr", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "skala_fra", "skala_til", "tekst", "vaegt", "vejledning") VALUES (NEW."id", NEW."nr", NEW."opsaetning_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."skala_fra", NEW."skala_til", NEW."tekst", NEW."vaegt", NEW."vejledning"); RETURN NULL;',
                    hash="de317dacf5137403617e6ec72ae3fae7eb8e6522",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0b133",
                    table="kommuner_kriterie",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="kriterie",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_kriterieevent" ("id", "nr", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "skala_fra", "skala_til", "tekst", "vaegt", "vejledning") VALUES (OLD."id", OLD."nr", OLD."opsaetning_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."skala_fra", OLD."skala_til", OLD."tekst", OLD."vaegt", OLD."vejledning"); RETURN NULL;',
                    hash="f23a790fa2ad5e4755fd1465cf74170311eb4518",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_f4102",
                    table="kommuner_kriterie",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="forudsaetning",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_forudsaetningevent" ("id", "nr", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tekst", "vejledning") VALUES (NEW."id", NEW."nr", NEW."opsaetning_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."tekst", NEW."vejledning"); RETURN NULL;',
                    hash="c1a2ed186c9e7ae23cd5c5dfe1e53d1769d5b010",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_8361c",
                    table="kommuner_forudsaetning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="forudsaetning",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_forudsaetningevent" ("id", "nr", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tekst", "vejledning") VALUES (NEW."id", NEW."nr", NEW."opsaetning_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."tekst", NEW."vejledning"); RETURN NULL;',
                    hash="63bb3b229722f79b2ae37c9cd6bd236fe4d99474",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_0e1e4",
                    table="kommuner_forudsaetning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="forudsaetning",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_forudsaetningevent" ("id", "nr", "opsaetning_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tekst", "vejledning") VALUES (OLD."id", OLD."nr", OLD."opsaetning_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."tekst", OLD."vejledning"); RETURN NULL;',
                    hash="5872f5729a265fec96b7099c3245ecb2dba71016",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_a9830",
                    table="kommuner_forudsaetning",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="afsnit",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_afsnitevent" ("hjaelp", "id", "nr", "opsaetning_id", "overskrift", "paakraevet", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tegngraense") VALUES (NEW."hjaelp", NEW."id", NEW."nr", NEW."opsaetning_id", NEW."overskrift", NEW."paakraevet", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."tegngraense"); RETURN NULL;',
                    hash="a10f815573cec0d78d662077a53097cab7d23883",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_1d207",
                    table="kommuner_afsnit",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="afsnit",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_afsnitevent" ("hjaelp", "id", "nr", "opsaetning_id", "overskrift", "paakraevet", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tegngraense") VALUES (NEW."hjaelp", NEW."id", NEW."nr", NEW."opsaetning_id", NEW."overskrift", NEW."paakraevet", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."tegngraense"); RETURN NULL;',
                    hash="d638c0ca8e6193e5eeb340f96dba6a61c5d522a5",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9f890",
                    table="kommuner_afsnit",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="afsnit",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_afsnitevent" ("hjaelp", "id", "nr", "opsaetning_id", "overskrift", "paakraevet", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tegngraense") VALUES (OLD."hjaelp", OLD."id", OLD."nr", OLD."opsaetning_id", OLD."overskrift", OLD."paakraevet", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."tegngraense"); RETURN NULL;',
                    hash="69b93d147b9132e69e1678f2a6879f70c3be2ef4",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_96ba7",
                    table="kommuner_afsnit",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="svar",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_svarevent" ("afsnit_id", "ansoegning_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tekst") VALUES (NEW."afsnit_id", NEW."ansoegning_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."tekst"); RETURN NULL;',
                    hash="ab77cf8afb57d1088fcb22f2b3b9aadd50278d85",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_c0371",
                    table="kommuner_svar",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="svar",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "kommuner_svarevent" ("afsnit_id", "ansoegning_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tekst") VALUES (NEW."afsnit_id", NEW."ansoegning_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."tekst"); RETURN NULL;',
                    hash="a41fe684a2a38b932a112551ead6e542d9210cdb",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_1f4af",
                    table="kommuner_svar",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="svar",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_svarevent" ("afsnit_id", "ansoegning_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tekst") VALUES (OLD."afsnit_id", OLD."ansoegning_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."tekst"); RETURN NULL;',
                    hash="e37a45ef735a7bc2bb75092dd26160b9ef1a01e4",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_dac7e",
                    table="kommuner_svar",
                    when="AFTER",
                ),
            ),
        ),
    ]
