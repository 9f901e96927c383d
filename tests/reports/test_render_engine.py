"""HTML to PDF, the self-contained HTML export and the template version."""

import re

import pytest

from reports.rendering import engine, fetcher
from reports.rendering.engine import html_to_pdf, self_contained_html, template_version
from tests.reports.render_support import (
    embedded_files,
    pages_html,
    pdf_reader,
    pdf_text,
    report_static_folder,
)

LINKED = '<link rel="stylesheet" href="/static/reports/report.css">'
HOSTILE_BODY = (
    '<img src="file:///etc/hostname">'
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    '<a rel="attachment" href="file:///etc/hostname">hostname</a>'
    '<img src="https://example.org/pixel.png">'
)


@pytest.fixture
def report_static(settings, tmp_path):
    return report_static_folder(settings, tmp_path)


@pytest.fixture
def served(monkeypatch):
    """Every URL the static lookup actually read from disk, in order."""
    read = []
    original = fetcher.static_file_bytes

    def recording(url):
        result = original(url)
        read.append(url)
        return result

    monkeypatch.setattr(fetcher, "static_file_bytes", recording)
    return read


def test_pdf_starts_with_the_pdf_header_and_counts_its_pages():
    rendered = html_to_pdf(pages_html(3))

    assert rendered.pdf.startswith(b"%PDF-")
    assert rendered.pages == 3 == len(pdf_reader(rendered.pdf).pages)
    assert "Part 2" in pdf_text(rendered.pdf)


def test_same_html_gives_the_same_bytes():
    assert html_to_pdf(pages_html(2)).pdf == html_to_pdf(pages_html(2)).pdf


def test_linked_report_stylesheet_and_its_images_are_applied(report_static, served):
    plain = html_to_pdf(pages_html(1))
    styled = html_to_pdf(pages_html(1, head=LINKED))

    # A6 from the linked stylesheet: 105 mm wide is about 298 points, A4 about 595.
    assert round(float(pdf_reader(styled.pdf).pages[0].mediabox.width)) == 298
    assert round(float(pdf_reader(plain.pdf).pages[0].mediabox.width)) == 595
    assert served == [
        "https://report.invalid/static/reports/report.css",
        "https://report.invalid/static/reports/img/pixel.png",
    ]
    assert styled.refused == ()


def test_hostile_resources_are_skipped_and_the_render_still_succeeds(served):
    rendered = html_to_pdf(pages_html(1, body=HOSTILE_BODY))

    assert rendered.pages == 1
    assert "Part 0" in pdf_text(rendered.pdf)
    assert set(rendered.refused) == {
        "file:///etc/hostname",
        "http://127.0.0.1:9/x.css",
        "https://example.org/pixel.png",
    }
    assert embedded_files(rendered.pdf) == []
    assert served == []


@pytest.mark.parametrize(
    "markup",
    [
        '<a rel="attachment" href="/static/reports/report.css">notes</a>',
        '<a rel="attachment" href="file:///etc/hostname" download="h.txt">notes</a>',
        '<link rel="attachment" href="/static/reports/report.css">',
        '<link rel="attachment" href="file:///etc/hostname" title="hostname">',
        '<a rel="nofollow attachment" href="data:text/plain,secret">notes</a>',
    ],
)
def test_attachments_are_never_fetched_nor_embedded(report_static, served, markup):
    rendered = html_to_pdf(pages_html(1, body=markup))

    assert embedded_files(rendered.pdf) == []
    assert served == []
    assert rendered.refused == ()


def test_attachment_check_sees_embedded_files_when_weasyprint_writes_them():
    # Guards the test above: the helper does find a file WeasyPrint embeds the normal way.
    import weasyprint

    pdf = weasyprint.HTML(string='<a rel="attachment" href="data:text/plain,x">x</a>').write_pdf()

    assert embedded_files(pdf) != []


def test_self_contained_html_inlines_css_and_images_and_leaves_nothing_external(report_static):
    html = pages_html(
        2,
        head=LINKED + '<link rel="icon" href="/static/reports/img/pixel.png">',
        body='<img src="/static/reports/img/pixel.png" alt="pixel"><img src="file:///etc/hostname">',
    )

    inlined = self_contained_html(html)

    assert "<link" not in inlined
    assert "/static/" not in inlined
    assert "file:" not in inlined
    assert "@page { size: A6; margin: 10mm; }" in inlined
    assert 'url("data:image/png;base64,' in inlined
    assert '<img src="data:image/png;base64,' in inlined
    assert 'alt="pixel"' in inlined
    assert len(re.findall(r"<img\b", inlined)) == 2


def test_self_contained_html_prints_the_same_pages_as_the_linked_html(report_static):
    html = pages_html(4, head=LINKED)

    linked = html_to_pdf(html)
    inlined = html_to_pdf(self_contained_html(html))

    assert linked.pages == inlined.pages == 4
    assert pdf_reader(inlined.pdf).pages[0].mediabox == pdf_reader(linked.pdf).pages[0].mediabox


def test_self_contained_html_inlines_imports_and_urls_in_style_blocks(report_static):
    (report_static / "reports" / "print.css").write_text(
        '@import url("report.css");\nh2 { background: url(img/pixel.png) }\n'
    )
    html = (
        '<link rel="stylesheet" media="print" href="/static/reports/print.css">'
        '<style>p { background: url("/static/reports/img/pixel.png") }</style>'
        '<link rel="stylesheet" href="/static/../config/settings.py">'
    )

    inlined = self_contained_html(html)

    assert inlined.count("<style") == 2
    assert '<style media="print">' in inlined
    assert "@page { size: A6; margin: 10mm; }" in inlined
    assert "/static/" not in inlined
    assert inlined.count("data:image/png;base64,") == 3
    assert "SECRET_KEY" not in inlined


def test_self_contained_html_keeps_escaped_user_text_escaped():
    html = "<p>&lt;link rel=&quot;stylesheet&quot; href=&quot;/x&quot;&gt; &lt;/style&gt;</p>"

    assert self_contained_html(html) == html


def test_template_version_hashes_report_templates_and_css_in_path_order(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    (tmp_path / "templates" / "reports" / "pdf").mkdir(parents=True)
    (tmp_path / "static" / "reports").mkdir(parents=True)
    (tmp_path / "templates" / "reports" / "pdf" / "force.html").write_text("<h1>{{ t }}</h1>")
    css = tmp_path / "static" / "reports" / "report.css"
    css.write_text("@page { size: A4 }")
    engine.template_version.cache_clear()
    try:
        first = template_version()
        engine.template_version.cache_clear()
        again = template_version()
        css.write_text("@page { size: A5 }")
        cached = template_version()
        engine.template_version.cache_clear()
        changed = template_version()
    finally:
        engine.template_version.cache_clear()

    assert re.fullmatch(r"[0-9a-f]{16}", first)
    assert first == again == cached
    assert changed != first
