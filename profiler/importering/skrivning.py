"""The set-based write path of an import: stage (preview), confirm and undo, a few statements each.

A national file (98 municipalities × 40 indicators × 15 years) is 58,800 values. They go into a temporary
table with COPY, and one INSERT … SELECT joins them with the current observations and stores, per value that
changes, the old and the new row (`ImportRaekke`). Confirming is one upsert from those rows; undoing is one
UPDATE and one DELETE back to the old values. The observations table has no history triggers: the import rows
are the history of imported values (docs/decisions/0011-nogletal-import-og-historik.md).

Every writer to the observations (confirm, undo, approval of own figures) first locks the `Dataversion` row and
renews its key before committing, so writers take turns and a preview knows whether anything changed since.
"""

import io
import uuid
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from profiler.importering.raamme import Indlaest
from profiler.models import Dataversion, ImportKoersel, ImportRaekke, Koerselstilstand

FELTER = (
    "taeller",
    "naevner",
    "vaerdi",
    "status",
    "eksempeldata",
    "taeller_import_id",
    "naevner_import_id",
    "indberetning_id",
)


def laas_dataversion(*, skriv: bool) -> uuid.UUID:
    """Lock the data version (FOR UPDATE for a writer, FOR SHARE for a preview) and return its key."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO profiler_dataversion (id, noegle, aendret) VALUES (1, %s, now()) ON CONFLICT (id) DO NOTHING",
            [uuid.uuid4()],
        )
        cursor.execute(f"SELECT noegle FROM profiler_dataversion WHERE id = 1 FOR {'UPDATE' if skriv else 'SHARE'}")
        return cursor.fetchone()[0]


def forny_dataversion() -> uuid.UUID:
    """A new key for the data version; the caller holds the lock (laas_dataversion(skriv=True))."""
    noegle = uuid.uuid4()
    Dataversion.objects.filter(pk=1).update(noegle=noegle, aendret=timezone.now())
    return noegle


def _copy_tekst(vaerdi) -> str:
    if vaerdi is None:
        return r"\N"
    if isinstance(vaerdi, Decimal):
        return format(vaerdi, "f")
    return str(vaerdi)


def forbered(koersel: ImportKoersel, indlaest: Indlaest, *, saetter_alt: bool) -> tuple[int, int]:
    """Stage the values that would change; returns (new, changed). `saetter_alt`: the run writes every part of
    its observations, so an earlier example-data mark does not survive it."""
    linjer = io.StringIO()
    for v in indlaest.vaerdier:
        felter = (v.kommune_id, v.indikator_id, v.aar, v.taeller, v.naevner, v.vaerdi)
        linjer.write("\t".join(_copy_tekst(f) for f in felter) + "\n")
    saetter = indlaest.saetter
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE IF EXISTS profiler_import_ny; "
            "CREATE TEMP TABLE profiler_import_ny (kommune_id bigint, indikator_id bigint, aar smallint, "
            "taeller numeric, naevner numeric, vaerdi numeric) ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY profiler_import_ny FROM STDIN") as copy:
            copy.write(linjer.getvalue())
        cursor.execute(
            STAGE_SQL,
            {
                "k": koersel.pk,
                "status": koersel.datastatus,
                "eks": koersel.eksempeldata,
                "alt": saetter_alt,
                "t": "taeller" in saetter,
                "n": "naevner" in saetter,
                "v": "vaerdi" in saetter,
            },
        )
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT fandtes) FROM profiler_importraekke WHERE koersel_id = %s",
            [koersel.pk],
        )
        i_alt, nye = cursor.fetchone()
        cursor.execute("DROP TABLE profiler_import_ny")
    return nye, i_alt - nye


def gennemfoer(koersel: ImportKoersel) -> None:
    """Write the staged values; the caller holds the data-state lock and has checked nothing changed."""
    with connection.cursor() as cursor:
        cursor.execute(GENNEMFOER_SQL, {"k": koersel.pk, "nu": timezone.now()})


def senere_aendringer(koersel: ImportKoersel) -> tuple[int, list[ImportKoersel]]:
    """How many of the run's values have changed since it wrote them, and which later imports changed them."""
    with connection.cursor() as cursor:
        cursor.execute(AENDRET_SIDEN_SQL, [koersel.pk])
        antal = cursor.fetchone()[0]
        if not antal:
            return 0, []
        cursor.execute(SENERE_KOERSLER_SQL, [koersel.pk, Koerselstilstand.GENNEMFOERT, koersel.pk])
        senere = [r[0] for r in cursor.fetchall()]
    return antal, list(ImportKoersel.objects.filter(pk__in=senere).order_by("pk"))


def fortryd(koersel: ImportKoersel) -> int:
    """Put back the values the run replaced and remove the observations it created; returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(FORTRYD_OPDATER_SQL, {"k": koersel.pk, "nu": timezone.now()})
        opdateret = cursor.rowcount
        cursor.execute(FORTRYD_SLET_SQL, [koersel.pk])
        return opdateret + cursor.rowcount


def kasser(koersel: ImportKoersel) -> None:
    ImportRaekke.objects.filter(koersel=koersel).delete()


NOEGLE = "o.indikator_id = {r}.indikator_id AND o.aar = {r}.aar AND o.kommune_id = {r}.kommune_id"

STAGE_SQL = f"""
INSERT INTO profiler_importraekke (
    koersel_id, kommune_id, indikator_id, aar, fandtes,
    gl_taeller, gl_naevner, gl_vaerdi, gl_status, gl_eksempeldata,
    gl_taeller_import_id, gl_naevner_import_id, gl_indberetning_id,
    ny_taeller, ny_naevner, ny_vaerdi, ny_status, ny_eksempeldata,
    ny_taeller_import_id, ny_naevner_import_id, ny_indberetning_id
)
SELECT %(k)s, n.kommune_id, n.indikator_id, n.aar, o.id IS NOT NULL,
       o.taeller, o.naevner, o.vaerdi, COALESCE(o.status, ''), o.eksempeldata,
       o.taeller_import_id, o.naevner_import_id, o.indberetning_id,
       x.taeller, x.naevner, x.vaerdi, %(status)s, x.eksempeldata,
       x.taeller_import_id, x.naevner_import_id, x.indberetning_id
FROM profiler_import_ny n
LEFT JOIN profiler_observation o ON {NOEGLE.format(r="n")}
LEFT JOIN profiler_importkoersel tk ON tk.id = o.taeller_import_id
LEFT JOIN profiler_importkoersel nk ON nk.id = o.naevner_import_id
LEFT JOIN profiler_indberetning oi ON oi.id = o.indberetning_id
JOIN profiler_indikator i ON i.id = n.indikator_id
CROSS JOIN LATERAL (
    SELECT CASE WHEN %(t)s THEN n.taeller ELSE o.taeller END AS taeller,
           CASE WHEN %(n)s THEN n.naevner ELSE o.naevner END AS naevner,
           CASE WHEN %(v)s THEN n.vaerdi ELSE o.vaerdi END AS vaerdi,
           -- Example data where any part's source is: this run for the parts it writes, and for the parts it
           -- leaves the run or own figures that wrote them (the old mark only where that source is unknown).
           (%(eks)s OR (NOT %(alt)s AND (
               (NOT (%(t)s OR %(v)s) AND COALESCE(
                   oi.eksempeldata, tk.eksempeldata,
                   CASE WHEN o.taeller IS NULL AND o.vaerdi IS NULL THEN false END, o.eksempeldata, false))
               OR (NOT %(n)s AND COALESCE(
                   nk.eksempeldata, CASE WHEN o.naevner IS NULL THEN false END,
                   CASE WHEN oi.id IS NOT NULL AND i.naevner_kilde = 'EGNE' THEN oi.eksempeldata END,
                   o.eksempeldata, false))
           ))) AS eksempeldata,
           CASE WHEN %(t)s OR %(v)s THEN %(k)s ELSE o.taeller_import_id END AS taeller_import_id,
           CASE WHEN %(n)s THEN %(k)s ELSE o.naevner_import_id END AS naevner_import_id,
           CASE WHEN %(t)s OR %(v)s THEN NULL ELSE o.indberetning_id END AS indberetning_id
) x
WHERE (o.id IS NULL AND (x.taeller IS NOT NULL OR x.naevner IS NOT NULL OR x.vaerdi IS NOT NULL))
   OR o.taeller IS DISTINCT FROM x.taeller
   OR o.naevner IS DISTINCT FROM x.naevner
   OR o.vaerdi IS DISTINCT FROM x.vaerdi
   OR o.status IS DISTINCT FROM %(status)s
   OR o.eksempeldata IS DISTINCT FROM x.eksempeldata
"""

GENNEMFOER_SQL = """
INSERT INTO profiler_observation AS o (
    kommune_id, indikator_id, aar, taeller, naevner, vaerdi, status, eksempeldata,
    taeller_import_id, naevner_import_id, indberetning_id, aendret
)
SELECT kommune_id, indikator_id, aar, ny_taeller, ny_naevner, ny_vaerdi, ny_status, ny_eksempeldata,
       ny_taeller_import_id, ny_naevner_import_id, ny_indberetning_id, %(nu)s
FROM profiler_importraekke WHERE koersel_id = %(k)s
ON CONFLICT (indikator_id, aar, kommune_id) DO UPDATE SET
    taeller = EXCLUDED.taeller, naevner = EXCLUDED.naevner, vaerdi = EXCLUDED.vaerdi, status = EXCLUDED.status,
    eksempeldata = EXCLUDED.eksempeldata, taeller_import_id = EXCLUDED.taeller_import_id,
    naevner_import_id = EXCLUDED.naevner_import_id, indberetning_id = EXCLUDED.indberetning_id,
    aendret = EXCLUDED.aendret
"""

_ULIG = " OR ".join(f"o.{f} IS DISTINCT FROM r.ny_{f}" for f in FELTER)
AENDRET_SIDEN_SQL = f"""
SELECT count(*) FROM profiler_importraekke r
LEFT JOIN profiler_observation o ON {NOEGLE.format(r="r")}
WHERE r.koersel_id = %s AND (o.id IS NULL OR {_ULIG})
"""

SENERE_KOERSLER_SQL = f"""
SELECT DISTINCT s.koersel_id FROM profiler_importraekke r
JOIN profiler_importraekke s ON {NOEGLE.replace("o.", "s.").format(r="r")} AND s.koersel_id > %s
JOIN profiler_importkoersel k ON k.id = s.koersel_id AND k.tilstand = %s
WHERE r.koersel_id = %s
"""

FORTRYD_OPDATER_SQL = f"""
UPDATE profiler_observation o SET
    taeller = r.gl_taeller, naevner = r.gl_naevner, vaerdi = r.gl_vaerdi, status = r.gl_status,
    eksempeldata = r.gl_eksempeldata, taeller_import_id = r.gl_taeller_import_id,
    naevner_import_id = r.gl_naevner_import_id, indberetning_id = r.gl_indberetning_id, aendret = %(nu)s
FROM profiler_importraekke r
WHERE r.koersel_id = %(k)s AND r.fandtes AND {NOEGLE.format(r="r")}
"""

FORTRYD_SLET_SQL = f"""
DELETE FROM profiler_observation o USING profiler_importraekke r
WHERE r.koersel_id = %s AND NOT r.fandtes AND {NOEGLE.format(r="r")}
"""
