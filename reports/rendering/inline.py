"""A report's HTML as one self-contained file: stylesheets inlined, images as data: URIs.

The HTML comes from our own report templates (user text inside is escaped), so regular
expressions over its tags are enough: `<link>` and `<img>` are written by the templates, never
by users. Static files are read through the same restricted lookup as the PDF fetcher; anything
that lookup refuses is dropped, so the result names no external resource and opens (and prints,
in any browser) without the server.
"""

import base64
import html as html_lib
import re
from urllib.parse import urljoin

from reports.rendering.fetcher import REPORT_BASE_URL, ResourceRefused, static_file_bytes

_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_SRC = re.compile(r"""\ssrc\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(
    r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*([^;]*);""", re.IGNORECASE
)
# How deep stylesheets may @import one another; a loop stops here instead of running forever.
MAX_IMPORT_DEPTH = 4


def self_contained_html(html: str) -> str:
    """The same HTML with every stylesheet <link> replaced by an inline <style>, url(...) in
    CSS and static <img src> turned into data: URIs, and every other <link> removed. Nothing
    outside the file is referenced afterwards; refused resources are left out."""
    html = _STYLE_BLOCK.sub(_inline_style_block, html)
    html = _LINK.sub(_inline_link, html)
    return _IMG.sub(_inline_img, html)


def _attributes(tag: str) -> dict[str, str]:
    found = {}
    for match in _ATTR.finditer(tag[1:].rstrip(">/")):
        name, *values = match.groups()
        value = next((v for v in values if v is not None), "")
        found.setdefault(name.lower(), html_lib.unescape(value))
    return found


def _inline_style_block(match: re.Match) -> str:
    opening, css, closing = match.groups()
    return opening + _safe_in_style(_inline_css(css, REPORT_BASE_URL, 0)) + closing


def _inline_link(match: re.Match) -> str:
    attributes = _attributes(match.group(0))
    rels = attributes.get("rel", "").lower().split()
    href = attributes.get("href", "")
    if "stylesheet" not in rels or not href:
        return ""
    url = urljoin(REPORT_BASE_URL, href)
    try:
        css = _inline_css(_read_text(url), url, 0)
    except ResourceRefused:
        return ""
    media = attributes.get("media")
    media_attribute = f' media="{html_lib.escape(media)}"' if media else ""
    return f"<style{media_attribute}>\n{_safe_in_style(css)}\n</style>"


def _inline_img(match: re.Match) -> str:
    tag = match.group(0)
    src = _attributes(tag).get("src")
    if src is None or src.startswith("data:"):
        return tag
    data_uri = _data_uri(urljoin(REPORT_BASE_URL, src))
    replacement = f' src="{html_lib.escape(data_uri)}"' if data_uri else ""
    return _SRC.sub(lambda _: replacement, tag, count=1)


def _inline_css(css: str, base_url: str, depth: int) -> str:
    def imported(match: re.Match) -> str:
        url = urljoin(base_url, match.group(1))
        if depth >= MAX_IMPORT_DEPTH:
            return ""
        try:
            content = _inline_css(_read_text(url), url, depth + 1)
        except ResourceRefused:
            return ""
        media = match.group(2).strip()
        return f"@media {media} {{\n{content}\n}}" if media else content

    def resource(match: re.Match) -> str:
        target = next(v for v in match.groups() if v is not None)
        if target.startswith("data:") or target.startswith("#") or not target:
            return match.group(0)
        data_uri = _data_uri(urljoin(base_url, target))
        return f'url("{data_uri}")' if data_uri else 'url("")'

    return _CSS_URL.sub(resource, _CSS_IMPORT.sub(imported, css))


def _read_text(url: str) -> str:
    content, _ = static_file_bytes(url)
    return content.decode("utf-8-sig")


def _data_uri(url: str) -> str | None:
    try:
        content, mime_type = static_file_bytes(url)
    except ResourceRefused:
        return None
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def _safe_in_style(css: str) -> str:
    # Inside <style> the HTML parser ends the element at the first "</style"; CSS never needs
    # that sequence, so it is broken up rather than allowed to close the element early.
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
