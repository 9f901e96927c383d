"""The pages a national round leans on, at demo scale and at the scale of 43 forces.

    .venv/bin/python benchmarks/national_scale.py [--clients 20] [--seconds 10]
        [--batch 43] [--no-throughput] [--no-batch]

On a throw-away database (SQLite in a temporary folder; or BENCH_DATABASE_URL, an empty
PostgreSQL database it may fill) with the reference data, it prints:
- queries per page: the home inbox (as the lead inspector who also chairs the panels, and as
  a panel member), the national grades page, a national session and a national item page,
  first with the two-force demo, then with the national demo (`load_demo --national`) added.
  The counts must not grow with the number of forces;
- throughput: gunicorn with two workers on 127.0.0.1, --clients concurrent signed-in clients
  for --seconds per page, requests per second against the sign-in page on the same server
  (the target: each page at least 0.3x of the sign-in page's rate); twice, with every page
  worked out afresh (WORKBENCH_PAGE_CACHE=0) and with pages kept until data changes (=1, as
  production runs; the workers share a Redis cache when 127.0.0.1:6379 answers, as in
  production; BENCH_REDIS_URL names the database, 15 by default);
- the national batch: --batch force reports of the national demo rendered one after another
  (the sum of single renders) and by two worker processes, wall times and ratio.
"""

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDER = Path(tempfile.mkdtemp(prefix="workbench-national-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
os.environ["WORKBENCH_VAR_DIR"] = str(FOLDER / "var")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or (
    f"sqlite:///{FOLDER / 'bench.sqlite3'}"
)
# The demo users' password is 'demo'; the benchmark signs them in by session cookie instead.
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-secret")
# The test client's host, and the gunicorn server's.
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"


def _pages() -> dict[str, str]:
    from django.urls import reverse

    from moderation.models import AgendaItem, PanelKind, PanelSession

    session = PanelSession.objects.filter(panel__kind=PanelKind.NATIONAL).order_by("-pk").first()
    item = AgendaItem.objects.filter(session=session).order_by("pk").first()
    pages = {
        "home inbox": reverse("home"),
        "national grades": reverse("inspections:national_grades", args=[2008]),
    }
    if session is not None:
        pages["national session"] = reverse("moderation:session_detail", args=[session.pk])
    if item is not None:
        pages["national item"] = reverse("moderation:agenda_item_detail", args=[item.pk])
    return pages


def _queries(usernames: tuple[str, ...]) -> dict[tuple[str, str], tuple[int, int]]:
    """(page, user) -> (status, queries), through the test client."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for username in usernames:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for page, url in _pages().items():
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            counts[(page, username)] = (response.status_code, len(queries))
    return counts


def _print_queries(demo: dict, national: dict) -> None:
    print("queries per page (status), two-force demo -> 43 forces:")
    for key in national:
        page, user = key
        before = demo.get(key)
        was = f"{before[1]:>4} ({before[0]})" if before else "   - (no such page)"
        now = national[key]
        print(f"  {page:<17} as {user:<6} {was} -> {now[1]:>4} ({now[0]})")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_cookie(username: str) -> str:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.cookies["sessionid"].value


def _hammer(port: int, path: str, cookie: str, clients: int, seconds: float) -> tuple[int, int]:
    """(answers, errors) from `clients` threads, each asking for `path` again and again."""
    done, errors, stop = [0] * clients, [0] * clients, time.monotonic() + seconds

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        while time.monotonic() < stop:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    done[index] += 1
                else:
                    errors[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done), sum(errors)


def _redis_url() -> str:
    """A Redis database for the servers' shared cache, or "" when none answers."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return url


def _throughput(args) -> None:
    redis_url = _redis_url()
    where = f"Redis cache {redis_url}" if redis_url else "each worker's own memory cache"
    for kept in ("0", "1"):
        label = "pages kept until data changes" if kept == "1" else "every page worked out"
        print(f"throughput, {label} ({where}):")
        _serve_and_measure(args, {"WORKBENCH_PAGE_CACHE": kept, "BENCH_REDIS_URL": redis_url})


def _serve_and_measure(args, settings_env: dict) -> None:
    from django.urls import reverse

    port = _free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="benchmarks.bench_settings",
        BENCH_CACHE_PREFIX=f"workbench-bench-{os.getpid()}-{port}",
        **settings_env,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        cookie = _session_cookie("hmi")
        login = reverse("login")
        print(
            f"  gunicorn, two workers, {args.clients} clients, {args.seconds:g} s a page "
            f"(load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs)"
        )
        _hammer(port, login, "", 2, 1.0)  # warm both workers up
        answers, errors = _hammer(port, login, "", args.clients, args.seconds)
        base = answers / args.seconds
        if not base:
            raise SystemExit(f"the sign-in page answered nothing but errors ({errors})")
        print(f"  {'sign-in page':<17} {base:8.1f} requests/s  (errors {errors})")
        for page, url in _pages().items():
            answers, errors = _hammer(port, url, cookie, args.clients, args.seconds)
            rate = answers / args.seconds
            print(
                f"  {page:<17} {rate:8.1f} requests/s  {rate / base:5.2f}x of sign-in  "
                f"(errors {errors})"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def _batch(args) -> None:
    from benchmarks.render_report import batch_render
    from inspections.models import Inspection

    ids = list(
        Inspection.objects.filter(programme__year=2008, force__is_fictional=False)
        .order_by("force__name")
        .values_list("pk", flat=True)[: args.batch]
    )
    print(f"national batch: load average before: {os.getloadavg()[0]:.2f}")
    serial, serial_wall, parallel, parallel_wall = batch_render(ids)
    pages = [row[0] for row in serial]
    print(f"  {len(ids)} force reports, {sum(pages)} pages ({min(pages)} to {max(pages)} each)")
    print(f"  one after another (sum of single renders): {serial_wall:.1f} s")
    print(f"  two worker processes: {parallel_wall:.1f} s, {parallel_wall / serial_wall:.2f}x")
    assert [row[0] for row in parallel] == pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--batch", type=int, default=43)
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-batch", action="store_true")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.core.management import call_command

    from inspections.reference import reference_data_load
    from moderation.demo import demo_load
    from moderation.demo.national import national_demo_load

    try:
        call_command("migrate", verbosity=0)
        reference_data_load()
        demo_load()
        users = ("hmi", "panel")
        demo = _queries(users)
        started = time.perf_counter()
        summary = national_demo_load()
        print(
            f"national demo: {summary.get('inspections', '?')} inspections, "
            f"{summary.get('evidence_items', '?')} evidence items, "
            f"loaded in {time.perf_counter() - started:.1f} s"
        )
        _print_queries(demo, _queries(users))
        if not args.no_throughput:
            _throughput(args)
        if not args.no_batch:
            _batch(args)
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
