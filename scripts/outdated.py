"""`make outdated`: every package pinned in requirements.txt that has a newer release on the package index, with
the reason requirements.in gives for holding it back (an inline comment on the package's line).

It asks the index through pip (`pip list --outdated`), which offers only releases that run on this Python.
Exit code 0; with --streng, 1 when a pin is behind without a reason (then: make lock, or write the reason).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROD = Path(__file__).resolve().parent.parent
KRAV = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normaliser(navn: str) -> str:
    return re.sub(r"[-_.]+", "-", navn).lower()


def fastlaaste(tekst: str) -> dict[str, tuple[str, str]]:
    """requirements.txt: normalised name → (name as written, pinned version)."""
    pins = {}
    for linje in tekst.splitlines():
        linje = linje.split("#", 1)[0].strip()
        if "==" in linje:
            navn, version = (del_.strip() for del_ in linje.split("==", 1))
            pins[normaliser(navn)] = (navn, version)
    return pins


def grunde(tekst: str) -> dict[str, str]:
    """requirements.in: normalised name → the inline comment on its line, if any."""
    fundne = {}
    for linje in tekst.splitlines():
        krav, _, kommentar = linje.partition("#")
        if (fundet := KRAV.match(krav)) and kommentar.strip():
            fundne[normaliser(fundet.group(1))] = kommentar.strip()
    return fundne


def rapport(pins: dict[str, tuple[str, str]], nyere: dict[str, str], grunde: dict[str, str]) -> tuple[list[str], int]:
    """The lines to print, and how many pins are behind without a reason."""
    bagud = sorted(navn for navn in pins if navn in nyere)
    if not bagud:
        return [f"Alle {len(pins)} fastlåste pakker er de nyeste udgivelser på pakkeindekset."], 0
    raekker = [("pakke", "fastlåst", "nyeste", "grund")]
    uden_grund = 0
    for navn in bagud:
        grund = grunde.get(navn, "")
        uden_grund += not grund
        raekker.append((pins[navn][0], pins[navn][1], nyere[navn], grund or "ingen grund: kør make lock"))
    bredder = [max(len(r[i]) for r in raekker) for i in range(3)]
    linjer = [f"{len(bagud)} af {len(pins)} fastlåste pakker har en nyere udgivelse på pakkeindekset:"]
    linjer += ["  " + "  ".join(r[i].ljust(bredder[i]) for i in range(3)) + "  " + r[3] for r in raekker]
    return linjer, uden_grund


def nyere_udgivelser() -> dict[str, str]:
    svar = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--outdated", "--format=json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=False,
    )
    if svar.returncode != 0:
        raise SystemExit(f"Pakkeindekset kunne ikke spørges: {svar.stderr.strip().splitlines()[-1:]}")
    return {normaliser(p["name"]): p["latest_version"] for p in json.loads(svar.stdout or "[]")}


def main(argv: list[str]) -> int:
    pins = fastlaaste((ROD / "requirements.txt").read_text())
    linjer, uden_grund = rapport(pins, nyere_udgivelser(), grunde((ROD / "requirements.in").read_text()))
    print("\n".join(linjer))
    return 1 if "--streng" in argv and uden_grund else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
