"""The report_paragraphs filter: paragraphs and bullets from plain text, always escaped."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from inspections.templatetags.report_text import report_paragraphs


def test_filter_builds_paragraphs_and_bullets():
    html = report_paragraphs("Aims:\n- one;\n\n- two.\nAfter.\n\nLine one\nline two")
    assert html == (
        "<p>Aims:</p>\n<ul><li>one;</li><li>two.</li></ul>\n<p>After.</p>\n"
        "<p>Line one<br>line two</p>"
    )


def test_filter_escapes_before_adding_tags():
    html = report_paragraphs('- <script>alert("x")</script>\n<b>bold</b> & more')
    assert "<script>" not in html and "<b>" not in html
    assert "<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</li>" in html
    assert "<p>&lt;b&gt;bold&lt;/b&gt; &amp; more</p>" in html


def test_filter_escapes_even_text_marked_safe():
    assert "<script>" not in report_paragraphs(mark_safe("<script>x</script>"))


def test_filter_prints_nothing_for_empty_text():
    assert report_paragraphs("") == ""
    assert report_paragraphs(None) == ""


def test_filter_in_a_template_is_not_escaped_twice():
    template = Template("{% load report_text %}{{ text|report_paragraphs }}")
    html = template.render(Context({"text": "- a & b"}))
    assert html == "<ul><li>a &amp; b</li></ul>"
