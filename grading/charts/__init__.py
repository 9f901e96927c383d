"""SVG charts the pages and reports show, one module per kind of chart."""
