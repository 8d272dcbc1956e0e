"""Which articles of the suggestion (S§) and motion (M§) measures the portal cites, in its code
(the apps' .py files and the templates) and in its tests. Every operative article must be cited
in both: in the code that carries it out and in a test that checks it; the articles that state a purpose, a principle or the commencement, or that
bind no step the portal takes, are listed below with the reason (`python manage.py
statute_coverage`; its test fails when an operative article is missing from either).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from congress.numerals import hanzi_number

STATUTES = {"S": "suggestion-measures.md", "M": "motion-measures.md"}

# Articles that set no step, duty or limit the portal carries out, with why.
NON_OPERATIVE: dict[str, str] = {
    "S§1": "purpose and legal basis (为了…制定本办法)",
    "S§3": "guiding principle (坚持以…为指导)",
    "S§4": "declares the right and the duty; the duties are the articles of chapters 3–6",
    "S§5": "the SCs provide conditions and services in general; the steps are S§6–S§8",
    "S§9": "what deputies should write about: guidance on content, no step",
    "S§12": "deputies keep in touch with voters before proposing: their own work, no step",
    "S§22": "the units' internal system of responsibility: their own organisation, no step",
    "S§23": "the units analyse and plan their handling internally: no step",
    "S§46": "the SC may choose topics from suggestions: a discretion outside the workflow",
    "S§49": "commencement (自2021年3月1日起施行)",
    "M§1": "purpose and legal basis (为了…制定本办法)",
    "M§3": "declares that proposing a motion is a deputy's duty: no step",
    "M§7": "declares the bodies' duty and asks for support of deputies' research: no step",
    "M§11": "deputies prepare their motions by research: their own work, no step",
    "M§27": "commencement (自2021年3月1日起施行)",
}

HEADING = re.compile(r"^第([一二三四五六七八九十]+)条")
# "S§14", "S§14(2)", and ranges "S§17–S§21", "S§17-21" (every article in between).
CITATION = re.compile(r"(?<![A-Za-z])([SM])§(\d+)(?:\(\d+\))?(?:\s*[–-]\s*(?:\1§)?(\d+))?")


def articles(law: str) -> list[str]:
    """The articles of one law as published (docs/statutes/), in order: S§1 … S§49."""
    numbers = {hanzi_number(n): n for n in range(1, 100)}
    text = (Path(settings.BASE_DIR) / "docs" / "statutes" / STATUTES[law]).read_text(encoding="utf-8")
    found = [numbers[m.group(1)] for line in text.splitlines() if (m := HEADING.match(line))]
    return [f"{law}§{n}" for n in found]


def cited(text: str) -> set[str]:
    """Every S§ and M§ article a text cites, ranges spelled out."""
    found = set()
    for law, first, last in CITATION.findall(text):
        end = int(last) if last and int(last) > int(first) else int(first)
        found |= {f"{law}§{n}" for n in range(int(first), end + 1)}
    return found


def _files(roots: Iterable[Path], suffixes: tuple[str, ...]) -> Iterator[Path]:
    # This check (the command, this module, its test) names articles to say why they are not
    # operative, or to test the reading of a citation: that is no citation.
    for root in roots:
        yield from (
            p
            for p in root.rglob("*")
            if p.suffix in suffixes and p.is_file() and "statute_coverage" not in p.name
        )


def code_roots() -> list[Path]:
    """The apps (every top-level package with an apps.py) and the templates."""
    base = Path(settings.BASE_DIR)
    return [p for p in sorted(base.iterdir()) if (p / "apps.py").exists()] + [base / "templates"]


def citations_in(paths: Iterable[Path]) -> dict[str, int]:
    """How many files cite each article."""
    counts: dict[str, int] = {}
    for path in paths:
        for article in cited(path.read_text(encoding="utf-8", errors="ignore")):
            counts[article] = counts.get(article, 0) + 1
    return counts


@dataclass(frozen=True)
class Coverage:
    article: str
    operative: bool
    reason: str  # why it is not operative
    in_code: int  # files citing it
    in_tests: int

    @property
    def uncited(self) -> bool:
        """Operative, and not cited in the code or not in the tests."""
        return self.operative and not (self.in_code and self.in_tests)


def coverage() -> list[Coverage]:
    """Every article of the two measures, whether it is operative, and where it is cited."""
    base = Path(settings.BASE_DIR)
    in_code = citations_in(_files(code_roots(), (".py", ".html")))
    in_tests = citations_in(_files([base / "tests"], (".py",)))
    return [
        Coverage(
            article=a,
            operative=a not in NON_OPERATIVE,
            reason=NON_OPERATIVE.get(a, ""),
            in_code=in_code.get(a, 0),
            in_tests=in_tests.get(a, 0),
        )
        for law in STATUTES
        for a in articles(law)
    ]
