"""Grading schemes and survey indicators."""

FOUR_POINT = "four-point-2007"
STANDARDS = "standards-2008"

SCHEMES = [
    {
        "code": FOUR_POINT,
        "name": "Four-point scale (2007)",
        "description": (
            "Each area is graded on four levels. Grades reflect performance over the whole "
            "assessment period, judged against the specific grading criteria for the area."
        ),
        "levels": [
            {
                "label": "Excellent",
                "short_label": "Excellent",
                "descriptor": (
                    "Performance of the highest order. The force meets every criterion for "
                    "Good and Excellent, complies fully with codes of practice and national "
                    "guidance, and has introduced and evaluated new ways of working that other "
                    "forces have taken up. Few forces are expected to reach this grade."
                ),
            },
            {
                "label": "Good",
                "short_label": "Good",
                "descriptor": (
                    "Performance above the minimum standard. The force meets every criterion "
                    "for Fair and most of the criteria for Good."
                ),
            },
            {
                "label": "Fair",
                "short_label": "Fair",
                "descriptor": (
                    "An acceptable service that reaches national threshold standards where they "
                    "exist. The force meets all the significant criteria for Fair. Most grades "
                    "are expected to fall here."
                ),
            },
            {
                "label": "Poor",
                "short_label": "Poor",
                "descriptor": (
                    "An unacceptably low service. The force falls well short of a significant "
                    "number of the criteria for Fair; missing one critical criterion can be "
                    "enough on its own."
                ),
            },
        ],
    },
    {
        "code": STANDARDS,
        "name": "National standards (2008)",
        "description": (
            "Forces are judged against the national standard for each area: meeting it, "
            "exceeding it or failing to meet it."
        ),
        "levels": [
            {
                "label": "Exceeding the standard",
                "short_label": "Exceeds",
                "descriptor": (
                    "Everything required to meet the standard is in place and the force goes "
                    "further: at least one survey indicator is significantly better than the "
                    "average of its most similar forces with none moving the wrong way, its "
                    "approach is innovative and recognised nationally, and delivery is robust "
                    "enough to keep the results."
                ),
            },
            {
                "label": "Meeting the standard",
                "short_label": "Meets",
                "descriptor": (
                    "The force shows evidence against every specific grading criterion, and its "
                    "survey indicators are in line with the average of its most similar forces "
                    "or improving on two years earlier."
                ),
            },
            {
                "label": "Failing to meet the standard",
                "short_label": "Fails",
                "descriptor": (
                    "One or more elements of the standard are absent or weak, or survey "
                    "indicators are significantly worse than the most similar forces' average "
                    "with no sign of recovery."
                ),
            },
        ],
    },
]

# Short names for screens; all are percentages of survey respondents.
INDICATORS = [
    {
        "code": "SPI 2a",
        "name": "People rating the job their local police do as good or excellent",
        "survey_source": "bcs",
        "higher_is_better": True,
    },
    {
        "code": "KDI",
        "name": (
            "People who agree that the local police deal with the anti-social behaviour "
            "and crime that matter to them"
        ),
        "survey_source": "bcs",
        "higher_is_better": True,
    },
    {
        "code": "SPI 10b",
        "name": "People who perceive a high level of anti-social behaviour where they live",
        "survey_source": "bcs",
        "higher_is_better": False,
    },
    {
        "code": "SPI 1e",
        "name": "Satisfaction of victims of crime with the overall service provided",
        "survey_source": "user_satisfaction",
        "higher_is_better": True,
    },
    {
        "code": "SPI 3b",
        "name": (
            "Overall satisfaction of minority ethnic users, and its gap to that of white users"
        ),
        "survey_source": "user_satisfaction",
        "higher_is_better": True,
    },
]
