"""The evidence search page's filters.

Choices for force, programme, area, criterion and author come from the user's own
inspections, so a stranger's id fails validation like any unknown id.
"""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.text import Truncator

from inspections.models import EvidenceKind, EvidenceSource
from inspections.selectors import search as search_selectors

QUERY_LIMIT = 200
SEARCH_CONFIG = "english"


def search_words(query: str) -> tuple[list[str], list[str]]:
    """The words a query asks for and those it rules out ("-word"), in web-search syntax.

    Quotes are dropped and "or" is ignored: the plain fallback needs every wanted word.
    """
    wanted, unwanted = [], []
    for token in query.split():
        word = token.strip('"')
        words = unwanted if word.startswith("-") else wanted
        word = word.lstrip("-").strip('"')
        if word and word.lower() != "or":
            words.append(word)
    return wanted, unwanted


class EvidenceSearchForm(forms.Form):
    """Shortens an over-long query rather than refusing it, and says so."""

    query_shortened = False

    def clean_q(self) -> str:
        query = self.cleaned_data.get("q") or ""
        if len(query) > QUERY_LIMIT:
            self.query_shortened = True
            query = query[:QUERY_LIMIT].strip()
        return query

    def highlight_words(self) -> list[str]:
        if not self.is_valid():
            return []
        wanted, _unwanted = search_words(self.cleaned_data.get("q") or "")
        return wanted


class LabelledModelChoiceField(django_filters.fields.ModelChoiceField):
    def __init__(self, *args, label_from=str, **kwargs):
        self.label_from = label_from
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return self.label_from(obj)


class LabelledModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = LabelledModelChoiceField


def _criterion_label(criterion) -> str:
    heading = Truncator(criterion.heading).chars(70)
    return f"{criterion.framework} – {criterion.number} {heading}"


def _author_label(user) -> str:
    return user.get_full_name() or user.get_username()


def _for_user(selector):
    """Adapt a user-scoped selector to django-filter's callable querysets, which get the request."""
    return lambda request: selector(user=request.user)


class EvidenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words",
        method="filter_words",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text='Every word must appear. Put -word to leave a word out, "quotes" for a phrase.',
    )
    force = django_filters.ModelChoiceFilter(
        label="Force",
        field_name="criterion_assessment__area__inspection__force",
        queryset=_for_user(search_selectors.search_forces_for_user),
        empty_label="Any force",
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme",
        field_name="criterion_assessment__area__inspection__programme",
        queryset=_for_user(search_selectors.search_programmes_for_user),
        empty_label="Any programme",
    )
    area = django_filters.ModelChoiceFilter(
        label="Inspection area",
        field_name="criterion_assessment__area__framework",
        queryset=_for_user(search_selectors.search_frameworks_for_user),
        empty_label="Any area",
    )
    criterion = LabelledModelChoiceFilter(
        label="Criterion",
        field_name="criterion_assessment__criterion",
        queryset=_for_user(search_selectors.search_criteria_for_user),
        label_from=_criterion_label,
        empty_label="Any criterion",
    )
    kind = django_filters.ChoiceFilter(
        label="List", choices=EvidenceKind.choices, empty_label="Any list"
    )
    source = django_filters.ChoiceFilter(choices=EvidenceSource.choices, empty_label="Any source")
    author = LabelledModelChoiceFilter(
        queryset=_for_user(search_selectors.search_authors_for_user),
        label_from=_author_label,
        empty_label="Anyone",
    )

    class Meta:
        form = EvidenceSearchForm
        fields = ["q", "force", "programme", "area", "criterion", "kind", "source", "author"]

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        if connections[queryset.db].vendor == "postgresql":
            return _full_text(queryset, value)
        # SQLite and the like: every wanted word appears in the lead or the text, no unwanted one.
        wanted, unwanted = search_words(value)
        for word in wanted:
            queryset = queryset.filter(_mentions(word))
        for word in unwanted:
            queryset = queryset.exclude(_mentions(word))
        return queryset


def _mentions(word: str) -> Q:
    return Q(text__icontains=word) | Q(lead__icontains=word)


def _full_text(queryset: QuerySet, value: str) -> QuerySet:
    """PostgreSQL full-text search: stemmed English words, web-search syntax, best first."""
    vector = SearchVector("lead", "text", config=SEARCH_CONFIG)
    query = SearchQuery(value, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.alias(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", *queryset.query.order_by)
    )
