"""What every report builder returns, and the hash of the data it was built from."""

import hashlib
import json
from dataclasses import dataclass

# Who publishes every report: printed on the force report's cover and written into each PDF's
# metadata as its author.
REPORT_AUTHOR = "Her Majesty's Inspectorate of Constabulary"


@dataclass(frozen=True)
class ReportDocument:
    """A report ready for the engine: its HTML, the hash of its data, and whether it is a
    draft (printed with a DRAFT watermark on every page)."""

    title: str
    html: str
    data_hash: str
    draft: bool


def data_hash(data) -> str:
    """SHA-256 of the data as canonical JSON (sorted keys, no spaces). The data must hold
    only JSON types, dates as ISO strings; the same data always gives the same hash."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
