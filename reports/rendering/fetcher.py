"""The only way a report render reaches outside its own HTML: project static files and data: URIs.

Reports are rendered on the server from text that inspectors and liaisons typed. That text is
escaped, but the engine is the last line of defence: if mark-up ever slipped through, it must
not be able to read server files (file:), reach other hosts (http:, https:), climb out of the
static folder (.., also percent-encoded) or embed files in the PDF (rel="attachment").

Relative URLs in a report resolve against REPORT_BASE_URL, an origin under the reserved
.invalid domain that is never contacted: a URL on that origin whose path starts with STATIC_URL
is read from disk, through the staticfiles finders (so no collectstatic is needed) or from
STATIC_ROOT (collected, possibly hashed names).
"""

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

REPORT_BASE_URL = "https://report.invalid/"


class ResourceRefused(ValueError):
    """A report asked for a resource outside the project's static files and data: URIs."""


def static_relative_path(url: str) -> str:
    """The static-relative path of an allowed report URL (absolute on REPORT_BASE_URL, or a
    root-relative /static/... path); raises ResourceRefused for anything else."""
    parts = urlsplit(url)
    base = urlsplit(REPORT_BASE_URL)
    foreign = (parts.scheme, parts.netloc) != (base.scheme, base.netloc)
    if (parts.scheme or parts.netloc) and foreign:
        raise ResourceRefused(f"only project static files may be loaded, not {url[:200]}")
    prefix = urlsplit(settings.STATIC_URL).path
    if not parts.path.startswith(prefix):
        raise ResourceRefused(f"not under {prefix}: {url[:200]}")
    relative = unquote(parts.path[len(prefix) :])
    # After one decoding nothing may still look encoded: a second decoding elsewhere (a
    # finder, the filesystem) must not be able to turn %2e%2e into "..".
    if "%" in relative or "\\" in relative or "\x00" in relative:
        raise ResourceRefused(f"encoded or unusual characters in {url[:200]}")
    segments = relative.split("/")
    if not relative or any(s in ("", ".", "..") for s in segments):
        raise ResourceRefused(f"not a plain static path: {url[:200]}")
    return relative


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if getattr(storage, "location", None):
                roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


def static_file_path(relative: str) -> Path:
    """The file on disk behind a static-relative path, found by the staticfiles finders or
    under STATIC_ROOT, and still inside one of those folders once symlinks are resolved."""
    found = finders.find(relative)
    candidate = Path(found) if found else Path(settings.STATIC_ROOT) / relative
    if not candidate.is_file():
        raise ResourceRefused(f"no such static file: {relative}")
    resolved = candidate.resolve()
    if not any(resolved.is_relative_to(root) for root in _static_roots()):
        raise ResourceRefused(f"static file resolves outside the static folders: {relative}")
    return resolved


def static_file_bytes(url: str) -> tuple[bytes, str]:
    """The content and MIME type of an allowed static URL; raises ResourceRefused."""
    path = static_file_path(static_relative_path(url))
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.read_bytes(), mime_type


@dataclass
class FetchLog:
    """What a render asked for: URLs served and URLs refused, in order."""

    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves data: URIs and project static files, nothing else.

    Every refusal raises ResourceRefused, which WeasyPrint logs before skipping the resource,
    so a hostile URL costs one missing image or stylesheet, never the render. Refused URLs are
    kept in `log` so callers and tests can see what was attempted.
    """

    def __init__(self):
        super().__init__(timeout=5, allowed_protocols=("data", "https"), allow_redirects=False)
        self.log = FetchLog()

    def fetch(self, url, headers=None):
        try:
            response = self._fetch(url)
        except ResourceRefused:
            self.log.refused.append(url[:200])
            raise
        self.log.served.append(url[:200])
        return response

    def _fetch(self, url: str) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            # The standard library's data: handler decodes it; no other handler is reached
            # because the scheme is data.
            return super().fetch(url)
        content, mime_type = static_file_bytes(url)
        return URLFetcherResponse(url, body=content, headers={"Content-Type": mime_type})
