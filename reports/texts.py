"""The inspectorate's standard report texts: defaults written for the product, and the choice
of the row a programme's reports print.

Administrators edit the texts in the admin (ReportText). A row for a programme overrides the
default row; without either, the default below is printed, so a report never lacks a section.
Bodies are plain text: paragraphs separated by a blank line, lines starting "- " as bullets.
"""

from django.db.models import Q

from reports.models import ReportText, ReportTextKey

INTRODUCTION = (
    "Introduction to inspections",
    """The inspectorate examines the police forces of England and Wales on behalf of the public \
and of Parliament. Its inspectors are independent of the forces they inspect and of the \
Home Office, and their reports are published so that anyone can see how well their local \
force is doing.

Inspection concentrates on the parts of policing that figures alone cannot describe: how a \
force organises its work, how it engages with the people it serves, and whether its plans \
will last. Inspectors read the force's documents, interview officers, staff and partners, \
hold focus groups and test the force's services as a member of the public would.

Every finding is checked before it is used and weighed against the specific grading \
criteria (SGC) agreed for the area. The grade is a summary; the detail that follows it, and \
above all the areas for improvement, is where a force and its communities will find what to \
do next.""",
)

PROGRAMME = (
    "The inspection programme",
    """Each year's programme sets the inspection areas every force is examined on, and the \
grading scheme used to judge them. This report covers the areas listed on its cover.

For each area the report gives the grade with a short summary of judgement, then the \
evidence behind it, criterion by criterion: a summary statement, followed by the strengths \
found, the work in progress and the areas for improvement. A list with nothing in it is \
printed as "None identified.\"""",
)

INDICATORS = (
    "Survey indicators",
    """Some criteria are judged partly on what the public say. Two kinds of survey are used:

- the British Crime Survey, which asks around a thousand people in each force area every \
year how they see their local police and the anti-social behaviour around them;
- the forces' own surveys of people who have used their services, such as victims of \
burglary or vehicle crime, carried out to a common national standard.

Each result is compared with the average of the force's most similar forces (MSF) and with \
the force's own result two years earlier. A difference is called significant only when it \
is too large to be put down to the chance of who happened to be interviewed; the appendix \
on indicator significance explains the test.""",
)

DEVELOPING_PRACTICE = (
    "Developing practice",
    """Inspectors look out for work that other forces could learn from, and much of it is \
described among the strengths in this report. Forces may also put forward fuller accounts of \
their own practice, with the problem it tackled, what was done, how it was evaluated and \
what changed as a result.

The examples printed in the developing practice appendix were selected by the inspectorate \
for publication. They are the force's own accounts: the inspectorate has not evaluated them \
independently. Each gives a contact in the force for anyone who wants to know more.""",
)

GRADING_PROCESS = (
    "The grading process",
    """Grades are proposed by the lead inspector once the evidence has been gathered, then \
tested by a regional moderation panel and concluded by a national panel, so that every \
force is judged in the same way against the same criteria. The grades available under this \
programme, and what a force must show to be given each of them, are set out below.""",
)

SIGNIFICANCE = (
    "How indicator significance is assessed",
    """Survey figures are estimates: another sample of people would have given a slightly \
different answer. Before a difference is reported as real, it is tested to see whether it \
is larger than chance alone would be likely to produce.

The test compares two proportions. Their difference is divided by its standard error, which \
grows with the spread of each estimate and shrinks with the number of people interviewed. \
Because the surveys do not pick people purely at random, the standard error is multiplied by \
a design factor (1.3 for the British Crime Survey, 1.0 for forces' user surveys).

- A difference is significant at the 95% level when it is more than 1.96 standard errors \
either side of zero.
- Compared with the most similar forces, a significant difference is called "significantly \
better" or "significantly worse"; otherwise "not significantly different".
- Compared with two years earlier, a significant change is called "significantly improved" or \
"significantly deteriorated"; otherwise the result is "unchanged".

Where a published difference was worked out before rounding, that figure is used, so a \
call may differ from one worked out from the rounded percentages in the tables. For SPI 10b \
a lower figure is better, and the calls are worded accordingly.""",
)

NATIONAL_SUMMARY = (
    "Summary",
    """This report brings together the findings for every force inspected under the \
programme. It sets out the grades awarded in each inspection area, the themes that ran \
across forces, and the recommendations the inspectorate makes to forces and to the bodies \
that support them.""",
)

DEFAULT_TEXTS: dict[str, tuple[str, str]] = {
    ReportTextKey.INTRODUCTION.value: INTRODUCTION,
    ReportTextKey.PROGRAMME.value: PROGRAMME,
    ReportTextKey.INDICATORS.value: INDICATORS,
    ReportTextKey.DEVELOPING_PRACTICE.value: DEVELOPING_PRACTICE,
    ReportTextKey.GRADING_PROCESS.value: GRADING_PROCESS,
    ReportTextKey.SIGNIFICANCE.value: SIGNIFICANCE,
    ReportTextKey.NATIONAL_SUMMARY.value: NATIONAL_SUMMARY,
}


def report_texts(*, programme) -> dict[str, dict[str, str]]:
    """Every standard text a report of `programme` prints, key -> {"title", "body"}.

    Invariants: one query; every ReportTextKey is present; the programme's row wins over the
    default row, which wins over the default written here. `programme` may be None (defaults).
    """
    scope = Q(programme__isnull=True)
    if programme is not None:
        scope |= Q(programme=programme)
    rows = ReportText.objects.filter(scope).values("key", "programme_id", "title", "body")
    chosen: dict[str, dict] = {}
    for row in sorted(rows, key=lambda row: row["programme_id"] is not None):
        chosen[row["key"]] = {"title": row["title"], "body": row["body"]}
    texts = {}
    for key, (title, body) in DEFAULT_TEXTS.items():
        texts[key] = chosen.get(key) or {"title": title, "body": body}
    return texts
