"""Evidence for the demo force Wealdshire, by framework code and criterion number.

Neighbourhood Policing is here; Citizen Focus is in content_wealdshire_dcfp.
"""

from inspections.demo.content import Evidence, Item
from inspections.demo.content_wealdshire_dcfp import DCFP
from inspections.models import EvidenceSource as Source

NP = {
    "1.1": Evidence(
        strengths=[
            Item(
                "Thirty-six neighbourhood teams cover the county, each aligned to one or more "
                "electoral wards and led by a dedicated sergeant. Boundaries were agreed with "
                "the district and borough councils in 2006 and adjusted in 2007 after two rural "
                "parishes asked to be grouped with their nearest market town.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Every neighbourhood has a named constable and PCSO whose photographs, mobile "
                "numbers and e-mail addresses appear on the force website and on cards "
                "delivered to each household. All eight named contacts telephoned by the "
                "inspection team answered or returned the call within a working day.",
                Source.REALITY_TESTING,
                lead="Named and contactable.",
            ),
            Item(
                "A resource allocation model sets the size of each team, weighing calls for "
                "service, recorded crime, deprivation scores and household numbers. Divisional "
                "commanders review its output every quarter and may move posts between teams "
                "with the agreement of the head of neighbourhood policing.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Abstraction of neighbourhood staff is measured and low. The duty management "
                "system records every hour spent away from the neighbourhood; in 2007/08 "
                "constables spent 87% and PCSOs 93% of their duty time on neighbourhood work.",
                Source.DATA,
                lead="Abstraction.",
                points=(
                    "a month above 10% abstraction for any team is reported to the divisional "
                    "commander;",
                    "cover for large events is drawn first from response teams and special "
                    "constables; and",
                    "each division publishes its abstraction rate to its neighbourhood panels.",
                ),
            ),
            Item(
                "Neighbourhood posts are sought after. Turnover among neighbourhood constables "
                "fell from 21% in 2006/07 to 12% in 2007/08, and officers in focus groups "
                "described the role as a career choice rather than a stepping stone.",
                Source.FOCUS_GROUP,
            ),
        ],
        work_in_progress=[
            Item(
                "Shift patterns are being revised so that more PCSOs work between 4pm and "
                "midnight, when calls about youth nuisance peak in the coastal towns. The new "
                "rota is due to start in October 2008.",
                Source.INTERVIEW,
            ),
            Item(
                "A competency framework for neighbourhood sergeants is being drafted and is "
                "expected to be used at promotion boards from January 2009.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
    ),
    "1.2": Evidence(
        strengths=[
            Item(
                "Teams choose from a published menu of engagement methods to suit each "
                "neighbourhood. Methods seen in use during fieldwork included:",
                Source.DOCUMENT_REVIEW,
                lead="A menu of engagement methods.",
                points=(
                    "Saturday-morning street surgeries outside supermarkets;",
                    "visits by a mobile police office to villages with no police station;",
                    "online priority surveys linked from each neighbourhood web page; and",
                    "regular attendance by the named contact at parish councils and "
                    "residents' associations.",
                ),
            ),
            Item(
                "Priorities are set at open neighbourhood panels held at least every eight "
                "weeks. A resident or councillor, not a police officer, chairs each panel, and "
                "the three agreed priorities are published online within ten days.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Each panel opens with a 'you said, we did' report on the previous priorities, "
                "and the same report appears on the website and in parish magazines. Reports "
                "for all six neighbourhoods checked by the team were current.",
                Source.REALITY_TESTING,
                lead="Feedback to residents.",
            ),
            Item(
                "Teams have mapped the community groups in their areas, including Traveller "
                "sites, Nepalese families near the Castlegate garrison and seasonal farm "
                "workers around Oakhurst, and hold separate meetings with groups who do not "
                "attend panels.",
                Source.INTERVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "An independent audit of panel attendance has been commissioned to show how "
                "far attendees reflect the age and ethnic profile of each neighbourhood. "
                "Results are expected in November 2008.",
                Source.INTERVIEW,
            ),
            Item(
                "Voting on priorities by text message has been piloted in Pelham Bay and is "
                "due to extend across the force by spring 2009.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "Young people are under-represented at panels in most neighbourhoods. The "
                "force should build on the school-based work in Castlegate division so that "
                "young people's concerns shape priorities in every division.",
                Source.DATA,
            ),
        ],
    ),
    "1.3": Evidence(
        strengths=[
            Item(
                "Problem solving follows the SARA model. Every neighbourhood priority is logged "
                "on a shared database that council community safety officers can also use, and "
                "sergeants review open problems each week.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Each CDRP runs a fortnightly joint action group at which police, council, "
                "housing and fire service managers take on tasks against neighbourhood "
                "priorities. At the Ashdean meeting observed, a housing association agreed to "
                "light and gate an alleyway linked to a run of burglaries.",
                Source.INTERVIEW,
                lead="Joint tasking.",
            ),
            Item(
                "A problem is closed only when the neighbourhood panel agrees it has been "
                "resolved, and the force's evaluation unit checks a sample of closed problems "
                "each quarter.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Police and partners share offices in three of the four divisions. In "
                "Castlegate the neighbourhood teams work alongside the council's anti-social "
                "behaviour unit and the youth offending team.",
                Source.REALITY_TESTING,
            ),
            Item(
                "Problem-solving training is given to police and partner staff together; 214 "
                "council and housing employees attended joint sessions in 2007/08.",
                Source.DATA,
            ),
        ],
        work_in_progress=[
            Item(
                "The problem-solving database is being linked to the performance system so "
                "that outcomes can be reported alongside crime and satisfaction figures. "
                "Testing is due to finish in September 2008.",
                Source.INTERVIEW,
            ),
        ],
        improvements=[
            Item(
                "Evaluation concentrates on whether agreed tasks were completed rather than on "
                "whether the problem reduced. The force should agree with its partners a "
                "proportionate way of measuring the effect of interventions.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
    ),
    "2": Evidence(
        strengths=[
            Item(
                "SPI 2a for the year ending March 2008 is significantly better than the MSF "
                "average, and the KDI has improved significantly since 2005/06.",
                Source.DATA,
            ),
            Item(
                "Divisional commanders receive British Crime Survey results each quarter, "
                "broken down by division through the force's own additional sample, and "
                "discuss them with neighbourhood inspectors at performance reviews.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Concern about anti-social behaviour has fallen in Pelham Bay and Shingle Coast "
                "since the force and councils ran a summer campaign against street drinking "
                "in 2007.",
                Source.DATA,
            ),
        ],
        work_in_progress=[
            Item(
                "The household survey is being extended so that confidence can be reported "
                "for each neighbourhood team from April 2009.",
                Source.INTERVIEW,
            ),
        ],
    ),
    "3": Evidence(
        strengths=[
            Item(
                "Besides the statutory user survey, the force each quarter surveys 1,800 "
                "victims of crime and 900 people who reported anti-social behaviour, and "
                "publishes the results to staff in divisional scorecards.",
                Source.DATA,
            ),
            Item(
                "Survey findings have led to specific changes, for example:",
                Source.DOCUMENT_REVIEW,
                lead="Acting on results.",
                points=(
                    "a call back to everyone reporting anti-social behaviour within 48 hours, "
                    "after callers said they did not know what had been done;",
                    "Thursday evening opening of the Kingsmere and Pelham Bay front counters; and",
                    "a plain-English letter for victims naming the investigating officer.",
                ),
            ),
            Item(
                "The police authority's community engagement committee examines survey results "
                "at each meeting and has questioned divisions whose results fell below the "
                "force average.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "Volunteers from the citizens' panel are acting as mystery shoppers to test "
                "the non-emergency number. The first results are being analysed.",
                Source.INTERVIEW,
            ),
            Item(
                "A single confidence measure combining survey data with complaints and "
                "compliments is being developed for chief officer meetings from 2009/10.",
                Source.DOCUMENT_REVIEW,
            ),
        ],
        improvements=[
            Item(
                "Survey results reach divisions, but team leaders seldom see results for their "
                "own neighbourhoods. The force should give them neighbourhood-level figures "
                "wherever sample sizes allow.",
                Source.FOCUS_GROUP,
            ),
        ],
    ),
    "4": Evidence(
        strengths=[
            Item(
                "The medium-term financial plan funds every neighbourhood post, including 298 "
                "PCSOs, to March 2011, and the police authority has undertaken to meet any "
                "shortfall should central funding be reduced.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Neighbourhood policing is written into the local area agreements of both "
                "upper-tier councils, with shared targets for anti-social behaviour and public "
                "confidence.",
                Source.DOCUMENT_REVIEW,
            ),
            Item(
                "Each division keeps a list of officers ready to fill neighbourhood vacancies, "
                "and the force's 30-day target for filling a post was met throughout 2007/08.",
                Source.DATA,
                lead="Succession.",
            ),
            Item(
                "Chief officers describe neighbourhood policing as the foundation of the "
                "operating model rather than a project, a view echoed by staff at every level.",
                Source.INTERVIEW,
            ),
        ],
        work_in_progress=[
            Item(
                "Talks with two district councils on sharing the cost of PCSOs beyond 2010 "
                "are well advanced.",
                Source.INTERVIEW,
            ),
        ],
    ),
}

EVIDENCE = {"np": NP, "dcfp": DCFP}
