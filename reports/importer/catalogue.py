"""What the parser needs to know of the reference data, as plain values.

The parser never queries the database: the service builds a `Catalogue` for the programme
(forces, areas with their criteria, grade labels, indicator codes) and hands it over, which
keeps parsing fast, testable and the same for the command, the admin and the benchmark.
"""

import difflib
import re
from dataclasses import dataclass, field

from reports.importer.text import normalise

# How alike a printed criterion heading and the framework's must be (difflib's ratio of
# their comparison keys, once bracketed additions and a 'Criterion 2:' prefix are left out).
HEADING_MATCH = 0.88
_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_NUMBERED = re.compile(r"^\s*(?:criterion|standard)\s*\d+[a-z]?\s*[:.–-]\s*", re.IGNORECASE)
_FORCE_SUFFIXES = re.compile(
    r"\b(police service|police force|constabulary|police|the)\b", flags=re.IGNORECASE
)


@dataclass(frozen=True)
class CriterionEntry:
    order: int  # position among the framework's leaf criteria, from 1
    heading: str
    is_leaf: bool
    is_implicit: bool
    template: str = ""


@dataclass
class AreaEntry:
    code: str
    version: str
    name: str
    group: str
    is_graded: bool
    criteria: list[CriterionEntry] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every way a report titles the area."""
        names = [self.name]
        if self.group:
            names += [f"{self.group} – {self.name}", f"{self.group} - {self.name}"]
        return names

    @property
    def leaves(self) -> list[CriterionEntry]:
        return [c for c in self.criteria if c.is_leaf]

    def matches(self, text: str) -> bool:
        key = normalise(text)
        return bool(key) and any(key == normalise(name) for name in self.names)

    def loosely_matches(self, text: str) -> bool:
        """For labels such as 'INSPECTION AREA: Citizen Focus'."""
        key = normalise(text)
        if not key:
            return False
        return any(key in normalise(n) or normalise(n) in key for n in self.names)

    def criterion_for(self, text: str) -> CriterionEntry | None:
        """The criterion a line titles: the framework's heading as printed, or nearly (extra
        words in brackets, a number before it, a word or a stop more or less)."""
        key = heading_key(text)
        if len(key) < 12:
            return None
        best, best_ratio = None, 0.0
        for criterion in self.criteria:
            if criterion.is_implicit:
                continue
            heading = heading_key(criterion.heading)
            if key == heading:
                return criterion
            if not 0.75 <= len(key) / max(len(heading), 1) <= 1.33:
                continue
            ratio = difflib.SequenceMatcher(None, key, heading, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = criterion, ratio
        return best if best_ratio >= HEADING_MATCH else None


@dataclass
class Catalogue:
    programme_year: int
    scheme: str  # "standards" or "four-point"
    grades: list[tuple[str, str]]  # (label, short label), best first
    areas: list[AreaEntry]
    forces: dict[str, str]  # normalised alias -> reference force name
    indicator_codes: list[str]
    regions: list[str] = field(default_factory=list)  # the police regions, as named

    def area_named(self, text: str) -> AreaEntry | None:
        return next((area for area in self.areas if area.matches(text)), None)

    def area_loosely(self, text: str) -> AreaEntry | None:
        exact = self.area_named(text)
        if exact:
            return exact
        return next((area for area in self.areas if area.loosely_matches(text)), None)

    def grade_label(self, text: str) -> str | None:
        key = normalise(text)
        for label, short in self.grades:
            if key in (normalise(label), normalise(short)):
                return label
        return None

    def force_named(self, text: str) -> str | None:
        return self.forces.get(force_key(text))

    def region_named(self, text: str) -> str | None:
        key = normalise(text)
        return next((region for region in self.regions if normalise(region) == key), None)

    def force_and_region(self, text: str) -> tuple[str, str] | None:
        """A force's name with a region's run onto it ("Suffolk London"): a PDF's table can
        set a region's heading row on the line of the force above it."""
        words = text.split()
        for cut in range(len(words) - 1, 0, -1):
            force = self.force_named(" ".join(words[:cut]))
            region = self.region_named(" ".join(words[cut:]))
            if force and region:
                return force, region
        return None

    def indicator_code(self, text: str) -> str | None:
        """The indicator a heading or table cell starts with, e.g. 'SPI 2a – ...'."""
        stripped = text.strip()
        for code in sorted(self.indicator_codes, key=len, reverse=True):
            if re.match(re.escape(code) + r"(?![\w])", stripped, flags=re.IGNORECASE):
                return code
        return None


def heading_key(text: str) -> str:
    return normalise(_NUMBERED.sub("", _BRACKETED.sub("", text)))


def force_key(name: str) -> str:
    """'Staffordshire Police' and 'Staffordshire Constabulary' share the key 'staffordshire'."""
    return normalise(_FORCE_SUFFIXES.sub(" ", normalise(name)))


def looks_like_force_name(text: str) -> bool:
    words = text.split()
    if "inspectorate" in text.lower() or "of constabulary" in text.lower():
        return False
    return 1 < len(words) <= 6 and bool(
        re.search(r"\b(Police|Constabulary|Police Service)$", text.strip())
    )
