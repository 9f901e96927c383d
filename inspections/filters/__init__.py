"""Filters for the list pages: one FilterSet per page, one module per topic."""
