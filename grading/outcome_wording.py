"""Sentences that carry indicator calls, from editable templates with placeholders.

An inspectorate sets its own house phrasing per programme; these defaults are the product's.
Placeholders (in braces) a template may use are listed in PLACEHOLDERS; a template naming any
other is refused when it is saved.
"""

import string

from grading.significance import IndicatorCall, MsfCall

DEFAULT_WORDING = {
    "headline_msf": (
        "Taken together, the survey indicators put the force's performance {msf_call} "
        "when set against the average of its most similar forces."
    ),
    "headline_previous": (
        "Set against the same surveys two years earlier, the force's performance is "
        "{previous_call}."
    ),
    "indicator_msf": (
        "{code}: {value}% in the {period}, {msf_call} when set against the most similar "
        "forces' average ({msf_difference} points)."
    ),
    "indicator_previous": (
        "{code}: {value}% in the {period} against {previous_value}% in the {previous_period}, "
        "which is {previous_call}."
    ),
    "minority_previous": (
        "Satisfaction among users from minority ethnic groups is {minority_call} on two years "
        "earlier."
    ),
    "gap": (
        "Users from minority ethnic groups are {gap} percentage points less satisfied with the "
        "overall service than white users."
    ),
    "no_gap": (
        "Users from minority ethnic groups are at least as satisfied with the overall service "
        "as white users."
    ),
}

PLACEHOLDERS = {
    "headline_msf": {"msf_call", "force"},
    "headline_previous": {"previous_call", "force"},
    "indicator_msf": {"code", "name", "value", "period", "msf_call", "msf_difference", "force"},
    "indicator_previous": {
        "code",
        "name",
        "value",
        "period",
        "previous_value",
        "previous_period",
        "previous_call",
        "change",
        "force",
    },
    "minority_previous": {"minority_call", "value", "previous_value", "force"},
    "gap": {"gap", "force"},
    "no_gap": {"gap", "force"},
}


def unknown_placeholders(key: str, template: str) -> list[str]:
    """Placeholders the template names that this kind of sentence cannot fill."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return sorted(names - PLACEHOLDERS[key])


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def sentence(key: str, wording: dict[str, str] | None = None, **values) -> str:
    template = (wording or {}).get(key) or DEFAULT_WORDING[key]
    return string.Formatter().vformat(template, (), _Missing(values))


def _number(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def headline_sentences(
    headline, *, wording: dict[str, str] | None = None, force: str = "the force"
) -> list[str]:
    """The sentences ready to use as the outcome criterion's summary statement, in order."""
    out = []
    if headline.vs_msf is not None:
        out.append(sentence("headline_msf", wording, msf_call=headline.vs_msf, force=force))
    if headline.vs_previous is not None:
        out.append(
            sentence("headline_previous", wording, previous_call=headline.vs_previous, force=force)
        )
    if headline.minority_vs_previous is not None:
        out.append(
            sentence(
                "minority_previous",
                wording,
                minority_call=headline.minority_vs_previous,
                force=force,
            )
        )
    if headline.gap_pp is not None:
        key = "gap" if headline.gap_pp > 0 else "no_gap"
        out.append(sentence(key, wording, gap=_number(abs(headline.gap_pp)), force=force))
    return out


def indicator_sentences(
    call: IndicatorCall,
    *,
    name: str = "",
    period: str = "latest year",
    previous_period: str = "year two years earlier",
    wording: dict[str, str] | None = None,
    force: str = "the force",
) -> list[str]:
    data, out = call.data, []
    common = {
        "code": data.code,
        "name": name,
        "value": _number(data.value),
        "period": period,
        "force": force,
    }
    if call.vs_msf is not None:
        difference = call.msf.difference if call.msf else None
        out.append(
            sentence(
                "indicator_msf",
                wording,
                msf_call=call.vs_msf,
                msf_difference=_number(difference, signed=True),
                **common,
            )
        )
    if call.vs_previous is not None:
        out.append(
            sentence(
                "indicator_previous",
                wording,
                previous_value=_number(data.previous_value),
                previous_period=previous_period,
                previous_call=call.vs_previous,
                change=_number(call.previous.difference, signed=True),
                **common,
            )
        )
    return out


__all__ = ["MsfCall", "headline_sentences", "indicator_sentences", "sentence"]
