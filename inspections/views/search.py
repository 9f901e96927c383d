from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from inspections.filters.search import EvidenceFilter
from inspections.selectors.search import evidence_kind_counts, evidence_search_queryset

PAGE_SIZE = 25


@login_required
def evidence_search(request):
    filterset = EvidenceFilter(
        request.GET, queryset=evidence_search_queryset(user=request.user), request=request
    )
    # A choice the user cannot pick (another force's id, a made-up kind) finds nothing.
    results = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    context = {
        "filterset": filterset,
        "page_obj": Paginator(results, PAGE_SIZE).get_page(request.GET.get("page")),
        "counts": evidence_kind_counts(results),
        "words": filterset.form.highlight_words(),
        "filtered": any(value for key, value in request.GET.items() if key != "page"),
    }
    return render(request, "inspections/evidence_search.html", context)
