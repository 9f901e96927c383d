"""The spi_assess batch format: JSON in, calls, headlines and sentences out, no database.

Input: {"parameters": {"deft_bcs", "deft_user", "confidence"} (all optional),
"areas": [{"id", "area": "neighbourhood-policing" | "citizen-focus", "indicators": [...]}]}.
Missing sample sizes take the survey defaults: 1,000 for British Crime Survey indicators,
600 (one command unit) for SPI 1e, 100 for SPI 3b's minority ethnic sample; the previous
year's sample defaults to this year's, and the MSF sample to seven times the force's.
"""

from grading import outcome_wording, significance
from grading.reference.schemes import INDICATORS

KNOWN = {row["code"]: row for row in INDICATORS}
DEFAULT_SAMPLE = {"bcs": 1000, "user_satisfaction": 600}
MINORITY_SAMPLE = 100
MSF_MULTIPLIER = 7
DEFAULT_PARAMETERS = {"deft_bcs": 1.3, "deft_user": 1.0, "confidence": 0.95}
NUMBER_FIELDS = ("value", "previous_value", "msf_difference", "change", "gap", "msf_value")
SAMPLE_FIELDS = ("sample_size", "previous_sample_size", "msf_sample_size")


class BatchError(ValueError):
    """Invalid input; the message names the field."""


def _number(value, where: str, *, low=None, high=None, positive=False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BatchError(f"{where}: must be a number")
    if positive and value <= 0:
        raise BatchError(f"{where}: must be greater than 0")
    if low is not None and not low <= value <= high:
        raise BatchError(f"{where}: must be between {low} and {high}")
    return float(value)


def _parameters(raw) -> dict[str, float]:
    if raw is None:
        return dict(DEFAULT_PARAMETERS)
    if not isinstance(raw, dict):
        raise BatchError("parameters: must be an object")
    unknown = sorted(set(raw) - set(DEFAULT_PARAMETERS))
    if unknown:
        raise BatchError(f"parameters.{unknown[0]}: unknown parameter")
    params = dict(DEFAULT_PARAMETERS)
    for name, value in raw.items():
        if name == "confidence":
            params[name] = _number(value, f"parameters.{name}", low=0.5, high=0.999)
        else:
            params[name] = _number(value, f"parameters.{name}", positive=True)
    return params


def _indicator(raw, where: str, params: dict) -> significance.IndicatorData:
    if not isinstance(raw, dict):
        raise BatchError(f"{where}: must be an object")
    code = raw.get("code")
    if code not in KNOWN:
        raise BatchError(f"{where}.code: must be one of {', '.join(KNOWN)}")
    unknown = sorted(set(raw) - {"code", *NUMBER_FIELDS, *SAMPLE_FIELDS})
    if unknown:
        raise BatchError(f"{where}.{unknown[0]}: unknown field")
    if "value" not in raw:
        raise BatchError(f"{where}.value: is required")
    values = {}
    for name in NUMBER_FIELDS:
        if raw.get(name) is not None:
            percentage = name in ("value", "previous_value", "msf_value")
            bounds = {"low": 0, "high": 100} if percentage else {"low": -100, "high": 100}
            values[name] = _number(raw[name], f"{where}.{name}", **bounds)
    for name in SAMPLE_FIELDS:
        if raw.get(name) is not None:
            values[name] = _number(raw[name], f"{where}.{name}", positive=True)
    source = KNOWN[code]["survey_source"]
    default = MINORITY_SAMPLE if code == significance.MINORITY_INDICATOR else DEFAULT_SAMPLE[source]
    sample = values.pop("sample_size", default)
    has_msf = "msf_value" in values or "msf_difference" in values
    return significance.IndicatorData(
        code=code,
        sample_size=sample,
        deft=params["deft_bcs"] if source == "bcs" else params["deft_user"],
        higher_is_better=KNOWN[code]["higher_is_better"],
        previous_sample_size=values.pop("previous_sample_size", sample),
        msf_sample_size=values.pop("msf_sample_size", MSF_MULTIPLIER * sample) if has_msf else None,
        **values,
    )


def _call_json(call: significance.IndicatorCall) -> dict:
    return {
        "code": call.code,
        "vs_msf": str(call.vs_msf) if call.vs_msf else None,
        "vs_previous": str(call.vs_previous) if call.vs_previous else None,
        "z_msf": round(call.msf.z, 4) if call.msf else None,
        "z_previous": round(call.previous.z, 4) if call.previous else None,
    }


def _area(raw, where: str, params: dict) -> dict:
    if not isinstance(raw, dict):
        raise BatchError(f"{where}: must be an object")
    if not isinstance(raw.get("id"), str) or not raw["id"]:
        raise BatchError(f"{where}.id: must be a non-empty string")
    if raw.get("area") not in significance.HEADLINE_INDICATORS:
        allowed = " or ".join(significance.HEADLINE_INDICATORS)
        raise BatchError(f"{where}.area: must be {allowed}")
    indicators = raw.get("indicators")
    if not isinstance(indicators, list) or not indicators:
        raise BatchError(f"{where}.indicators: must be a non-empty list")
    z_crit = significance.critical_z(params["confidence"])
    calls = [
        significance.assess_indicator(
            _indicator(item, f"{where}.indicators[{i}]", params), z_crit=z_crit
        )
        for i, item in enumerate(indicators)
    ]
    head = significance.headline(raw["area"], calls)
    return {
        "id": raw["id"],
        "indicators": [_call_json(call) for call in calls],
        "headline": {
            "vs_msf": str(head.vs_msf) if head.vs_msf else None,
            "vs_previous": str(head.vs_previous) if head.vs_previous else None,
            "minority_vs_previous": (
                str(head.minority_vs_previous) if head.minority_vs_previous else None
            ),
            "gap_pp": head.gap_pp,
        },
        "statements": outcome_wording.headline_sentences(head),
        "grade_guidance": significance.grade_guidance(head).text,
    }


def assess(document) -> dict:
    """Assess every area of an input document; raises BatchError naming the bad field."""
    if not isinstance(document, dict):
        raise BatchError("input: must be a JSON object")
    params = _parameters(document.get("parameters"))
    areas = document.get("areas")
    if not isinstance(areas, list):
        raise BatchError("areas: must be a list")
    return {"areas": [_area(area, f"areas[{i}]", params) for i, area in enumerate(areas)]}
