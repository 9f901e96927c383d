"""Wealdshire's Developing Citizen Focus Policing evidence, by criterion number."""

from inspections.demo.content import Evidence, Item
from inspections.models import EvidenceSource as Source

DCFP = {
    "1": Evidence(
        strengths=[
            Item(
                "The chief constable's Service First programme tells the public what they can "
                "expect from the force. Its standards are displayed at every front counter "
                "visited and on the force website.",
                Source.REALITY_TESTING,
            ),
            Item(
                "Chief officers lead on the quality of service in person. The deputy chief "
                "constable chairs a monthly quality of service board, and each chief officer "
                "holds a divisional portfolio for satisfaction.",
                Source.DOCUMENT_REVIEW,
                lead="Visible leadership.",
            ),
            Item(
                "Service to the public is built into recruitment, probationer training and "
                "annual appraisal; every member of staff has at least one objective about the "
                "quality of service they give.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Constables, PCSOs and call handlers in focus groups understood why "
                "satisfaction matters and could explain how their own conduct affects it.",
                Source.FOCUS_GROUP,
                points=(
                    "call handlers described giving callers a realistic time for attendance "
                    "rather than an optimistic one;",
                    "response officers described leaving a card with their name and a "
                    "reference number at every call.",
                ),
            ),
        ],
        work_in_progress=[
            Item(
                "The service standards are being translated into Polish, Nepali and "
                "Portuguese, the languages most requested through the interpreting contract. "
                "This is due to be finished in October 2008.",
                Source.INTERVIEW,
            ),
            Item(
                "The audit of compliance with the victims' code is being revised after the "
                "first round found gaps in recording updates to victims of minor crime.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "Staff in support departments knew less about Service First than operational "
                "staff. The force should make sure that people who seldom deal with the public "
                "understand how their work shapes the service the public receives.",
                Source.FOCUS_GROUP,
            ),
        ],
    ),
    "2": Evidence(
        strengths=[
            Item(
                "Call handlers assess the caller's vulnerability as well as the urgency of the "
                "incident. A caller assessed as vulnerable is always offered attendance or an "
                "appointment, whatever the type of crime.",
                Source.REALITY_TESTING,
            ),
            Item(
                "Satisfaction is reported beside crime and detection figures at force and "
                "divisional performance meetings, and divisional commanders answer for both.",
                Source.DOCUMENT_REVIEW,
                lead="Satisfaction in performance management.",
                points=(
                    "the monthly scorecard shows satisfaction at each stage of contact;",
                    "a division below the force average produces an improvement plan; and",
                    "strong results are recognised in the chief constable's commendations.",
                ),
            ),
            Item(
                "Investigators agree a contact plan with each victim at the first meeting and "
                "record it on the crime system; supervisors check the plan when they review "
                "the investigation.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Custody and criminal justice units have adopted the same standards, and the "
                "witness care unit telephones each witness within one working day of a trial "
                "date being set.",
                Source.INTERVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "An appointments system for non-urgent calls is being piloted in Weald division "
                "and will be evaluated before it is extended in 2009.",
                Source.INTERVIEW,
            ),
        ],
    ),
    "3": Evidence(
        strengths=[
            Item(
                "SPI 1e is significantly better than the MSF average for the year ending March "
                "2008 and is unchanged on two years earlier.",
                Source.DATA,
            ),
            Item(
                "The satisfaction gap between white users and users from minority ethnic "
                "groups narrowed to 2.9 percentage points, from 6.1 points two years earlier.",
                Source.DATA,
            ),
            Item(
                "Castlegate division's community link officers contact every minority ethnic "
                "victim of a hate incident within 24 hours, and their satisfaction is tracked "
                "separately.",
                Source.INTERVIEW,
                lead="Narrowing the gap.",
            ),
        ],
        work_in_progress=[
            Item(
                "The user survey sample is being boosted so that satisfaction among minority "
                "ethnic users can be reported for each division from 2009/10.",
                Source.INTERVIEW,
            ),
        ],
        improvements=[
            Item(
                "Victims of vehicle crime are less satisfied than other victims, and their "
                "satisfaction has not improved. The force should find out why and act on what "
                "it learns.",
                Source.DATA,
            ),
        ],
    ),
}
