"""Test hook, imported only by a test worker (`celery worker --include
tests.reports.slow_render`): every render first sleeps WORKBENCH_TEST_RENDER_DELAY seconds, so
a test can kill the worker in the middle of one. The application never imports it."""

import os
import time

from reports.rendering import engine

DELAY = float(os.environ.get("WORKBENCH_TEST_RENDER_DELAY", "30"))
_html_to_pdf = engine.html_to_pdf


def _slow_html_to_pdf(html: str):
    time.sleep(DELAY)
    return _html_to_pdf(html)


engine.html_to_pdf = _slow_html_to_pdf
