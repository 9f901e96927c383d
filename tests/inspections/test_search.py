import pytest
from django.db import connection
from django.urls import reverse
from django.utils.safestring import mark_safe

from inspections.models import (
    AssessmentStatus,
    CriterionAssessment,
    EvidenceKind,
    EvidenceSource,
    InspectionStatus,
    Programme,
)
from inspections.services import inspection_create
from inspections.templatetags.evidence_search_tags import highlight
from tests.conftest import require_service
from tests.factories import EvidenceItemFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("inspections:evidence_search")


def _assessments(inspection) -> list[CriterionAssessment]:
    return list(
        CriterionAssessment.objects.filter(area__inspection=inspection)
        .select_related("area__framework", "criterion")
        .order_by("area__order", "pk")
    )


def _item(inspection, author, assessment=None, **fields):
    assessment = assessment or _assessments(inspection)[0]
    return EvidenceItemFactory(criterion_assessment=assessment, author=author, **fields)


def _search(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _found(response) -> list:
    return list(response.context["page_obj"].object_list)


@pytest.fixture
def evidence(inspection_a, inspection_b, alice, bob):
    return {
        "a": _item(inspection_a, alice, text="Ward panels meet monthly in every town."),
        "b": _item(inspection_b, bob, text="Ward panels have lapsed in rural areas."),
    }


# Access


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_inspector_finds_their_forces_evidence_and_never_another_forces(client, alice, evidence):
    response = _search(client, alice, q="ward panels")
    assert _found(response) == [evidence["a"]]
    assert "lapsed" not in response.content.decode()


def test_force_dropdown_lists_only_forces_the_inspector_can_see(client, alice, evidence, force_a):
    response = _search(client, alice)
    assert list(response.context["filterset"].form.fields["force"].queryset) == [force_a]
    assert "Force B" not in response.content.decode()


def test_filtering_by_another_forces_id_finds_nothing_without_an_error(
    client, alice, evidence, force_b
):
    response = _search(client, alice, force=force_b.pk)
    assert _found(response) == []
    assert response.context["counts"]["total"] == 0
    assert "Force B" not in response.content.decode()


def test_moderator_finds_evidence_of_every_force(client, panel, evidence):
    response = _search(client, panel, q="ward panels")
    assert set(_found(response)) == {evidence["a"], evidence["b"]}


def test_liaison_finds_nothing_before_the_draft_is_released(client, liaison, evidence):
    response = _search(client, liaison)
    assert _found(response) == []
    assert list(response.context["filterset"].form.fields["force"].queryset) == []
    assert "no evidence for you to search yet" in response.content.decode()


def test_liaison_finds_their_forces_evidence_once_released(client, liaison, evidence, inspection_a):
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    # The liaison sees the areas released to the force, not those still in drafting.
    assert _found(_search(client, liaison)) == []
    inspection_a.areas.update(status=AssessmentStatus.RELEASED)
    assert _found(_search(client, liaison)) == [evidence["a"]]


# Filters


def test_kind_filter_narrows_to_one_list(client, alice, inspection_a):
    strength = _item(inspection_a, alice, kind=EvidenceKind.STRENGTH)
    _item(inspection_a, alice, kind=EvidenceKind.AREA_FOR_IMPROVEMENT)
    assert _found(_search(client, alice, kind=EvidenceKind.STRENGTH)) == [strength]


def test_source_filter_narrows_to_one_source(client, alice, inspection_a):
    _item(inspection_a, alice, source=EvidenceSource.INTERVIEW)
    tested = _item(inspection_a, alice, source=EvidenceSource.REALITY_TESTING)
    assert _found(_search(client, alice, source=EvidenceSource.REALITY_TESTING)) == [tested]


def test_author_filter_narrows_to_one_author(client, alice, hmi, inspection_a):
    _item(inspection_a, alice)
    by_hmi = _item(inspection_a, hmi)
    response = _search(client, alice, author=hmi.pk)
    assert _found(response) == [by_hmi]


def test_author_dropdown_lists_only_authors_of_visible_evidence(client, alice, bob, evidence):
    response = _search(client, alice)
    assert list(response.context["filterset"].form.fields["author"].queryset) == [alice]


def test_area_and_criterion_filters_narrow_to_their_evidence(client, alice, inspection_a):
    assessments = _assessments(inspection_a)
    first, same_area, other_area = (
        assessments[0],
        assessments[1],
        next(a for a in assessments if a.area_id != assessments[0].area_id),
    )
    in_first = _item(inspection_a, alice, assessment=first)
    in_same_area = _item(inspection_a, alice, assessment=same_area)
    _item(inspection_a, alice, assessment=other_area)

    by_area = _search(client, alice, area=first.area.framework_id)
    assert set(_found(by_area)) == {in_first, in_same_area}
    by_criterion = _search(client, alice, criterion=first.criterion_id)
    assert _found(by_criterion) == [in_first]


def test_programme_filter_narrows_to_one_programme(
    client, alice, force_a, inspection_a, programme_2008
):
    programme_2007 = Programme.objects.get(year=2007)
    inspection_2007 = inspection_create(force=force_a, programme=programme_2007, inspectors=[alice])
    _item(inspection_a, alice)
    earlier = _item(inspection_2007, alice)
    assert _found(_search(client, alice, programme=programme_2007.pk)) == [earlier]
    assert earlier not in _found(_search(client, alice, programme=programme_2008.pk))


def test_words_match_the_lead_as_well_as_the_text(client, alice, inspection_a):
    led = _item(inspection_a, alice, lead="Custody review", text="Cells were inspected weekly.")
    _item(inspection_a, alice, text="Nothing on that subject here.")
    assert _found(_search(client, alice, q="custody")) == [led]


def test_every_word_of_a_query_must_match(client, alice, inspection_a):
    both = _item(inspection_a, alice, text="Volunteers staff the front counter on Saturdays.")
    _item(inspection_a, alice, text="Volunteers patrol the canal towpath.")
    _item(inspection_a, alice, text="The front counter closes at noon.")
    assert _found(_search(client, alice, q="volunteers counter")) == [both]


def test_words_are_highlighted_and_the_text_stays_escaped(client, alice, inspection_a):
    _item(inspection_a, alice, text="<script>alert(1)</script> joint tasking with partners")
    html = _search(client, alice, q="tasking").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>tasking</mark>" in html


def test_highlight_escapes_text_even_when_marked_safe():
    assert highlight(mark_safe("<b>beat</b> team"), ["beat"]) == (
        "&lt;b&gt;<mark>beat</mark>&lt;/b&gt; team"
    )


# Results and counts


def test_counts_per_kind_follow_the_current_filters(client, alice, inspection_a):
    for kind, how_many in [
        (EvidenceKind.STRENGTH, 3),
        (EvidenceKind.WORK_IN_PROGRESS, 2),
        (EvidenceKind.AREA_FOR_IMPROVEMENT, 1),
    ]:
        for _ in range(how_many):
            _item(inspection_a, alice, kind=kind, text="Shift patterns were reviewed.")
    _item(inspection_a, alice, kind=EvidenceKind.STRENGTH, text="Unrelated finding.")

    counts = _search(client, alice, q="shift").context["counts"]
    assert counts == {
        "total": 6,
        EvidenceKind.STRENGTH: 3,
        EvidenceKind.WORK_IN_PROGRESS: 2,
        EvidenceKind.AREA_FOR_IMPROVEMENT: 1,
    }


def test_sub_points_are_found_and_marked(client, alice, inspection_a):
    parent = _item(inspection_a, alice, lead="Training", text="Officers were trained.")
    sub_point = _item(
        inspection_a,
        alice,
        assessment=parent.criterion_assessment,
        parent=parent,
        text="Refresher courses on hate crime followed.",
    )
    response = _search(client, alice, q="refresher")
    assert _found(response) == [sub_point]
    assert "Sub-point" in response.content.decode()


def test_long_text_is_cut_short_with_a_link_to_the_full_item(client, alice, inspection_a):
    words = [f"word{n}" for n in range(100)]
    item = _item(inspection_a, alice, text=" ".join(words))
    html = _search(client, alice).content.decode()
    assert "word59" in html
    assert "word60" not in html
    assert item.get_absolute_url() in html
    assert "Read in full" in html


# Pagination and bad input


@pytest.fixture
def thirty_strengths(inspection_a, alice):
    return [_item(inspection_a, alice, text="Patrol plans were shared.") for _ in range(30)]


def test_results_come_25_to_a_page_and_links_keep_the_filters(client, alice, thirty_strengths):
    first = _search(client, alice, kind=EvidenceKind.STRENGTH)
    assert len(_found(first)) == 25
    assert "?kind=strength&amp;page=2" in first.content.decode()
    second = _search(client, alice, kind=EvidenceKind.STRENGTH, page=2)
    assert len(_found(second)) == 5
    assert set(_found(first)).isdisjoint(_found(second))


@pytest.mark.parametrize(
    ("page", "expected"), [("abc", 1), ("", 1), ("2.5", 1), ("99", 2), ("0", 2), ("-1", 2)]
)
def test_bad_page_numbers_show_a_page_instead_of_an_error(
    client, alice, thirty_strengths, page, expected
):
    response = _search(client, alice, page=page)
    assert response.context["page_obj"].number == expected


@pytest.mark.parametrize(
    "params",
    [
        {"force": "999999"},
        {"force": "abc"},
        {"criterion": "1; drop table"},
        {"kind": "rumour"},
        {"author": "-3"},
        {"q": "nul\x00byte"},
    ],
)
def test_unusable_filter_values_find_nothing_without_an_error(client, alice, evidence, params):
    response = _search(client, alice, **params)
    assert _found(response) == []
    assert "cannot be used here" in response.content.decode()


def test_an_overlong_query_is_shortened_with_a_message(client, alice, evidence):
    response = _search(client, alice, q="ward " + "x" * 500)
    form = response.context["filterset"].form
    assert len(form.cleaned_data["q"]) == 200
    assert "first 200 characters" in response.content.decode()


def test_the_page_is_constant_query_as_evidence_grows(
    client, django_assert_max_num_queries, alice, inspection_a
):
    client.force_login(alice)
    assessments = _assessments(inspection_a)
    authors = [alice, *(UserFactory() for _ in range(3))]

    def add(count):
        for n in range(count):
            item = _item(
                inspection_a,
                authors[n % len(authors)],
                assessment=assessments[n % len(assessments)],
                kind=EvidenceKind.values[n % 3],
                text=f"Finding number {n} about neighbourhood work.",
            )
            if n % 4 == 0:
                _item(
                    inspection_a,
                    alice,
                    assessment=item.criterion_assessment,
                    kind=item.kind,
                    parent=item,
                    text="A supporting sub-point.",
                )

    add(5)
    with django_assert_max_num_queries(12):
        client.get(URL, {"q": "finding"})
    add(55)
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "finding"})
    assert response.context["counts"]["total"] == 60


# PostgreSQL full-text search


@pytest.fixture
def postgresql():
    require_service(connection.vendor == "postgresql", "full-text search needs PostgreSQL")


@pytest.mark.services
def test_full_text_search_matches_other_forms_of_a_word(client, alice, inspection_a, postgresql):
    plural = _item(inspection_a, alice, text="Strong partnerships with housing providers.")
    _item(inspection_a, alice, text="Partners were not consulted.")
    assert _found(_search(client, alice, q="partnership")) == [plural]


@pytest.mark.services
def test_full_text_search_understands_phrases_and_exclusions(
    client, alice, inspection_a, postgresql
):
    phrase = _item(inspection_a, alice, text="Crime mapping is shared with parish councils.")
    _item(inspection_a, alice, text="Parish meetings discuss crime, but no mapping is shared.")
    assert _found(_search(client, alice, q='"crime mapping"')) == [phrase]
    assert phrase not in _found(_search(client, alice, q="crime -councils"))


@pytest.mark.services
def test_full_text_results_come_best_match_first(client, alice, inspection_a, postgresql):
    passing = _item(inspection_a, alice, text="Speeding is one item among many on the agenda.")
    focused = _item(
        inspection_a, alice, lead="Speeding", text="Speeding checks near schools cut speeding."
    )
    assert _found(_search(client, alice, q="speeding")) == [focused, passing]


def test_selected_filters_are_listed_with_a_link_that_removes_each(
    client, alice, evidence, force_a
):
    html = _search(client, alice, force=force_a.pk, kind="strength", page=1).content.decode()
    assert "Selected filters" in html
    assert "Remove this filter:</span> Strength" in html
    assert f'href="?force={force_a.pk}"' in html  # removing the list keeps the force
    assert 'href="?kind=strength"' in html


def test_a_refused_filter_value_is_not_listed_as_selected(client, alice, evidence, force_b):
    html = _search(client, alice, force=force_b.pk).content.decode()
    assert "Selected filters" not in html
