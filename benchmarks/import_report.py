"""How fast the report importer reads and saves a large force report.

    .venv/bin/python benchmarks/import_report.py [--kb 150] [--repeat 5]

Generates a 2008-style force report of about the given size (the product's own wording,
repeated with numbered variations), then prints: size, lines, parse time (text to structures,
no database) and the full import time (parse, save in one transaction, indicator calls) on a
throw-away SQLite database with the reference data loaded. Times are the best of the repeats.
"""

import argparse
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
os.environ.setdefault("WORKBENCH_VAR_DIR", "/tmp/workbench-benchmark")


def _headings(framework: dict) -> list[str]:
    """Criterion headings as the reference data holds them (parents and leaves)."""
    found = []
    for node in framework["criteria"]:
        found.append(node["heading"])
        found += [child["heading"] for child in node.get("children", [])]
    return [h for h in found if "outcomes" not in h and "SPIs" not in h]


def _items(count: int, topic: str) -> list[str]:
    lines = []
    for n in range(1, count + 1):
        lines.append(
            f"- **Point {n}.** Teams in district {n % 9 + 1} report on {topic} every month, and "
            f"the figures for quarter {n % 4 + 1} go to the local board with named owners for "
            "each action and a date by which the board expects to see progress."
        )
        if n % 7 == 0:
            lines += ["  - a sub-point about rotas;", "  - a sub-point about training."]
        if n % 11 == 0:
            lines += ["", "October 2008", "", "and the item carries on after the page footer."]
    return lines


def _area(name: str, headings: list[str], per_list: int) -> list[str]:
    lines = [
        f"## {name}",
        "",
        f"<b>2007/08 {name} Summary of judgement</b>\t<b>Meeting the standard</b>",
        "",
        "### Meeting the standard",
        "",
    ]
    for heading in headings:
        lines += [
            f"### **{heading}**",
            "",
            "#### Summary statement",
            "",
            "**The force does what the criterion asks in most places.**",
            "",
        ]
        for title, count in (
            ("Strengths", per_list),
            ("Work in progress", per_list // 3),
            ("Areas for improvement", per_list // 5),
        ):
            lines += [f"#### {title}", ""] + _items(count, title.lower()) + [""]
    return lines


def generate(kilobytes: int) -> str:
    from grading.reference.frameworks import CITIZEN_FOCUS_2008, NEIGHBOURHOOD_POLICING_2008

    per_list = 4
    while True:
        lines = [
            "**HMIC Inspection Report**",
            "**Cumbria Constabulary**",
            "",
            "**October 2008**",
            "",
            "## Contents",
            "",
            "Neighbourhood Policing",
            "Developing Citizen Focus Policing",
            "",
        ]
        lines += _area("Neighbourhood Policing", _headings(NEIGHBOURHOOD_POLICING_2008), per_list)
        lines += _area("Developing Citizen Focus Policing", _headings(CITIZEN_FOCUS_2008), per_list)
        text = "\n".join(lines) + "\n"
        if len(text.encode()) >= kilobytes * 1024:
            return text
        per_list += 4


def _best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with throwaway_database():
        _run(generate(args.kb), args.repeat)


@contextmanager
def throwaway_database():
    """Django set up on a test database of its own, destroyed afterwards."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _run(text: str, repeat: int) -> None:
    from inspections.models import Programme
    from inspections.reference import reference_data_load
    from reports.importer.build import catalogue_for
    from reports.importer.force_report import parse_force_report
    from reports.importer.service import report_import
    from reports.importer.text import read_lines

    reference_data_load()
    catalogue = catalogue_for(Programme.objects.get(year=2008))
    data = text.encode()
    parse = _best(lambda: parse_force_report(read_lines(text), catalogue), repeat)
    imported = _best(lambda: report_import(data=data, source_name="bench.md", replace=True), repeat)
    report = parse_force_report(read_lines(text), catalogue)
    items = sum(len(i) for a in report.areas for c in a.criteria for i in c.lists.values())
    print(
        f"report size:          {len(data) / 1024:.0f} KB, {text.count(chr(10))} lines, "
        f"{items} top-level items"
    )
    print(f"parse (no database):  {parse * 1000:.0f} ms")
    print(f"full import (SQLite): {imported * 1000:.0f} ms")


if __name__ == "__main__":
    main()
