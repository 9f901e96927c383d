"""Inspection areas and their specific grading criteria.

Criterion headings are printed exactly as the programme's reports print them. Statement
templates use graded slots, strongest option first: {name: strongest / middle / weakest}.
2007 areas have no criterion level in their reports: each holds one implicit criterion.
"""

from grading.reference.schemes import FOUR_POINT, STANDARDS

_MSF = "significantly better than / not significantly different from / significantly worse than"
_TREND = "have significantly improved / are unchanged / have significantly deteriorated"

NEIGHBOURHOOD_POLICING_2008 = {
    "code": "np",
    "version": "2008",
    "name": "Neighbourhood Policing",
    "scheme": STANDARDS,
    "indicators": ["SPI 2a", "KDI", "SPI 10b"],
    "introduction": (
        "Neighbourhood teams that are visible, known and trusted, working with partners "
        "and residents on the problems that local people say matter most."
    ),
    "criteria": [
        {
            "heading": (
                "Neighbourhood Policing has been implemented to a consistent standard across "
                "the force."
            ),
            "guidance": "Judged through staffing, community engagement and joint problem solving.",
            "children": [
                {
                    "heading": "Neighbourhoods are appropriately staffed.",
                    "template": (
                        "In {coverage: all / most / some} of its BCUs the force puts "
                        "neighbourhood staff with the right skills where and when local demand "
                        "needs them."
                    ),
                    "guidance": (
                        "Named contacts, dedicated teams, abstraction rates, vacancy "
                        "management, training and supervision ratios."
                    ),
                },
                {
                    "heading": (
                        "Effective community engagement is taking place. Representative "
                        "communities are being routinely consulted and are identifying and "
                        "receiving feedback on local priorities."
                    ),
                    "template": (
                        "Residents in {coverage: all / most / some} neighbourhoods take an "
                        "active part in setting local priorities with their police and partners."
                    ),
                    "guidance": (
                        "Range and reach of engagement methods, how representative the people "
                        "consulted are, and whether they hear back on what was done."
                    ),
                },
                {
                    "heading": (
                        "Joint problem solving is established and included within performance "
                        "regimes."
                    ),
                    "template": (
                        "Police, partners and residents tackle problems together in "
                        "{coverage: all / most / some} neighbourhoods. The results are "
                        "{evaluation: routinely / partly / seldom} evaluated and show "
                        "{resolution: strong / moderate / limited} resolution of local problems."
                    ),
                    "guidance": (
                        "Problem-solving method and training, partner involvement, recording "
                        "and evaluation, and whether outcomes feature in performance reviews."
                    ),
                },
            ],
        },
        {
            "heading": (
                "The outcomes of Neighbourhood policing are being realised by the surveyed public."
            ),
            "indicators": ["SPI 2a", "KDI", "SPI 10b"],
            "template": (
                "Survey results put the force {msf: " + _MSF + "} the average of its most "
                "similar forces. Compared with two years earlier, results {trend: " + _TREND + "}."
            ),
            "guidance": "Follows the indicator calls for SPI 2a, KDI and SPI 10b.",
        },
        {
            "heading": (
                "Force-level and local satisfaction/confidence measures are used to inform "
                "service delivery."
            ),
            "template": (
                "The force {understanding: fully / partially / barely} understands what its "
                "communities need, and it {improvement: often / sometimes / rarely} turns the "
                "improvements it identifies into changes to local services."
            ),
            "guidance": "Use of surveys, complaints and feedback to change how services are given.",
        },
        {
            "heading": "The force demonstrates sustainable plans for Neighbourhood Policing.",
            "template": (
                "The force and its police authority have {assurance: convincingly / partly / "
                "not yet} shown how Neighbourhood Policing will be funded, staffed and kept "
                "going in the years ahead."
            ),
            "guidance": "Funding, governance, partnership commitments and succession of staff.",
        },
    ],
}

CITIZEN_FOCUS_2008 = {
    "code": "dcfp",
    "version": "2008",
    "name": "Developing Citizen Focus Policing",
    "scheme": STANDARDS,
    "indicators": ["SPI 1e", "SPI 3b"],
    "introduction": (
        "Understanding what the people who use police services need and expect, and shaping "
        "every contact around it."
    ),
    "criteria": [
        {
            "heading": (
                "A citizen-focused ethos is embedded across the force, establishing an initial "
                "baseline."
            ),
            "template": (
                "The force {understanding: fully / partially / barely} understands what its "
                "communities need and {improvement: often / sometimes / rarely} acts on the "
                "service improvements it identifies. It explains the national service "
                "commitments, the victims' code and its own access standards to the public "
                "{communication: fully / partially / to a limited extent}."
            ),
            "guidance": (
                "Seeking users' views and acting on them, handling quality-of-service "
                "complaints, monitoring compliance with national commitments."
            ),
        },
        {
            "heading": (
                "The force has integrated Citizen Focus and operational activity, such as "
                "contact management, response, Neighbourhood Policing and investigation "
                "through the criminal justice process."
            ),
            "template": (
                "Service standards for every contact with the public are {standards: in place "
                "across the force / in place in parts of the force / not yet in place}, and "
                "satisfaction and confidence are {integration: fully / partly / not yet} built "
                "into force and BCU performance management."
            ),
            "guidance": (
                "Standards for contact, response and investigation; satisfaction and locally "
                "set priorities in performance processes."
            ),
        },
        {
            "heading": (
                "The force can demonstrate that the relevant SPIs remain stable as a minimum."
            ),
            "indicators": ["SPI 1e", "SPI 3b"],
            "template": (
                "User satisfaction is {msf: " + _MSF + "} the average of the most similar "
                "forces. Over two years, satisfaction levels {trend: " + _TREND + "}, and "
                "those of users from minority ethnic groups {minority_trend: " + _TREND + "}."
            ),
            "guidance": (
                "Follows the calls for SPI 1e and SPI 3b; where a gap between white and "
                "minority ethnic users exists, the force shows what it does to narrow it."
            ),
        },
    ],
}


def _area_2007(
    code: str, name: str, introduction: str, group: str = "", graded: bool = True
) -> dict:
    return {
        "code": code,
        "version": "2007",
        "name": name,
        "group": group,
        "graded": graded,
        "scheme": FOUR_POINT,
        "introduction": introduction,
        "criteria": [{"heading": name, "implicit": True}],
    }


_PVP = "Protecting vulnerable people"

FRAMEWORKS = [
    NEIGHBOURHOOD_POLICING_2008,
    CITIZEN_FOCUS_2008,
    _area_2007(
        "np",
        "Neighbourhood Policing",
        "Dedicated, accessible neighbourhood teams that identify and act on local concerns.",
    ),
    _area_2007(
        "performance-management",
        "Performance Management",
        "How the force uses performance information to improve the service the public gets.",
    ),
    _area_2007(
        "pvp-overview",
        "Overview",
        "What the force does across all four areas of protecting vulnerable people; not graded.",
        _PVP,
        graded=False,
    ),
    _area_2007(
        "pvp-child-abuse",
        "Child Abuse",
        "Investigating abuse of children and working with partners to protect them.",
        _PVP,
    ),
    _area_2007(
        "pvp-domestic-violence",
        "Domestic Violence",
        "Protecting victims of domestic violence and bringing offenders to justice.",
        _PVP,
    ),
    _area_2007(
        "pvp-public-protection",
        "Public Protection",
        "Managing the risk posed by dangerous and sexual offenders living in the community.",
        _PVP,
    ),
    _area_2007(
        "pvp-missing-persons",
        "Missing Persons",
        "Finding people reported missing and reducing the risk they face.",
        _PVP,
    ),
]
