"""Phrase banks for the national demo: every territorial force inspected under the 2008
programme. `inspections.demo.national` combines them with a random generator seeded by the
force's slug, so each force reads differently and every run writes the same words.

The wording is the product's own and describes no real force: it is demo text, marked as
such in every history row. The only facts held here are the grades the 2008 national report
published (which forces exceeded the standard in each area; every other force met it).
"""

from inspections import roles

NATIONAL_SOURCE = "demo data (national)"
# The published 2008 grades: the forces exceeding the standard per area; all others met it.
PUBLISHED_EXCEEDING = {
    "np": ("Lancashire",),
    "dcfp": ("Dorset", "Hertfordshire", "Lancashire"),
}
# How many forces per area the team proposes as failing; the regional panel changes those it
# has moderated to meeting, as a panel would on weak evidence for a low grade.
FAILING_PROPOSALS_PER_AREA = 2

# Generated users. Leads are named per region, inspectors by number; names are invented.
FIRST_NAMES = (
    "Aisha", "Ben", "Carys", "Declan", "Elin", "Farid", "Gemma", "Hamish", "Imogen", "Joel",
    "Kavita", "Liam", "Megan", "Nikhil", "Orla", "Pavel", "Rhian", "Tomasz", "Ursula", "Wes",
)  # fmt: skip
LAST_NAMES = (
    "Ashdown", "Brennan", "Calloway", "Drummond", "Everett", "Fairbairn", "Greaves", "Holloway",
    "Iqbal", "Jessop", "Kerrigan", "Lockhart", "Maddox", "Nuttall", "Oyelaran", "Prendergast",
    "Quayle", "Rowntree", "Sandhu", "Thackeray",
)  # fmt: skip
LEAD_GROUPS = (roles.LEAD_INSPECTOR, roles.MODERATOR)
INSPECTOR_GROUPS = (roles.INSPECTOR,)
INSPECTORS_PER_TEAM = 2
INSPECTOR_POOL = 24

# What each leaf criterion's evidence is about, per framework code and criterion number.
TOPICS = {
    ("np", "1.1"): (
        "the staffing of neighbourhood teams",
        "the abstraction of PCSOs to other duties",
        "named contacts for every neighbourhood",
        "cover arrangements when team members are on leave",
        "the tenure of neighbourhood sergeants",
        "the use of special constables in neighbourhoods",
        "the matching of team size to neighbourhood demand",
        "induction for staff joining a neighbourhood team",
    ),
    ("np", "1.2"): (
        "neighbourhood meetings and street briefings",
        "engagement with young people",
        "the neighbourhood panels that set local priorities",
        "feedback to residents on what was done",
        "contact with communities that rarely attend meetings",
        "the neighbourhood pages of the force website",
        "newsletters delivered to households",
        "the recording of engagement activity",
    ),
    ("np", "1.3"): (
        "joint action groups with councils and housing providers",
        "the problem-solving database",
        "problem-solving training for partners",
        "the evaluation of completed problem-solving plans",
        "the inclusion of problem solving in performance reviews",
        "information sharing with partner agencies",
        "the closure of long-running problem-solving cases",
        "tasking meetings at neighbourhood level",
    ),
    ("np", "2"): (
        "the survey measure of confidence in local policing",
        "the key diagnostic indicator on anti-social behaviour",
        "the trend in public confidence over two years",
        "local surveys that supplement the national measures",
        "the comparison with the most similar forces",
        "the analysis of survey results by neighbourhood",
    ),
    ("np", "3"): (
        "the use of satisfaction data at divisional meetings",
        "confidence measures in neighbourhood plans",
        "the sharing of survey findings with partners",
        "the link between survey results and tasking",
        "the understanding of satisfaction data among sergeants",
        "the reporting of confidence to the police authority",
    ),
    ("np", "4"): (
        "the funding of neighbourhood posts beyond 2011",
        "succession planning for neighbourhood supervisors",
        "partner contributions to PCSO funding",
        "the medium-term financial plan for neighbourhoods",
        "the protection of neighbourhood teams in restructuring",
        "the training plan for future neighbourhood staff",
    ),
    ("dcfp", "1"): (
        "chief officer leadership of the citizen focus programme",
        "staff understanding of what citizen focus means",
        "the communication of service values to staff",
        "the consultation of diverse communities",
        "the citizen focus strategy and its delivery plan",
        "the involvement of support departments",
        "the recognition of good customer service",
        "the use of complaints to learn lessons",
    ),
    ("dcfp", "2"): (
        "call handling and the first contact with the public",
        "the keeping of victims informed about their cases",
        "service standards for response officers",
        "the quality of service given by investigators",
        "the handover from response teams to investigators",
        "the monitoring of service standards by supervisors",
        "satisfaction in individual performance reviews",
        "the service given to witnesses at court",
    ),
    ("dcfp", "3"): (
        "overall satisfaction of victims of crime",
        "the satisfaction of minority ethnic victims",
        "the trend in satisfaction over two years",
        "satisfaction with being kept informed",
        "the comparison with the most similar forces",
        "the gap between white and minority ethnic users",
    ),
}

STRENGTH_OPENINGS = (
    "Inspectors found that {topic} is well organised across {place}.",
    "Staff and partners described {topic} as a real strength of the force.",
    "{Topic} is consistent across {place} and well understood by staff.",
    "The force has clear and well-run arrangements for {topic}.",
    "Reality testing in {place} confirmed that {topic} works as the force describes.",
    "Focus groups of front-line staff spoke with confidence about {topic}.",
)
WORK_IN_PROGRESS_OPENINGS = (
    "The force has begun a review of {topic}, due to report later in the year.",
    "A new approach to {topic} is being piloted in {place}.",
    "Work to improve {topic} has started but is not yet finished.",
    "A project board now oversees {topic}, with a plan agreed in the spring.",
    "Changes to {topic} are being rolled out, starting with {place}.",
)
IMPROVEMENT_OPENINGS = (
    "The force should strengthen {topic}, which is uneven across {place}.",
    "Inspectors found gaps in {topic} that the force has not yet addressed.",
    "{Topic} varies too much between divisions to give a consistent service.",
    "The force cannot yet show the difference that {topic} makes.",
    "Staff in {place} were unclear about {topic}, so practice varies.",
    "There is scope to make {topic} more consistent and better recorded.",
)
FOLLOW_UPS = (
    "Documents supplied before the visit support this.",
    "Interviews with supervisors told the same story.",
    "Partners interviewed gave similar accounts.",
    "The figures the force supplied bear this out.",
    "This was seen on more than one visit to neighbourhoods.",
    "Members of the police authority raised the same point.",
    "Inspectors tested this with a sample of records.",
    "Elected members and community representatives agreed.",
)
PLACES = (
    "the urban divisions",
    "the rural divisions",
    "the city centre",
    "the northern basic command units",
    "the southern basic command units",
    "the coastal neighbourhoods",
    "the market towns",
    "the eastern division",
    "the western division",
    "most neighbourhoods visited",
)
POINTS = (
    "in {place}, a named officer is responsible for it",
    "in {place}, progress is reported to a monthly meeting",
    "in {place}, partners take part in the reviews",
    "in {place}, results are published for residents",
    "in {place}, staff have had recent training on it",
    "in {place}, records are kept on the force's system",
    "in {place}, the approach has yet to start",
)
LEADS = (
    "Leadership",
    "Consistency",
    "Partnership",
    "Recording",
    "Communication",
    "Resources",
    "Evaluation",
    "Training",
)
# Top-level items per list for a force at each grade rank (1 exceeding, 2 meeting,
# 3 failing); 12 per criterion, so the nine criteria give every force over 100 items.
LIST_SIZES = {1: (6, 3, 3), 2: (5, 3, 4), 3: (3, 3, 6)}

RATIONALE_OPENINGS = {
    1: (
        "Every element of the standard is in place and several go beyond it.",
        "The force goes beyond the standard on most of its elements.",
    ),
    2: (
        "The force meets the standard on each of its elements.",
        "The elements of the standard are in place across the force.",
    ),
    3: (
        "Several elements of the standard are not yet in place.",
        "The force falls short of the standard on key elements.",
    ),
}
RATIONALE_MIDDLES = (
    "The strongest evidence concerns {strong}.",
    "The team was most impressed by {strong}.",
)
RATIONALE_ENDINGS = (
    "The main weakness found was {weak}.",
    "Further work is needed on {weak}.",
)

OVERVIEW_PARTS = {
    "overview": (
        "Demo text: this inspection of {force} ({region} region) was generated to try the "
        "workbench, and its overview, evidence and figures describe no real inspection.",
        "In the demo the force works through {units} basic command units, {teams} "
        "neighbourhood teams and {partnerships} crime and disorder reduction partnerships.",
    ),
    "geography": (
        "The force area mixes {landscape}, with most people living in {settlement}.",
        "Demand peaks in the evenings and at weekends.",
    ),
    "demographics": (
        "The population has grown steadily since the 2001 Census, most of all in {settlement}.",
        "Minority ethnic communities live mainly in the larger towns.",
    ),
    "strategic_priorities": (
        "The policing plan agreed with the police authority puts {priority} first.",
        "It also aims to raise public confidence and protect vulnerable people.",
    ),
    "performance_overview": (
        "Recorded crime fell over the year, and {measure} improved.",
        "The force compares its results with its most similar forces each quarter.",
    ),
    "developments": (
        "Since the last inspection the force has {development}.",
        "A new chief officer portfolio now covers neighbourhoods and citizen focus.",
    ),
}
OVERVIEW_WORDS = {
    "landscape": (
        "busy urban centres and quieter residential areas",
        "town centres and the neighbourhoods around them",
        "older housing estates and newer developments",
        "commercial districts and suburbs",
    ),
    "settlement": ("the main urban centres", "the larger towns", "the busiest districts"),
    "priority": (
        "reducing serious violence",
        "tackling anti-social behaviour",
        "cutting burglary and vehicle crime",
        "improving the service to victims",
    ),
    "measure": (
        "satisfaction of victims",
        "detection of serious crime",
        "confidence in local policing",
    ),
    "development": (
        "restructured its divisions",
        "opened a new contact centre",
        "merged two basic command units",
        "moved to a single crime recording system",
    ),
}
