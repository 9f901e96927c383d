#!/usr/bin/env python3
"""The two commands of Inspection Workbench, needing nothing but Python 3.11.

    python3 dev.py up      create .venv, install requirements.txt, migrate, load reference
                           and demo data, then run the web server and a Celery worker with
                           beat (Ctrl-C stops both)
    python3 dev.py up --national
                           the same, and the national demo too: all 43 territorial forces
                           with 2008 inspections at every workflow stage (`load_demo
                           --national`; 15 to 30 seconds on SQLite)
    python3 dev.py test    create .venv if needed, install requirements-dev.txt (production's
                           requirements plus test and lint tools), then lint and run the test
                           suite, one process per core (extra arguments go to pytest;
                           -n 0 runs it in one process)

Configuration comes from the environment (see .env.example); without any, the app uses a
SQLite file and Celery's filesystem broker, so no server needs to be installed. Read here:

    WORKBENCH_ADDRESS      where `up` serves the site, host:port (default 127.0.0.1:8000;
                           a host name other than localhost or 127.0.0.1 must also be in
                           DJANGO_ALLOWED_HOSTS)
    DJANGO_DEBUG           `up` turns it on unless it is set
    WORKBENCH_VAR_DIR      the local state folder `up` creates (default ./var)
"""

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# What production installs, and what development and CI add on top of it.
REQUIREMENTS = ROOT / "requirements.txt"
REQUIREMENTS_DEV = ROOT / "requirements-dev.txt"


def log(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*args: str | Path, env: dict | None = None) -> None:
    subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True)


def _stamp(requirements: Path) -> Path:
    return VENV / f".{requirements.stem}.sha256"


def _digest(requirements: Path) -> str:
    """The file's hash, with production's folded in: the dev file includes it with -r."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes())
    if requirements != REQUIREMENTS:
        digest.update(requirements.read_bytes())
    return digest.hexdigest()


def ensure_virtualenv(requirements: Path = REQUIREMENTS) -> None:
    """Create .venv and install one set of requirements when it changed since its last install.

    Each set has its own stamp; installing the development set installs production's too.
    """
    if sys.version_info[:2] != (3, 11):
        log(f"warning: Python 3.11 is expected, this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        log("creating virtualenv in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _digest(requirements)
    stamp = _stamp(requirements)
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    log(f"installing {requirements.name}")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", requirements)
    stamp.write_text(wanted)
    if requirements == REQUIREMENTS_DEV:
        _stamp(REQUIREMENTS).write_text(_digest(REQUIREMENTS))


E2E = ROOT / "tests" / "e2e"


def ensure_axe() -> None:
    """axe-core for the browser tests' accessibility checks, from the npm registry. Without
    npm the browser tests say so (and fail under CI); the rest of the suite still runs."""
    if (E2E / "node_modules" / "axe-core" / "axe.min.js").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        log("warning: npm not found: the browser tests need axe-core (cd tests/e2e && npm ci)")
        return
    log("installing axe-core for the browser tests (npm ci in tests/e2e)")
    run(npm, "ci", "--no-audit", "--no-fund", "--prefix", str(E2E))


def manage(*args: str, env: dict) -> None:
    run(PYTHON, "manage.py", *args, env=env)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def up(national: bool = False) -> int:
    ensure_virtualenv()
    env = dict(os.environ)
    # The quick start is a developer's machine: debug on unless the caller decided otherwise.
    env.setdefault("DJANGO_DEBUG", "1")
    manage("migrate", "--noinput", env=env)
    manage("load_reference_data", env=env)
    manage("load_demo", env=env)
    if national:
        manage("load_demo", "--national", env=env)
    address = env.get("WORKBENCH_ADDRESS", "127.0.0.1:8000")
    log("starting a Celery worker (with beat, for the report sweep) and the web server")
    # Beat keeps its schedule file in the var folder; it must exist before beat starts.
    (ROOT / (env.get("WORKBENCH_VAR_DIR") or "var")).mkdir(parents=True, exist_ok=True)
    worker = subprocess.Popen(
        [
            str(PYTHON),
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--loglevel=INFO",
            "--concurrency=2",
        ],
        cwd=ROOT,
        env=env,
        # Its own process group, so stopping it also stops the beat process it starts.
        start_new_session=os.name != "nt",
    )
    web = subprocess.Popen([str(PYTHON), "manage.py", "runserver", address], cwd=ROOT, env=env)
    log(
        f"open http://{address}/ and log in as alice, bob, hmi, panel, liaison or admin "
        "(password: demo); Ctrl-C stops"
    )
    # Stop both children on SIGTERM too (a supervisor or `timeout`), not only on Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while worker.poll() is None and web.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in (web, worker):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        _stop_group(worker)
    return 0


def _stop_group(process: subprocess.Popen) -> None:
    """End whatever the worker's process group still holds (the embedded beat process)."""
    if os.name == "nt":
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _parallel(pytest_args: list[str]) -> list[str]:
    """One test process per core (pytest-xdist), unless the caller chose how many or none.

    Each process has its own test database and var folder (config/settings_test.py).
    """
    chosen = any(
        a in {"-n", "--numprocesses", "no:xdist"} or a.startswith(("-n", "--numprocesses="))
        for a in pytest_args
    )
    # worksteal: a process that runs out of tests takes some of another's, so the long ones
    # (started first, tests/conftest.py) do not leave one process running alone at the end.
    return [] if chosen else ["-n", "auto", "--dist", "worksteal"]


def test(pytest_args: list[str]) -> int:
    ensure_virtualenv(REQUIREMENTS_DEV)
    ensure_axe()
    log("ruff")
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "ruff", "format", "--check", ".")
    log("pytest")
    code = subprocess.run(
        [str(PYTHON), "-m", "pytest", *_parallel(pytest_args), *pytest_args], cwd=ROOT
    ).returncode
    if code == 5:
        log("pytest collected no tests: that is a failure, not a pass")
        return 1
    return code


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    if len(argv) < 2 or argv[1] not in {"up", "test"}:
        print(__doc__)
        return 2
    if argv[1] == "up" and not set(argv[2:]) <= {"--national"}:
        print(__doc__)
        return 2
    try:
        return up(national="--national" in argv[2:]) if argv[1] == "up" else test(argv[2:])
    except subprocess.CalledProcessError as exc:
        log(f"failed: {' '.join(map(str, exc.cmd))} (exit {exc.returncode})")
        return exc.returncode or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
