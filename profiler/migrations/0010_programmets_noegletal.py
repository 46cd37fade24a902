import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    """A programme's choice of the indicators its participants' social profiles show, with its history. No rows
    for a programme: the profiles show what they showed before."""

    dependencies = [
        ("kommuner", "0011_programopsaetning"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("profiler", "0009_afviste_importer"),
    ]

    operations = [
        migrations.CreateModel(
            name="Programindikator",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "indikator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="profiler.indikator",
                        verbose_name="indikator",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="kommuner.program",
                        verbose_name="program",
                    ),
                ),
            ],
            options={
                "verbose_name": "nøgletal i programmets profiler",
                "verbose_name_plural": "nøgletal i programmets profiler",
                "ordering": ["program", "indikator__raekkefoelge", "indikator__kode"],
            },
        ),
        migrations.CreateModel(
            name="ProgramindikatorEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "indikator",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="profiler.indikator",
                        verbose_name="indikator",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="events",
                        to="profiler.programindikator",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="kommuner.program",
                        verbose_name="program",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="programindikator",
            constraint=models.UniqueConstraint(fields=("program", "indikator"), name="en_indikator_en_gang_pr_program"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="programindikator",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "profiler_programindikatorevent" ("id", "indikator_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id") VALUES (NEW."id", NEW."indikator_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."program_id"); RETURN NULL;',
                    hash="4272f24be785af15ca92803f69c5df8a7c71967a",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_b86e2",
                    table="profiler_programindikator",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="programindikator",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "profiler_programindikatorevent" ("id", "indikator_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id") VALUES (NEW."id", NEW."indikator_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."program_id"); RETURN NULL;',
                    hash="3709a823a77f7ece692d8e77ce95131d9b382322",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ff95a",
                    table="profiler_programindikator",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="programindikator",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "profiler_programindikatorevent" ("id", "indikator_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "program_id") VALUES (OLD."id", OLD."indikator_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."program_id"); RETURN NULL;',
                    hash="a7c686a1badbe4e1e8b9325fba6be97468db03e4",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_de8a7",
                    table="profiler_programindikator",
                    when="AFTER",
                ),
            ),
        ),
    ]
