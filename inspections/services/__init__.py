"""Writes that change several models or a workflow state; one module per topic."""

from inspections.services.inspections import inspection_create

__all__ = ["inspection_create"]
