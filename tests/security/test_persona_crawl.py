"""The persona crawl (issue 12): each persona, signed out too, walks every page it is shown,
then every URL pattern of the project with the ids of objects it may and may not see, in one
world that holds every workflow stage at once (crawl_support.py). GET only, never a POST.

What fails:

1. Server errors: any 5xx, for anyone, anywhere.
2. Leaks. A marker word in any answer (HTML, JSON, CSV, SVG, text attachments; PDFs are
   compressed and not read) shown to a persona outside its audience (crawl_support.AUDIENCE,
   per kind of material). A final grade not yet published (crawl_support.HiddenGrade) shown to
   a persona outside its audience: in the area's cell of any grades table (`<tr data-force>`
   rows: the national grades page, the national report), in the grades CSV, or in an
   inspection's JSON export.
3. Status. An object outside the persona's reach (crawl_support.REACH and its _record_*
   rules) must answer 404. The only other answers accepted are those that say nothing about
   the object:
   - signed out: a 302 to the login page (the admin's own login page for the admin);
   - the Django admin, for anyone who is not staff: a 302 to the admin login page;
   - exactly the answer the same URL gives for an id that exists nowhere, when that answer
     is a 405 (a GET on a POST-only page), a 403 (a role refused before any lookup, such as
     the recommendation editor for an inspector) or a 302 to the same place.
   So a 403 that an unknown id does not also get fails: it tells the persona the object
   exists. An id that exists nowhere must itself answer 404, or 403, 405 or 302 (answers
   that looked nothing up), never 200. Within reach any answer below 500 is right (a
   moderator's 403 on the edit page of an inspection they may read); 404s within reach are
   counted in the figures, not failed.
4. Reach of the crawl itself: a marker in the persona's audience that it found nowhere, so a
   leak cannot hide behind pages the walk never reached.

Figures (personas, stages, URLs tried, 5xx, leaks) are printed at the end (visible with -s)
and written to <WORKBENCH_VAR_DIR>/security/persona-crawl.json.
"""

import json
import time

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from inspections.models import AssessmentStatus
from tests.security.crawl_checks import PersonaCrawl
from tests.security.crawl_plan import plan
from tests.security.crawl_support import PERSONAS
from tests.security.crawl_world import build_world

# The mark makes pytest-django set the test database up; each test then runs in a savepoint
# inside the module's own transaction, so the world is built once per process and rolled back
# at the end. Under pytest-xdist the personas spread over the processes: the world takes a few
# seconds to build, the walks minutes, so building it once per process costs less than
# walking every persona in one.
pytestmark = [pytest.mark.django_db]

FIGURES_FILE = settings.VAR_DIR / "security" / "persona-crawl.json"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, built in a transaction that is rolled back at the end."""
    files = []
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                built = build_world()
                files = built.files
                yield built
                transaction.set_rollback(True)
        finally:
            for name in files:
                default_storage.delete(name)


@pytest.fixture(scope="module")
def url_plan(world):
    return plan(world)


@pytest.fixture(scope="module")
def figures(world, url_plan):
    collected: dict = {}
    started = time.monotonic()
    yield collected
    summary = _summary(world, url_plan, collected, time.monotonic() - started)
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    FIGURES_FILE.write_text(json.dumps(summary, indent=2))
    print(_summary_text(summary))


def test_the_world_holds_every_stage(world):
    assert world.stages() == sorted(AssessmentStatus.values)


def test_every_url_pattern_is_understood(url_plan):
    _, _, unfillable = url_plan
    assert not unfillable, "URL patterns the crawl cannot fill:\n" + "\n".join(unfillable)


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_sees_only_what_it_may(world, url_plan, figures, persona):
    candidates, _, _ = url_plan
    crawl = PersonaCrawl(world, persona)
    crawl.crawl()
    crawl.sweep(candidates)
    findings = crawl.findings
    figures[persona] = findings
    problems = _problems(findings)
    # The crawl must have found what the persona may see, or a leak could hide behind pages
    # it never reached.
    unseen = sorted(
        f"{m.token} ({m.material}, {m.slug or 'national'}/{m.code or '-'})"
        for m in world.markers
        if persona in world.audience(m) and m.token not in findings.seen
    )
    problems += [f"NOT FOUND (in its audience) {line}" for line in unseen]
    assert not problems, f"{persona}: {len(problems)} problems\n" + "\n".join(problems)


def _problems(findings) -> list[str]:
    lines = [f"5xx {e['status']} {e['url']}  {e['error']}" for e in findings.server_errors]
    lines += [
        f"LEAK {leak['marker']} ({leak['material']}, {leak['place'] or 'national'}) "
        f"at {leak['url']}"
        for leak in findings.leaks
    ]
    lines += [
        f"STATUS {w['status']} {w['url']} (expected {w['expected']})"
        + (f" -> {w['location']}" if w["location"] else "")
        for w in findings.wrong_status
    ]
    return lines


def _summary(world, url_plan, collected, seconds) -> dict:
    candidates, pattern_count, unfillable = url_plan
    per_persona = {
        persona: {
            "bfs_urls": f.bfs_urls,
            "pattern_urls": f.pattern_urls,
            "bfs_capped": f.capped,
            "seconds": round(f.seconds, 1),
            "server_errors": len(f.server_errors),
            "leaks": len(f.leaks),
            "wrong_status": len(f.wrong_status),
            "tolerated_same_as_unknown_id": len(f.tolerated),
            "in_reach_404": len(f.in_reach_404),
        }
        for persona, f in collected.items()
    }
    every = list(collected.values())
    return {
        "personas": list(collected),
        "stages": world.stages(),
        "markers": len(world.markers),
        "url_patterns": pattern_count,
        "pattern_urls_per_persona": len(candidates),
        "unfillable_patterns": unfillable,
        "urls_tried": sum(f.bfs_urls + f.pattern_urls for f in every),
        "seconds": round(seconds, 1),
        "per_persona": per_persona,
        "server_errors": [e for f in every for e in f.server_errors],
        "leaks": [leak for f in every for leak in f.leaks],
        "wrong_status": [w for f in every for w in f.wrong_status],
        "in_reach_404": [r for f in every for r in f.in_reach_404],
    }


def _summary_text(summary: dict) -> str:
    lines = [
        "",
        "Persona crawl figures",
        f"  personas: {len(summary['personas'])} ({', '.join(summary['personas'])})",
        f"  stages: {len(summary['stages'])} ({', '.join(summary['stages'])})",
        f"  markers planted: {summary['markers']}",
        f"  URL patterns: {summary['url_patterns']}, "
        f"{summary['pattern_urls_per_persona']} pattern URLs per persona",
        f"  URLs tried: {summary['urls_tried']} in {summary['seconds']} s",
        f"  5xx: {len(summary['server_errors'])}, leaks: {len(summary['leaks'])}, "
        f"wrong status: {len(summary['wrong_status'])}",
    ]
    for persona, row in summary["per_persona"].items():
        lines.append(
            f"  {persona:<9} walked {row['bfs_urls']:>5} (capped {row['bfs_capped']}), "
            f"patterns {row['pattern_urls']:>5}, 5xx {row['server_errors']}, "
            f"leaks {row['leaks']}, wrong status {row['wrong_status']}, "
            f"same-as-unknown {row['tolerated_same_as_unknown_id']}, "
            f"in-reach 404 {row['in_reach_404']}, {row['seconds']} s"
        )
    lines.append(f"  written to {FIGURES_FILE}")
    return "\n".join(lines)
