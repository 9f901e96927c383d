"""The site's own application: connects the page cache's receivers (config/page_cache.py)."""

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class SiteConfig(AppConfig):
    name = "config"
    label = "workbench_site"
    verbose_name = "Inspection Workbench site"

    def ready(self) -> None:
        from config.page_cache import record_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(record_changed, dispatch_uid=f"page-cache-{signal!r}"[:60])
