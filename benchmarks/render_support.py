"""Helpers of benchmarks/render_report.py: generated inspections (many evidence items in
plausible, made-up wording, written straight to a throw-away database with bulk inserts and no
history rows) and the summary of a profiled render."""

import cProfile
import pstats
import random
import time
from decimal import Decimal

# Phases of one WeasyPrint render, by the function that runs each (cumulative time).
PHASES = [
    ("HTML parsing", "weasyprint/__init__.py", "__init__"),
    (
        "styles: stylesheets parsed, selectors matched, values computed",
        "css/__init__.py",
        "get_all_computed_styles",
    ),
    (
        "box tree (styles are computed lazily, here)",
        "formatting_structure/build.py",
        "build_formatting_structure",
    ),
    ("layout: pages, lines, tables (re-run for counters)", "layout/__init__.py", "layout_document"),
    ("  of which text shaping (Pango line breaking)", "text/line_break.py", "split_first_line"),
    ("  of which SVG charts", "weasyprint/images.py", "draw"),
    ("drawing and PDF objects", "pdf/__init__.py", "generate_pdf"),
    ("PDF serialisation (pydyf)", "pydyf/__init__.py", "write"),
]
# Self time grouped by where the code lives.
GROUPS = [
    ("layout", ("weasyprint/layout/",)),
    ("text shaping and fonts (Pango via cffi)", ("weasyprint/text/", "cffi", "fontTools")),
    ("CSS parsing, matching, computed values", ("weasyprint/css/", "cssselect2", "tinycss2")),
    ("box tree", ("weasyprint/formatting_structure/",)),
    ("SVG", ("weasyprint/svg/",)),
    ("drawing and PDF writing", ("weasyprint/draw/", "weasyprint/pdf/", "pydyf", "stacking")),
    ("HTML parsing", ("tinyhtml5", "html5lib")),
]

SUBJECTS = [
    "neighbourhood teams",
    "the control room",
    "district commanders",
    "response officers",
    "the partnership board",
    "PCSOs",
    "the victim care unit",
    "ward panels",
    "the analysts",
    "call handlers",
    "local councillors",
    "the tasking meeting",
]
VERBS = [
    "review",
    "publish",
    "agree",
    "track",
    "share",
    "test",
    "audit",
    "explain",
    "record",
    "report on",
]
OBJECTS = [
    "the priorities residents chose at their last meeting",
    "follow-up calls to victims of burglary",
    "patrol plans for the evening economy",
    "the quality of crime recording",
    "response times in the rural wards",
    "feedback from minority ethnic users of the service",
    "abstraction of officers from their beats",
    "problem-solving plans with named owners",
    "satisfaction figures for each command unit",
    "complaints about anti-social behaviour near schools",
]
QUALIFIERS = [
    "every month",
    "in most districts",
    "with clear deadlines",
    "although not yet in every area",
    "using a shared spreadsheet",
    "through the force intranet",
    "with the council's community safety team",
    "and the results reach frontline staff",
]
SOURCES = ["document_review", "interview", "focus_group", "reality_testing", "data"]
KINDS = ["strength", "work_in_progress", "area_for_improvement"]


def sentence(rng: random.Random) -> str:
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
    )
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def evidence_fill(*, inspection, author, per_list: tuple[int, int, int], seed: int = 1) -> int:
    """Add generated items (each with two or three sub-points on every third) to every list of
    every criterion, after the items already there; set a statement where none is. Returns the
    number of items written."""
    from inspections.models import CriterionAssessment, EvidenceItem

    rng = random.Random(seed)
    assessments = CriterionAssessment.objects.filter(area__inspection=inspection)
    parents = []
    for assessment in assessments:
        if not assessment.statement:
            assessment.statement = paragraph(rng, 2)
            assessment.save(update_fields=["statement"])
        for kind, count in zip(KINDS, per_list, strict=True):
            for n in range(count):
                parents.append(
                    EvidenceItem(
                        criterion_assessment=assessment,
                        kind=kind,
                        order=1000 + n,
                        lead=sentence(rng)[:60].rstrip(".") if n % 2 == 0 else "",
                        text=paragraph(rng, rng.randint(2, 4)),
                        source=rng.choice(SOURCES),
                        author=author,
                    )
                )
    parents = EvidenceItem.objects.bulk_create(parents)
    children = [
        EvidenceItem(
            criterion_assessment_id=parent.criterion_assessment_id,
            kind=parent.kind,
            parent=parent,
            order=point,
            text=sentence(rng),
            source=parent.source,
            author=author,
        )
        for index, parent in enumerate(parents)
        if index % 3 == 0
        for point in range(1, rng.randint(2, 3) + 1)
    ]
    EvidenceItem.objects.bulk_create(children)
    return len(parents) + len(children)


def overview_tables_add(*, inspection, count: int, rows: int, seed: int = 2) -> None:
    """Overview tables of the kind imported reports carry (figures per command unit)."""
    from inspections.models import OverviewTable

    rng = random.Random(seed)
    for order in range(1, count + 1):
        OverviewTable.objects.create(
            inspection=inspection,
            section=f"Force performance table {order}",
            order=100 + order,
            header=["Command unit", "2006/07", "2007/08", "Change"],
            rows=[
                [f"Unit {r}", f"{rng.uniform(40, 90):.1f}", f"{rng.uniform(40, 90):.1f}", "+"]
                for r in range(1, rows + 1)
            ],
        )


def indicator_results_add(*, force, seed: int) -> None:
    """This year's and two years earlier's results for every indicator, if missing."""
    from grading.models import Indicator, IndicatorResult

    rng = random.Random(seed)
    for indicator in Indicator.objects.all():
        for year in (2008, 2006):
            IndicatorResult.objects.get_or_create(
                force=force,
                indicator=indicator,
                year=year,
                defaults={
                    "value": Decimal(f"{rng.uniform(45, 88):.1f}"),
                    "msf_difference": Decimal(f"{rng.uniform(-4, 4):.1f}"),
                    "change": Decimal(f"{rng.uniform(-5, 5):.1f}"),
                    "source": "Generated for the render benchmark",
                },
            )


def batch_inspections_create(*, programme, count: int, author, per_list) -> list[int]:
    """One generated inspection per real force (alphabetical, the first `count`)."""
    from forces.models import Force
    from inspections.services import inspection_create

    taken = programme.inspections.values("force")
    forces = Force.objects.filter(is_fictional=False).exclude(pk__in=taken).order_by("name")
    ids = []
    for seed, force in enumerate(forces[:count], start=10):
        inspection = inspection_create(force=force, programme=programme, lead=author)
        evidence_fill(inspection=inspection, author=author, per_list=per_list, seed=seed)
        indicator_results_add(force=force, seed=seed)
        ids.append(inspection.pk)
    return ids


def profile_print(html: str, top: int) -> None:
    from reports.rendering.engine import html_to_pdf

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    html_to_pdf(html)
    profiler.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats
    print(f"profile of one WeasyPrint render ({total:.2f} s under cProfile):")
    for label, path, name in PHASES:
        cumulative = sum(v[3] for (f, _, n), v in stats.items() if f.endswith(path) and n == name)
        print(f"  phase {label}: {cumulative:.2f} s ({cumulative / total:.0%})")
    self_time = dict.fromkeys([g for g, _ in GROUPS] + ["other (built-ins, stdlib)"], 0.0)
    for (filename, _, _), value in stats.items():
        group = next((g for g, keys in GROUPS if any(k in filename for k in keys)), None)
        self_time[group or "other (built-ins, stdlib)"] += value[2]
    for group, seconds in sorted(self_time.items(), key=lambda kv: -kv[1]):
        print(f"  self time {group}: {seconds:.2f} s ({seconds / total:.0%})")
    ranked = sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, line, name), value in ranked:
        short = filename.split("site-packages/")[-1]
        print(f"  top self {value[2]:.2f} s {value[1]:>8} calls {short}:{line} {name}")
