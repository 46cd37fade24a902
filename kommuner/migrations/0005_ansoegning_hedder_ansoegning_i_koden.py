# The model is called by the word the code uses (docs/ordliste.md); screens still say interessetilkendegivelse.

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kommuner", "0004_historik_grundlag_for_kommuner"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    # The old triggers go before the rename and the new ones after, so the migration also runs backwards.
    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="interessetilkendegivelse",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="interessetilkendegivelse",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="interessetilkendegivelse",
            name="delete_delete",
        ),
        migrations.RenameModel(
            old_name="Interessetilkendegivelse",
            new_name="Ansoegning",
        ),
        migrations.RenameModel(
            old_name="InteressetilkendegivelseEvent",
            new_name="AnsoegningEvent",
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="ansoegning",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "kommuner_ansoegningevent" ("adresse", "aendret", "afventer_politisk_godkendelse", "baggrund", "bemanding", "beslutningsniveau", "cvr", "email", "id", "indsendt", "indsendt_af_id", "kommune_id", "kommune_navn", "kontakt_email", "kontakt_navn", "kontakt_telefon", "kontakt_titel", "oprettet", "opstart", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postnr_by", "program_id", "projektdesign", "status", "telefon", "tidsplan", "tilbagesendt_kommentar") VALUES (NEW."adresse", NEW."aendret", NEW."afventer_politisk_godkendelse", NEW."baggrund", NEW."bemanding", NEW."beslutningsniveau", NEW."cvr", NEW."email", NEW."id", NEW."indsendt", NEW."indsendt_af_id", NEW."kommune_id", NEW."kommune_navn", NEW."kontakt_email", NEW."kontakt_navn", NEW."kontakt_telefon", NEW."kontakt_titel", NEW."oprettet", NEW."opstart", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."postnr_by", NEW."program_id", NEW."projektdesign", NEW."status", NEW."telefon", NEW."tidsplan", NEW."tilbagesendt_kommentar"); RETURN NULL;',
                    hash="aabdcdb215aca944de5daedc9ac0e7387be3b157",
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
                    func='INSERT INTO "kommuner_ansoegningevent" ("adresse", "aendret", "afventer_politisk_godkendelse", "baggrund", "bemanding", "beslutningsniveau", "cvr", "email", "id", "indsendt", "indsendt_af_id", "kommune_id", "kommune_navn", "kontakt_email", "kontakt_navn", "kontakt_telefon", "kontakt_titel", "oprettet", "opstart", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postnr_by", "program_id", "projektdesign", "status", "telefon", "tidsplan", "tilbagesendt_kommentar") VALUES (NEW."adresse", NEW."aendret", NEW."afventer_politisk_godkendelse", NEW."baggrund", NEW."bemanding", NEW."beslutningsniveau", NEW."cvr", NEW."email", NEW."id", NEW."indsendt", NEW."indsendt_af_id", NEW."kommune_id", NEW."kommune_navn", NEW."kontakt_email", NEW."kontakt_navn", NEW."kontakt_telefon", NEW."kontakt_titel", NEW."oprettet", NEW."opstart", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."postnr_by", NEW."program_id", NEW."projektdesign", NEW."status", NEW."telefon", NEW."tidsplan", NEW."tilbagesendt_kommentar"); RETURN NULL;',
                    hash="e51ed8db7e2c14af1f6170fd189fe75e6f053d5a",
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
                    func='INSERT INTO "kommuner_ansoegningevent" ("adresse", "aendret", "afventer_politisk_godkendelse", "baggrund", "bemanding", "beslutningsniveau", "cvr", "email", "id", "indsendt", "indsendt_af_id", "kommune_id", "kommune_navn", "kontakt_email", "kontakt_navn", "kontakt_telefon", "kontakt_titel", "oprettet", "opstart", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "postnr_by", "program_id", "projektdesign", "status", "telefon", "tidsplan", "tilbagesendt_kommentar") VALUES (OLD."adresse", OLD."aendret", OLD."afventer_politisk_godkendelse", OLD."baggrund", OLD."bemanding", OLD."beslutningsniveau", OLD."cvr", OLD."email", OLD."id", OLD."indsendt", OLD."indsendt_af_id", OLD."kommune_id", OLD."kommune_navn", OLD."kontakt_email", OLD."kontakt_navn", OLD."kontakt_telefon", OLD."kontakt_titel", OLD."oprettet", OLD."opstart", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."postnr_by", OLD."program_id", OLD."projektdesign", OLD."status", OLD."telefon", OLD."tidsplan", OLD."tilbagesendt_kommentar"); RETURN NULL;',
                    hash="bba36cae51d0e19985f2663020382f3f0ebec825",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_7f926",
                    table="kommuner_ansoegning",
                    when="AFTER",
                ),
            ),
        ),
    ]
