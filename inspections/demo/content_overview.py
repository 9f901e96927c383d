"""Force overviews and developing practice for the demo forces."""

from dataclasses import dataclass

OVERVIEW = {
    "wealdshire": {
        "overview": (
            "Wealdshire Constabulary polices a county of almost 1.2 million people south of "
            "London through four divisions: Kingsmere, Coastal, Weald and Castlegate. The "
            "divisions hold 36 neighbourhood policing teams of 41 sergeants, 262 constables "
            "and 298 PCSOs, supported by 410 special constables. The force works with seven "
            "crime and disorder reduction partnerships (CDRPs)."
        ),
        "geography": (
            "Wealdshire runs from commuter towns on the edge of London, through the wooded "
            "High Weald, to a coast of resorts and small harbours. Kingsmere, the county town, "
            "and the unitary town of Castlegate hold half the population; most of the rest "
            "live in market towns and villages.\n\n"
            "Two motorways and the main line to London cross the county, and the port at "
            "Pelham Bay handles freight and ferry passengers. The port brings seasonal demand "
            "and a risk that organised crime will use the county as a through route. Pockets "
            "of deprivation in Castlegate and the coastal towns sit beside some of the most "
            "affluent wards in the South East."
        ),
        "demographics": (
            "The population grew by 6% between 2001 and 2006, faster than the regional "
            "average, most of it in Castlegate and Kingsmere. At the 2001 Census 95.8% of "
            "residents described themselves as white; the largest minority ethnic communities "
            "are of Indian and Pakistani heritage and live mainly in Castlegate. Since 2004 "
            "many workers from central and eastern Europe have settled around Oakhurst for "
            "farm and food-processing work, and a Nepalese community has grown around the "
            "Castlegate garrison. Unemployment is below 2% of the working-age population."
        ),
        "strategic_priorities": (
            "The policing plan for 2008/09, agreed with the police authority, aims to keep "
            "Wealdshire safe and raise public confidence. Its priorities are to:\n"
            "- reduce serious violence and serious acquisitive crime;\n"
            "- deal with the anti-social behaviour that communities name as their priorities;\n"
            "- improve how well victims are kept informed;\n"
            "- protect vulnerable people from harm; and\n"
            "- disrupt organised crime using the port and the road network."
        ),
        "performance_overview": (
            "Recorded crime fell by 7% in 2007/08, the fourth successive annual fall. The "
            "force met its public service agreement target for reducing crime in six of its "
            "seven CDRP areas, and the sanction detection rate rose to 29%. Victim "
            "satisfaction and public confidence are among the highest in its group of most "
            "similar forces."
        ),
        "developments": (
            "Since the 2007 inspection the force has moved its control room to a single site "
            "at Kingsmere, opened a joint police and council centre in Castlegate and launched "
            "the Service First programme. A new chief constable took up post in January 2008 "
            "and has confirmed neighbourhood policing and the quality of service as the two "
            "foundations of the force's plans."
        ),
    },
    "northmoor": {
        "overview": (
            "Northmoor Police serves some 743,000 people through three basic command units "
            "(BCUs): Brackwater, Dale and Moor, and Eastholme. Twenty-four neighbourhood "
            "policing teams of 19 sergeants, 112 constables and 174 PCSOs cover the force "
            "area, which contains five CDRPs."
        ),
        "geography": (
            "The force area stretches from the North Sea coast west to the high moorland of "
            "the dales. Brackwater, a former shipbuilding and engineering town on the estuary, "
            "is the largest settlement and the busiest BCU.\n\n"
            "Dale and Moor covers more than three quarters of the force area but holds fewer "
            "than a quarter of its people, spread among market towns, farms and hamlets; snow "
            "can cut villages off for days in winter. Eastholme BCU takes in the coastal towns "
            "of Eastholme and Whitcliffe, with large post-war estates, holiday parks and a "
            "fishing harbour."
        ),
        "demographics": (
            "The population has changed little since 2001 and is older than the national "
            "average, especially in the dales. At the 2001 Census 97.9% of residents "
            "described themselves as white. Brackwater has a long-established Bangladeshi "
            "community and, since 2004, a growing number of residents from Poland and "
            "Lithuania; the university campus opened there in 2005 now has 6,000 students. "
            "Unemployment is above the regional average in Brackwater and Eastholme, where "
            "four wards rank among the most deprived 5% in England."
        ),
        "strategic_priorities": (
            "The policing plan for 2008/09 commits the force to:\n"
            "- reduce violence linked to the night-time economy in Brackwater;\n"
            "- reduce burglary and vehicle crime;\n"
            "- tackle drug supply in the coastal towns;\n"
            "- improve the satisfaction of victims of crime; and\n"
            "- increase public confidence in the police."
        ),
        "performance_overview": (
            "Recorded crime fell by 4% in 2007/08, less than the average fall among the "
            "force's most similar forces. Violence against the person fell by 9%, but "
            "burglary rose by 6% in Eastholme. The sanction detection rate was 26%. Victim "
            "satisfaction fell for the second year running, and the force now ranks improving "
            "it among its highest priorities."
        ),
        "developments": (
            "Since the 2007 inspection the force has reduced its BCUs from four to three, "
            "merging two rural areas into Dale and Moor, and has brought its control rooms "
            "together at Brackwater. A deputy chief constable with responsibility for the "
            "quality of service joined in March 2008. The force and police authority have "
            "agreed a three-year budget that protects neighbourhood posts while saving "
            "£4.2 million from support services."
        ),
    },
}


@dataclass(frozen=True)
class Practice:
    framework: str
    title: str
    problem: str
    solution: str
    evaluation: str
    external_validation: str
    outcomes: str
    contact: str
    submitted_by: str
    selected_for_publication: bool = False


PRACTICE = {
    "wealdshire": [
        Practice(
            framework="np",
            title="Priority cards: residents setting and closing neighbourhood priorities",
            problem=(
                "Neighbourhood panels were attended by a small, familiar group of residents, "
                "and the priorities they chose reflected that group's concerns more than those "
                "of the wider neighbourhood. Residents also said they rarely heard whether a "
                "priority had been dealt with."
            ),
            solution=(
                "Twice a year each neighbourhood team delivers a pre-paid priority card to "
                "every household; the same card is available online and in shops and "
                "libraries. Residents name up to three local problems. The team collates the "
                "returns for the panel, which chooses the priorities, and the next newsletter "
                "reports progress on each. A priority is closed only after the residents who "
                "raised it have been asked whether things have improved."
            ),
            evaluation=(
                "The force's evaluation unit compared 12 pilot neighbourhoods with 12 similar "
                "neighbourhoods that kept to panels alone over nine months, analysing "
                "responses by age, postcode and ethnicity to test whether more residents were "
                "being heard."
            ),
            external_validation=(
                "The evaluation method was reviewed by the criminology department of a local "
                "university, which intends to publish the findings."
            ),
            outcomes=(
                "Pilot neighbourhoods returned 6,400 cards, against 310 people attending "
                "panels in the same period. People under 35 made up 8% of panel attendees but "
                "27% of card returns. Agreement that the police deal with the issues that "
                "matter rose by 7 percentage points in the pilot areas and by 2 points in the "
                "comparison areas."
            ),
            contact=(
                "Inspector Dawn Pryce, Neighbourhood Policing Unit, Wealdshire Constabulary "
                "Headquarters, Kingsmere, tel. 01632 960118"
            ),
            submitted_by="liaison",
            selected_for_publication=True,
        ),
        Practice(
            framework="dcfp",
            title="Calling back everyone who reports anti-social behaviour within 48 hours",
            problem=(
                "Surveys showed that people reporting anti-social behaviour were 14 points "
                "less satisfied than victims of crime, chiefly because they did not know "
                "whether anything had been done."
            ),
            solution=(
                "Every report of anti-social behaviour now creates a call-back task for the "
                "named neighbourhood contact. Within 48 hours the caller hears what has been "
                "done or is planned and is given a direct number. Control room supervisors "
                "check completion daily and refer overdue tasks to the duty inspector."
            ),
            evaluation=(
                "Satisfaction has been tracked monthly since the scheme began in October 2007, "
                "using the force's quarterly survey of 900 callers."
            ),
            external_validation=(
                "None yet; the police authority will include the scheme in its 2009 review of "
                "confidence measures."
            ),
            outcomes=(
                "Caller satisfaction rose from 68% to 77% in six months, and the proportion "
                "who felt kept informed doubled. Repeat calls about the same incident fell by "
                "a fifth, freeing control room time."
            ),
            contact=(
                "Chief Inspector Mark Ellison, Contact Management, Wealdshire Constabulary, "
                "Kingsmere, tel. 01632 960245"
            ),
            submitted_by="liaison",
        ),
    ],
    "northmoor": [
        Practice(
            framework="np",
            title="Farm Watch text alerts in the upland dales",
            problem=(
                "Thefts of quad bikes, fuel and livestock from isolated farms rose by a third "
                "in 2006. Farmers seldom reported minor thefts or came to meetings, so the "
                "police had little intelligence and little contact with a community that felt "
                "overlooked."
            ),
            solution=(
                "The Dale and Moor teams set up Farm Watch with the farmers' union and the "
                "auction marts. Members register their machinery, receive text alerts about "
                "thefts and suspicious vehicles in their dale, and can text back sightings. "
                "PCSOs visit each member farm once a year to mark equipment."
            ),
            evaluation=(
                "The BCU analyst compared rural thefts and intelligence submissions for the 12 "
                "months before and after launch."
            ),
            external_validation=(
                "Commended by the regional rural crime network; the farmers' union now "
                "promotes the scheme to members in neighbouring counties."
            ),
            outcomes=(
                "Membership reached 740 farms in the first year. Thefts of farm machinery fell "
                "by 29% and rural intelligence reports more than doubled. Information from "
                "members helped identify and prosecute two groups stealing quad bikes."
            ),
            contact="Sergeant Tom Ashworth, Helmsby Police Station, Northmoor, tel. 01632 960377",
            # The demo has no Northmoor liaison account, so the team's inspector recorded the
            # force's submission.
            submitted_by="bob",
            selected_for_publication=True,
        ),
    ],
}
