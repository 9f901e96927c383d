"""Views of the grading app, one module per topic."""
