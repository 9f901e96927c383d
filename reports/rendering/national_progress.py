"""What a national report prints about the recommendations of earlier programmes: for each,
how many addressees were asked, how many answered with each status, and how many have not.

Counts only, never a response's account: that stays between the addressee and the
inspectorate. Four queries whatever the number of programmes, recommendations and responses.
"""

from django.db.models import Count

from forces.models import Force
from inspections.models import Programme, Recommendation, RecommendationResponse, ResponseStatus


def _counts(ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    rows = (
        RecommendationResponse.objects.filter(recommendation__in=ids)
        .values("recommendation_id", "status")
        .annotate(n=Count("pk"))
        .values_list("recommendation_id", "status", "n")
    )
    for pk, status, n in rows:
        counts.setdefault(pk, {})[status] = n
    return counts


def _bodies(ids: list[int]) -> dict[int, int]:
    through = Recommendation.bodies.through
    rows = (
        through.objects.filter(recommendation_id__in=ids)
        .values("recommendation_id")
        .annotate(n=Count("pk"))
        .values_list("recommendation_id", "n")
    )
    return dict(rows)


def earlier_progress_data(*, programme: Programme) -> list[dict]:
    """Per earlier programme (latest first) its recommendations, each with the addressees
    asked, the count per status (in ResponseStatus order) and how many are still awaited."""
    rows = list(
        Recommendation.objects.filter(programme__year__lt=programme.year)
        .order_by("-programme__year", "number")
        .values("pk", "number", "text", "to_all_forces", "programme__year")
    )
    if not rows:
        return []
    ids = [row["pk"] for row in rows]
    counts, bodies = _counts(ids), _bodies(ids)
    forces = Force.objects.territorial().count()
    programmes: dict[int, dict] = {}
    for row in rows:
        found = counts.get(row["pk"], {})
        asked = (forces if row["to_all_forces"] else 0) + bodies.get(row["pk"], 0)
        answered = [found.get(value, 0) for value in ResponseStatus.values]
        year = row["programme__year"]
        programmes.setdefault(year, {"year": year, "recommendations": []})
        programmes[year]["recommendations"].append(
            {
                "number": row["number"],
                "text": row["text"],
                "asked": asked,
                "statuses": answered,
                "awaiting": max(asked - sum(answered), 0),
            }
        )
    return list(programmes.values())


STATUS_LABELS = [label for _, label in ResponseStatus.choices]
