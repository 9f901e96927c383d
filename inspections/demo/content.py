"""The demo's people, fictional forces and judgements, held as data.

Wealdshire and Northmoor are invented; every name, figure and sentence about them is the
product's own. Evidence lives in `content_np` and `content_dcfp`, force overviews and
developing practice in `content_overview`.
"""

import datetime
from dataclasses import dataclass, field

from inspections import roles
from inspections.models import AssessmentStatus, EvidenceSource, InspectionStatus

PASSWORD = "demo"


@dataclass(frozen=True)
class Item:
    """One evidence paragraph; `points` become sub-points under it."""

    text: str
    source: str
    lead: str = ""
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A criterion's three lists; an empty list prints as "None identified"."""

    strengths: list[Item] = field(default_factory=list)
    work_in_progress: list[Item] = field(default_factory=list)
    improvements: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    groups: tuple[str, ...]
    is_superuser: bool = False


USERS = [
    DemoUser("alice", "Alice", "Hartley", (roles.INSPECTOR,)),
    DemoUser("bob", "Bob", "Okafor", (roles.INSPECTOR,)),
    DemoUser("hmi", "Richard", "Fenwick", (roles.LEAD_INSPECTOR, roles.MODERATOR)),
    DemoUser("panel", "Priya", "Desai", (roles.MODERATOR,)),
    DemoUser("liaison", "Claire", "Whitmore", (roles.FORCE_LIAISON,)),
    DemoUser("admin", "Sam", "Ellery", (roles.ADMINISTRATOR,), is_superuser=True),
]
LEAD_USERNAME = "hmi"
LIAISON_USERNAME = "liaison"
LIAISON_JOB_TITLE = "Inspection liaison officer, Corporate Development"


@dataclass(frozen=True)
class Unit:
    """A command unit; `partnerships` are (name, population, households) and add up to it."""

    name: str
    population: int
    households: int
    area_sq_miles: str
    partnerships: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class DemoForce:
    slug: str
    name: str
    formal_name: str
    short_name: str
    region: str
    population: int
    households: int
    area_sq_miles: str
    units: tuple[Unit, ...]
    similar_forces: tuple[str, ...]
    inspector: str
    fieldwork: tuple[datetime.date, datetime.date]
    status: str
    area_status: str
    # Option chosen per summary-statement slot, 0 being the strongest: per framework code and
    # criterion number, either one level for every slot or a level per slot name.
    levels: dict[str, dict[str, int | dict[str, int]]]
    grade_ranks: dict[str, int]
    rationales: dict[str, str]


FIGURES_SOURCE = "mid-year estimates 2006"
SIMILAR_FROM = datetime.date(2007, 4, 1)
SIMILAR_SOURCE = "Most similar force groups, Home Office, April 2007"
DEFAULT_LEVEL = 1

WEALDSHIRE = DemoForce(
    slug="wealdshire",
    name="Wealdshire",
    formal_name="Wealdshire Constabulary",
    short_name="Wealds",
    region="South East",
    population=1_183_400,
    households=489_600,
    area_sq_miles="1412.0",
    units=(
        Unit(
            "Kingsmere division",
            312_400,
            129_800,
            "212.5",
            (("Kingsmere Borough", 171_200, 71_500), ("Ashdean District", 141_200, 58_300)),
        ),
        Unit(
            "Coastal division",
            268_900,
            118_300,
            "288.0",
            (
                ("Pelham Bay Borough", 146_100, 65_900),
                ("Shingle Coast District", 122_800, 52_400),
            ),
        ),
        Unit(
            "Weald division",
            297_300,
            121_700,
            "842.3",
            (("Oakhurst District", 109_600, 44_100), ("High Weald District", 187_700, 77_600)),
        ),
        Unit("Castlegate division", 304_800, 119_800, "69.2"),
    ),
    similar_forces=("Essex", "Hampshire", "Hertfordshire", "Kent", "Sussex", "Thames Valley"),
    inspector="alice",
    fieldwork=(datetime.date(2008, 5, 12), datetime.date(2008, 5, 16)),
    status=InspectionStatus.FIELDWORK,
    area_status=AssessmentStatus.DRAFTING,
    levels={
        "np": {
            "1.1": 0,
            "1.2": 0,
            "1.3": {"coverage": 0, "evaluation": 1, "resolution": 0},
            "2": 0,
            "3": {"understanding": 0, "improvement": 0},
            "4": 0,
        },
        "dcfp": {
            "1": {"understanding": 0, "improvement": 0, "communication": 1},
            "2": 0,
            "3": {"msf": 0, "trend": 1, "minority_trend": 0},
        },
    },
    grade_ranks={"np": 1, "dcfp": 2},
    rationales={
        "np": (
            "Every element of the standard is in place and several go beyond it. Staffing "
            "(1.1) is stable, abstraction is measured and low, and named contacts answered "
            "when tested. Engagement (1.2) reaches well beyond public meetings, and residents "
            "hear what was done. Joint problem solving (1.3) is firmly established, though its "
            "evaluation still counts tasks more than results. SPI 2a is significantly better "
            "than the MSF average and the KDI has improved significantly (2). Survey results "
            "change local services (3), and funding to 2011 is secured (4). The proposal is "
            "exceeding the standard."
        ),
        "dcfp": (
            "The force meets the standard. The Service First programme is led from the top "
            "and understood by operational staff (1), and satisfaction sits alongside crime in "
            "performance meetings at every level (2). SPI 1e is significantly better than the "
            "MSF average but unchanged over two years, and the gap for minority ethnic users "
            "has narrowed (3). The limited reach of the programme into support departments "
            "and the flat trend keep the force from exceeding the standard."
        ),
    },
)

NORTHMOOR = DemoForce(
    slug="northmoor",
    name="Northmoor",
    formal_name="Northmoor Police",
    short_name="Nmoor",
    region="North East",
    population=742_600,
    households=318_900,
    area_sq_miles="1968.4",
    units=(
        Unit("Brackwater BCU", 286_300, 125_400, "58.7"),
        Unit(
            "Dale and Moor BCU",
            163_600,
            70_400,
            "1532.9",
            (("Helmsby District", 98_700, 41_800), ("Upper Dale District", 64_900, 28_600)),
        ),
        Unit(
            "Eastholme BCU",
            292_700,
            123_100,
            "376.8",
            (("Eastholme Borough", 151_200, 63_700), ("Whitcliffe Borough", 141_500, 59_400)),
        ),
    ),
    similar_forces=("Cleveland", "Cumbria", "Durham", "Humberside", "North Yorkshire"),
    inspector="bob",
    fieldwork=(datetime.date(2008, 4, 14), datetime.date(2008, 4, 18)),
    status=InspectionStatus.MODERATION,
    area_status=AssessmentStatus.SUBMITTED,
    levels={
        "np": {
            "1.1": 1,
            "1.2": 1,
            "1.3": {"coverage": 1, "evaluation": 2, "resolution": 1},
            "2": {"msf": 1, "trend": 0},
            "3": 1,
            "4": 1,
        },
        "dcfp": {
            "1": {"understanding": 2, "improvement": 1, "communication": 2},
            "2": {"standards": 1, "integration": 2},
            "3": {"msf": 2, "trend": 2, "minority_trend": 1},
        },
    },
    grade_ranks={"np": 2, "dcfp": 3},
    rationales={
        "np": (
            "The force meets the standard. Dedicated teams with named contacts cover every "
            "ward (1.1), although abstraction is not measured consistently and turnover in "
            "Brackwater is high. Engagement (1.2) works well in the dales but reaches few young "
            "people in the towns. Joint problem solving (1.3) is established through joint "
            "action groups, with little evaluation. Survey results are in line with the MSF "
            "average and the KDI has improved significantly (2). Satisfaction data is used "
            "(3), and neighbourhood posts are funded to 2011, though succession planning for "
            "sergeants is unfinished (4)."
        ),
        "dcfp": (
            "The force is failing to meet the standard. It cannot yet show that it understands "
            "the needs of its communities, and many operational staff see satisfaction as "
            "someone else's business (1). Service standards remain in draft and satisfaction "
            "plays no part in team or individual performance reviews (2). SPI 1e is "
            "significantly worse than the MSF average and has deteriorated over two years, and "
            "the gap for minority ethnic users has widened without a plan to close it (3)."
        ),
    },
)

FORCES = [WEALDSHIRE, NORTHMOOR]


def fallback_evidence(number: str, heading: str) -> Evidence:
    """Evidence for a leaf criterion the content does not cover, e.g. after the tree changes."""
    return Evidence(
        strengths=[
            Item(
                "Documents supplied by the force set out its arrangements for criterion "
                f"{number} ({heading.rstrip('.')}), and staff interviewed could describe how "
                "they apply in practice.",
                EvidenceSource.DOCUMENT_REVIEW,
            )
        ],
        work_in_progress=[
            Item(
                "The team will test these arrangements further in the remaining fieldwork "
                "interviews.",
                EvidenceSource.INTERVIEW,
            )
        ],
    )
