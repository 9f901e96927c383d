"""Admin registrations for reports, split by topic; importing this package registers them."""

from reports.admin import imports, runs, texts

__all__ = ["imports", "runs", "texts"]
