"""The findings of a force report, area by area, as plain data (no queries here).

Per area: the grade box, the national distribution for four-point areas, contextual factors,
progress since the last inspection, then the framework's criteria in tree order. Parent
criteria are headings over their children; an implicit criterion (2007 areas) prints its
evidence without a heading.
"""

from grading.charts.distribution import DistributionBar, DistributionGroup, distribution_chart_svg
from grading.reference.schemes import FOUR_POINT
from inspections.outcomes.panel import chart_svg, confidence_of, data_year_label, panel_row
from inspections.plain_text import text_blocks
from reports.rendering.force_data import ForceReportRows
from reports.rendering.force_progress import area_progress, progress_words
from reports.rendering.text import paragraphs


def area_name(framework) -> str:
    return f"{framework.group} – {framework.name}" if framework.group else framework.name


def _round(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _grade(area, *, draft: bool) -> dict | None:
    """The grade box's verdict. A draft prints the grade it has so far, marked provisional;
    a published report prints only the final grade."""
    if not area.framework.is_graded:
        return None
    if area.final_grade is not None:
        note = "Provisional: concluded by the national panel, not yet published." if draft else ""
        return {"label": area.final_grade.label, "provisional": draft, "note": note}
    if draft and area.proposed_grade is not None:
        note = "Provisional: proposed by the lead inspector, subject to moderation."
        return {"label": area.proposed_grade.label, "provisional": True, "note": note}
    return {"label": "Not yet graded", "provisional": draft, "note": ""}


def _indicator_rows(outcome_rows) -> list[dict]:
    rows = []
    for row in outcome_rows:
        shown = panel_row(row)
        rows.append(
            {
                "code": shown.code,
                "name": shown.name,
                "value": _round(shown.value),
                "previous_value": _round(shown.previous_value),
                "msf_value": _round(shown.msf_value),
                "msf_difference": _round(shown.msf_difference),
                "msf_call": shown.msf.text if shown.msf else None,
                "change": _round(shown.change),
                "trend_call": shown.trend.text if shown.trend else None,
                "gap": _round(shown.gap),
                "is_minority": shown.is_minority,
                "sentences": list(shown.sentences),
            }
        )
    return rows


def indicator_block(outcome, outcome_rows, *, force_name: str, anchor: str) -> dict:
    """The indicator table, chart and sentences for some of an area's indicator rows."""
    rows = _indicator_rows(outcome_rows)
    period = data_year_label(outcome.year)
    title = f"{force_name}: survey indicators, {period}"
    return {
        "period": period,
        "previous_period": data_year_label(outcome.year - 2),
        "rows": rows,
        "has_minority": any(row["is_minority"] for row in rows),
        "confidence": f"{confidence_of(outcome_rows) * 100:g}%",
        # Escaped by grading.charts.indicators; marked safe only after the data is hashed. The
        # figures go in the chart's <title>, which becomes the PDF figure's text alternative.
        "chart": str(
            chart_svg(outcome_rows, title=title, id_prefix=f"{anchor}-chart", figures_in_title=True)
        ),
        "chart_id": f"{anchor}-chart",
    }


class AreaBuilder:
    """Builds the findings of every visible area from rows already loaded."""

    def __init__(self, rows: ForceReportRows, *, draft: bool):
        self.rows = rows
        self.draft = draft
        self.force_name = rows.inspection.force.display_name
        self.four_point = rows.programme.scheme.code == FOUR_POINT
        # Every printed word of the findings, for the glossary of abbreviations used.
        self.words: list[str] = []

    def areas(self) -> list[dict]:
        return [self._area(area) for area in self.rows.areas]

    def _area(self, area) -> dict:
        framework = area.framework
        anchor = f"area-{area.order}-{framework.code}"
        outcome = self.rows.outcomes.get(framework.pk)
        self.words += [framework.name, area.contextual_factors]
        criteria = self._criteria(area, anchor, outcome)
        shown = {code for node in criteria for code in node.get("indicator_codes", [])}
        all_rows = outcome.rows if outcome else []
        leftover = [row for row in all_rows if row.indicator.code not in shown]
        practice = [p.title for p in self.rows.practice if p.framework_id == framework.pk]
        progress = area_progress(self.rows, area)
        self.words += progress_words(progress)
        # Only areas with follow-ups carry the key, so the data (and its hash) of a report
        # without any is what it was before follow-ups existed.
        return ({"progress": progress} if progress else {}) | {
            "id": anchor,
            "name": area_name(framework),
            "grade": _grade(area, draft=self.draft),
            "period": data_year_label(self.rows.programme.period_end.year),
            "distribution": self._distribution(area) if self.four_point else None,
            "national_context": text_blocks(framework.introduction) if self.four_point else [],
            "contextual_factors": text_blocks(area.contextual_factors),
            "criteria": criteria,
            "indicators": (
                indicator_block(
                    outcome, leftover, force_name=self.force_name, anchor=f"{anchor}-outcomes"
                )
                if leftover
                else None
            ),
            "has_practice": bool(practice),
        }

    def _distribution(self, area) -> dict | None:
        rows = self.rows.distribution.get(area.framework_id) or []
        if not rows or not area.framework.is_graded:
            return None
        bars = tuple(DistributionBar(label=row.grade.label, count=row.forces) for row in rows)
        group = DistributionGroup(label=area_name(area.framework), bars=bars)
        chart = distribution_chart_svg(
            [group],
            title="National grade distribution",
            id_prefix=f"area-{area.order}-distribution",
            figures_in_title=True,
        )
        return {
            "grades": [{"label": row.grade.label, "forces": row.forces} for row in rows],
            "chart": chart,
        }

    def _criteria(self, area, anchor: str, outcome) -> list[dict]:
        criteria = self.rows.criteria[area.framework_id]
        parents = {criterion.parent_id for criterion in criteria if criterion.parent_id}
        nodes = []
        for criterion in criteria:
            number = criterion.number
            node = {
                "id": f"{anchor}-c{number.replace('.', '-')}",
                "number": number,
                "depth": number.count("."),
                "heading": None if criterion.is_implicit else criterion.heading,
                "group": criterion.pk in parents,
            }
            self.words.append(criterion.heading if not criterion.is_implicit else "")
            if not node["group"]:
                node.update(self._leaf(area, criterion, node["id"], outcome))
            nodes.append(node)
        return nodes

    def _leaf(self, area, criterion, anchor: str, outcome) -> dict:
        assessment = self.rows.assessments.get((area.pk, criterion.pk))
        statement = assessment.statement if assessment else ""
        self.words.append(statement)
        lists = [
            {
                "kind": str(shown.kind),
                "title": shown.title,
                "items": [self._item(item) for item in shown.items],
            }
            for shown in self.rows.evidence.lists(assessment.pk if assessment else None)
        ]
        codes = [indicator.code for indicator in criterion.indicators.all()]
        found = [row for row in (outcome.rows if outcome else []) if row.indicator.code in codes]
        return {
            "statements": paragraphs(statement),
            "lists": lists,
            "indicator_codes": [row.indicator.code for row in found],
            "indicators": (
                indicator_block(outcome, found, force_name=self.force_name, anchor=anchor)
                if found
                else None
            ),
        }

    def _item(self, item) -> dict:
        self.words += [item.lead, item.text]
        return {
            "lead": item.lead,
            "text": item.text,
            "children": [self._item(child) for child in item.children],
        }
