"""The API's reference as a page in the portal's look, made from the same OpenAPI description /api/v1/schema/ gives
(one source: a field added to a serializer appears in both). No script, no outside assets, so the strict CSP holds."""

from dataclasses import dataclass, field
from functools import cache

from django.utils.text import capfirst
from drf_spectacular.generators import SchemaGenerator

TYPER = {
    "integer": "heltal",
    "number": "tal",
    "string": "tekst",
    "boolean": "sand/falsk",
    "object": "objekt",
}
FORMATER = {"date": "dato (ÅÅÅÅ-MM-DD)", "date-time": "tidspunkt (ISO 8601)", "uri": "adresse", "decimal": "tal"}


@dataclass
class Felt:
    navn: str
    type: str
    beskrivelse: str
    henvisning: str = ""
    kraevet: bool = False


@dataclass
class Operation:
    sti: str
    er_liste: bool
    beskrivelse: str
    parametre: list[Felt]
    svar: str
    fejl: list[tuple[str, str]]


@dataclass
class Ressource:
    navn: str
    anker: str  # the path's word (opfoelgninger): an id without æ, ø and å
    operationer: list[Operation] = field(default_factory=list)


def _navn(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def typetekst(skema: dict) -> tuple[str, str]:
    """(Danish type text, the data type it refers to or "")."""
    if "$ref" in skema:
        return _navn(skema["$ref"]), _navn(skema["$ref"])
    if "allOf" in skema:
        return typetekst(skema["allOf"][0])
    if "oneOf" in skema or "anyOf" in skema:
        dele = [typetekst(s) for s in skema.get("oneOf", skema.get("anyOf")) if s.get("type") != "null"]
        tekst, ref = dele[0] if dele else ("tekst", "")
        return f"{tekst}, kan være null", ref
    typer = skema.get("type", "string")
    typer = typer if isinstance(typer, list) else [typer]
    null = "null" in typer
    hoved = next((t for t in typer if t != "null"), "string")
    if hoved == "array":
        tekst, ref = typetekst(skema.get("items", {}))
        tekst = f"liste af {tekst}"
    else:
        tekst, ref = FORMATER.get(skema.get("format", ""), TYPER.get(hoved, hoved)), ""
    if "enum" in skema:
        tekst += ": " + ", ".join(str(v) for v in skema["enum"] if v is not None)
    return (f"{tekst}, kan være null" if null else tekst), ref


def _felter(skema: dict) -> list[Felt]:
    kraevede = set(skema.get("required", []))
    felter = []
    for navn, felt in skema.get("properties", {}).items():
        tekst, ref = typetekst(felt)
        # A model field's help text, else its name on the pages (the schema's title).
        beskrivelse = felt.get("description") or capfirst(felt.get("title", ""))
        felter.append(Felt(navn, tekst, beskrivelse, ref, navn in kraevede))
    return felter


def _datatype(skema: dict) -> dict:
    if "enum" in skema:
        return {"felter": [], "vaerdier": [v for v in skema["enum"] if v is not None]}
    return {"felter": _felter(skema), "vaerdier": []}


def _svar(operation: dict) -> str:
    skema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return _navn(skema["$ref"])


@cache
def reference() -> dict:
    skema = SchemaGenerator().get_schema(request=None, public=True)
    ressourcer: dict[str, Ressource] = {}
    for sti, metoder in skema["paths"].items():
        operation = metoder["get"]
        tag = operation["tags"][0]
        parametre = []
        for p in operation.get("parameters", []):
            tekst, _ = typetekst(p.get("schema", {}))
            parametre.append(Felt(p["name"], tekst, p.get("description", ""), kraevet=p.get("required", False)))
        fejl = [(kode, s["description"]) for kode, s in sorted(operation["responses"].items()) if kode != "200"]
        er_liste = not sti.rstrip("/").endswith("}")
        ressourcer.setdefault(tag, Ressource(tag, sti.split("/")[3])).operationer.append(
            Operation(sti, er_liste, operation.get("description", ""), parametre, _svar(operation), fejl)
        )
    datatyper = {navn: _datatype(s) for navn, s in sorted(skema["components"]["schemas"].items())}
    return {"ressourcer": list(ressourcer.values()), "datatyper": datatyper, "version": skema["info"]["version"]}
