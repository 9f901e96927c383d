"""Reports as HTML and PDF.

Each report is built in two steps: a builder reads the database (a fixed number of queries)
into plain data (dicts, lists, strings, numbers), then a template turns that data into HTML.
The data's hash is recorded with the PDF, so a published report can be shown to come from the
same data when it is rendered again. `engine` turns the HTML into a PDF with WeasyPrint.
"""
