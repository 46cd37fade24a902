"""`make outdated`'s report (scripts/outdated.py), on made-up index answers: the script itself asks the
package index, which tests never do."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("outdated", Path(__file__).parents[1] / "scripts" / "outdated.py")
outdated = importlib.util.module_from_spec(spec)
spec.loader.exec_module(outdated)

TXT = "# Fully pinned\nDjango==5.2.19\ndjango-otp==1.7.5\nPyYAML==6.0.3\n"
IN = "Django>=5.2,<5.3  # 5.2 is the LTS line\n# a comment above is not a reason\ndjango_otp\npyyaml\n"


def test_lists_every_pin_with_a_newer_release_and_the_reason_beside_it():
    nyere = {"django": "6.0.1", "django-otp": "1.8.0", "pip": "99.0"}
    linjer, uden_grund = outdated.rapport(outdated.fastlaaste(TXT), nyere, outdated.grunde(IN))
    assert linjer[0] == "2 af 3 fastlåste pakker har en nyere udgivelse på pakkeindekset:"
    assert linjer[2].split() == ["Django", "5.2.19", "6.0.1", "5.2", "is", "the", "LTS", "line"]
    assert linjer[3].split()[:3] == ["django-otp", "1.7.5", "1.8.0"]
    assert linjer[3].endswith("ingen grund: kør make lock")
    assert uden_grund == 1


def test_says_so_when_everything_is_current():
    linjer, uden_grund = outdated.rapport(outdated.fastlaaste(TXT), {"pip": "99.0"}, {})
    assert linjer == ["Alle 3 fastlåste pakker er de nyeste udgivelser på pakkeindekset."]
    assert uden_grund == 0


def test_the_real_requirements_parse():
    rod = Path(__file__).parents[1]
    pins = outdated.fastlaaste((rod / "requirements.txt").read_text())
    assert pins["django"][0] == "Django"
    assert "gunicorn" in pins and "django-otp" in pins
    assert outdated.grunde((rod / "requirements.in").read_text())["django"].startswith("5.2 is the long-term")
