"""Reads that are scoped to who may see them or are not trivial; one module per topic."""
