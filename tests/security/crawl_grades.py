"""Whether an answer shows a final grade not yet published: in the area's cell of a grades
table, in the grades CSV, or in an inspection's JSON export."""

import csv
import io
import json
import re
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.security.crawl_checks import Fetched


# Grades in tables, CSV and JSON


def _shows_grade(fetched: "Fetched", grade) -> bool:
    if fetched.status != 200 or not fetched.text:
        return False
    if "text/csv" in fetched.content_type:
        return _csv_shows(fetched.text, grade)
    if "json" in fetched.content_type:
        return _json_shows(fetched.text, grade)
    if "data-force" in fetched.text:
        return _table_shows(fetched.text, grade)
    return False


def _names_grade(text: str, grade) -> bool:
    words = (grade.label, grade.short_label)
    return any(re.search(rf"\b{re.escape(word)}\b", text) for word in words if word)


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _table_shows(html: str, grade) -> bool:
    """Any table with a `data-force` row for the force: the cell under the area's column."""
    for table in re.findall(r"<table\b.*?</table>", html, re.S):
        head = re.search(r"<thead\b.*?</thead>", table, re.S)
        if not head:
            continue
        headers = [_plain(cell) for cell in re.findall(r"<th\b.*?</th>", head.group(0), re.S)]
        columns = [i for i, text in enumerate(headers) if grade.framework in text]
        force = re.escape(unescape(grade.force))
        # Whatever the order of the row's attributes (GOV.UK rows carry their class first).
        rows = re.findall(rf'<tr\b[^>]*\sdata-force="{force}"[^>]*>(.*?)</tr>', table, re.S)
        for row in rows:
            cells = [_plain(c) for _, c in re.findall(r"<(t[hd])\b[^>]*>(.*?)</\1>", row, re.S)]
            if any(i < len(cells) and _names_grade(cells[i], grade) for i in columns):
                return True
    return False


def _csv_shows(text: str, grade) -> bool:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return False
    columns = [i for i, name in enumerate(rows[0]) if grade.framework in name]
    for row in rows[1:]:
        if (
            row
            and row[0] == grade.force
            and any(i < len(row) and _names_grade(row[i], grade) for i in columns)
        ):
            return True
    return False


def _json_shows(text: str, grade) -> bool:
    try:
        document = json.loads(text)
    except ValueError:
        return False
    if not isinstance(document, dict) or document.get("force") != grade.force:
        return False
    return any(
        grade.framework in (area.get("name") or "") and area.get("grade") in grade_words(grade)
        for area in document.get("areas") or []
    )


def grade_words(grade) -> tuple[str, str]:
    return grade.label, grade.short_label
