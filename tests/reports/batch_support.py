"""Reports of several forces made from one synthetic fixture, for the batch import tests."""

from pathlib import Path

from tests.reports.import_support import MARKDOWN, fixture_bytes

FIXTURE_FORCE = "Cumbria"


def force_variant(force: str, formal_name: str) -> bytes:
    """The synthetic Cumbria report, about another force."""
    text = fixture_bytes(MARKDOWN).decode()
    text = text.replace(f"{FIXTURE_FORCE} Constabulary", formal_name)
    return text.replace(FIXTURE_FORCE, force).encode()


def write_reports(folder: Path, forces: list[tuple[str, str]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for force, formal_name in forces:
        path = folder / f"{force.lower().replace(' ', '-')}-2008.md"
        path.write_bytes(force_variant(force, formal_name))
        paths.append(path)
    return paths
