"""Evidence for the demo force Northmoor, by framework code and criterion number."""

from inspections.demo.content import Evidence, Item
from inspections.models import EvidenceSource as Source

NP = {
    "1.1": Evidence(
        strengths=[
            Item(
                "Twenty-four neighbourhood teams of 112 constables, 19 sergeants and 174 PCSOs "
                "serve the three BCUs, and every ward has a named contact.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Deployment in Dale and Moor reflects the sparse population. Teams based in "
                "the market towns reach outlying villages through scheduled surgeries, and "
                "PCSOs hold drop-in sessions in village halls and post offices.",
                Source.INTERVIEW,
            ),
            Item(
                "Before joining a team every member of neighbourhood staff completes a four-day "
                "course on problem solving, engagement and partnership working, and refresher "
                "days follow each year.",
                Source.DOCUMENT_REVIEW,
                lead="Training.",
            ),
        ],
        work_in_progress=[
            Item(
                "The force accepts that neighbourhood constables in Brackwater are too often "
                "taken to cover response shifts. A revised abstraction policy with a monthly "
                "limit of 12% is out for consultation with the staff associations.",
                Source.INTERVIEW,
            ),
            Item(
                "Eighteen further PCSOs, funded by Eastholme and Whitcliffe councils, are being "
                "recruited; all should be in post by December 2008.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "Abstraction is not recorded consistently: two BCUs keep their own spreadsheets "
                "and the third relies on duty rosters. The force cannot therefore say how much "
                "time neighbourhood staff spend in their neighbourhoods.",
                Source.DATA,
            ),
            Item(
                "Turnover among neighbourhood constables in Brackwater was 31% in 2007/08. The "
                "force should find out why and act, so that residents keep a familiar point "
                "of contact.",
                Source.DATA,
            ),
        ],
    ),
    "1.2": Evidence(
        strengths=[
            Item(
                "PACT meetings take place in every neighbourhood at least every two months and "
                "are advertised on posters, on local radio and in the council's free newspaper.",
                Source.REALITY_TESTING,
            ),
            Item(
                "The Dale and Moor engagement plan uses auction marts, agricultural shows and "
                "a mobile police station to meet farming communities who seldom come to "
                "evening meetings.",
                Source.INTERVIEW,
                lead="Reaching rural communities.",
                points=(
                    "a stand at each of the four summer shows drew over 1,100 conversations in "
                    "2007;",
                    "Farm Watch members receive text alerts about thefts of machinery and fuel.",
                ),
            ),
            Item(
                "Neighbourhood web pages list each team's priorities and the date of its next "
                "meeting. Of the ten pages checked by the team, eight were up to date.",
                Source.REALITY_TESTING,
            ),
        ],
        work_in_progress=[
            Item(
                "A force-wide engagement strategy setting a common minimum standard is being "
                "drafted to replace the three BCU approaches; the police authority is due to "
                "approve it in November 2008.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "PACT meetings in Brackwater are poorly attended, mostly by older residents. "
                "The force has no systematic way of hearing from young people, students or "
                "the town's growing Eastern European population and should develop one.",
                Source.FOCUS_GROUP,
            ),
        ],
    ),
    "1.3": Evidence(
        strengths=[
            Item(
                "Joint action groups in each CDRP bring police, council, housing and fire "
                "service staff together monthly to agree action on neighbourhood priorities.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Police, the council and two housing associations tackled drug dealing and "
                "nuisance around the harbour flats in Eastholme. Reports of anti-social "
                "behaviour there fell by 38% over six months.",
                Source.DATA,
                lead="Operation Harbour.",
                points=(
                    "closure orders were obtained on three properties;",
                    "the council installed CCTV and better lighting; and",
                    "residents formed a tenants' association that now sends members to PACT.",
                ),
            ),
            Item(
                "Analysts in each CDRP share police and council data under a signed "
                "information-sharing agreement.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "An electronic problem-solving database is replacing paper problem profiles. "
                "It is live in Eastholme and due in the other two BCUs by March 2009.",
                Source.INTERVIEW,
            ),
            Item(
                "Joint problem-solving training with council wardens began in June 2008.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "Problem solving is seldom evaluated. Of 20 closed problem files examined, five "
                "recorded whether the problem had reduced and none recorded residents' views. "
                "The force should introduce proportionate evaluation.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
    ),
    "2": Evidence(
        strengths=[
            Item(
                "The KDI has improved significantly since 2005/06, which the force attributes "
                "to more visible PCSO patrols in the town centres.",
                Source.DATA,
            ),
        ],
        work_in_progress=[
            Item(
                "A local survey of 3,000 residents has been commissioned to understand why SPI "
                "2a, though in line with the MSF average, has not moved in two years.",
                Source.INTERVIEW,
            ),
        ],
        improvements=[
            Item(
                "Perceptions of anti-social behaviour in Brackwater remain well above those "
                "elsewhere in the force. The force and its partners should set out how they "
                "will reduce them.",
                Source.DATA,
            ),
        ],
    ),
    "3": Evidence(
        strengths=[
            Item(
                "User satisfaction results go monthly to the chief officer team and to BCU "
                "performance meetings.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "When surveys showed rural victims were less satisfied with being kept "
                "informed, Dale and Moor gave each rural victim a named officer and a call "
                "back within five working days.",
                Source.DOCUMENT_REVIEW,
                lead="Rural victims.",
            ),
            Item(
                "The police authority holds scrutiny sessions on public confidence to which "
                "residents are invited to give evidence.",
                Source.INTERVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "A confidence action plan drawing together satisfaction, engagement and "
                "communications work has been drafted and awaits chief officer approval.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
    ),
    "4": Evidence(
        strengths=[
            Item(
                "The budget for 2008/09 to 2010/11 protects every neighbourhood constable and "
                "PCSO post, and the police authority has named neighbourhood policing its "
                "first priority.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "All three councils include neighbourhood policing in their local area "
                "agreements and jointly fund 26 PCSO posts under three-year agreements.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "A neighbourhood policing board chaired by the assistant chief constable "
                "oversees delivery and meets council chief executives every quarter.",
                Source.INTERVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "Succession plans for neighbourhood sergeants are being written after two "
                "Dale and Moor teams went without a sergeant for more than two months in 2007.",
                Source.INTERVIEW,
            ),
        ],
    ),
}

DCFP = {
    "1": Evidence(
        strengths=[
            Item(
                "The force's vision statement puts the public at the centre of its work and "
                "was explained to staff at roadshows led by the chief constable in 2007.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Control room and front counter staff have completed customer service training "
                "delivered by a local further education college.",
                Source.INTERVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "Service standards for the public have been drafted but not published. The "
                "force intends to publish them in the autumn.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "Operational staff were unclear what the force expects of them when dealing "
                "with the public, and several saw satisfaction as a matter for the control "
                "room. The force should make its expectations clear and have supervisors "
                "reinforce them.",
                Source.FOCUS_GROUP,
                lead="Understanding of the ethos.",
                points=(
                    "none of the response officers in the Brackwater focus group had heard of "
                    "the vision statement;",
                    "PCSOs in Dale and Moor described a clear local ethos that owed more to "
                    "their inspector than to the force.",
                ),
            ),
            Item(
                "The force has not analysed who uses its services or how their needs differ, "
                "so it cannot show that it understands the needs of its communities.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
    ),
    "2": Evidence(
        strengths=[
            Item(
                "The call-grading policy offers an appointment at a fixed time for non-urgent "
                "calls, and appointments were kept in 91% of cases sampled.",
                Source.DATA,
            ),
            Item(
                "Brackwater BCU has set up a victim care team of four police staff who keep "
                "victims of volume crime informed. Victims interviewed spoke well of the "
                "service.",
                Source.INTERVIEW,
                lead="Victim care in Brackwater.",
            ),
            Item(
                "Witness care units share offices with the Crown Prosecution Service at both "
                "court centres.",
                Source.REALITY_TESTING,
            ),
        ],
        work_in_progress=[
            Item(
                "A quality of service board chaired by the deputy chief constable met for the "
                "first time in May 2008.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "The force is buying a crime recording system that will prompt officers when "
                "a victim update is due.",
                Source.INTERVIEW,
            ),
        ],
        improvements=[
            Item(
                "Satisfaction plays no part in the performance reviews of teams or individual "
                "officers, and BCU performance meetings concentrate on crime and detections. "
                "The force should build satisfaction into performance management at every "
                "level.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
    ),
    "3": Evidence(
        strengths=[
            Item(
                "Satisfaction among victims of violent crime rose in 2007/08, after the force "
                "introduced a follow-up visit for every victim of assault with injury.",
                Source.DATA,
            ),
        ],
        work_in_progress=[
            Item(
                "Research into the satisfaction gap for minority ethnic users in Brackwater and "
                "Eastholme has been commissioned from a university and is due to report in "
                "December 2008.",
                Source.INTERVIEW,
            ),
        ],
        improvements=[
            Item(
                "SPI 1e is significantly worse than the MSF average and has deteriorated since "
                "2005/06, mainly because fewer victims are satisfied with being kept informed.",
                Source.DATA,
            ),
            Item(
                "Users from minority ethnic groups are 9.7 percentage points less satisfied "
                "than white users, and the force has not yet said how it will close the gap.",
                Source.DATA,
            ),
        ],
    ),
}

EVIDENCE = {"np": NP, "dcfp": DCFP}
