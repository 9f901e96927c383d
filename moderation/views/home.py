"""The home page: the signed-in person's inbox, then the inspections they may see."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from config.page_cache import viewer_cached
from inspections.selectors.inspections import inspections_with_progress
from inspections.services.practice import liaison_force
from moderation.inbox import inbox_for
from moderation.inbox.count import inbox_count_remember


@login_required
@viewer_cached
def home(request):
    # A force liaison is on no team: their inspections are their force's released drafts
    # (inspections_with_progress scopes them), and the page offers them developing practice.
    inbox = inbox_for(user=request.user)
    # The service navigation shows the same count: it reads this rather than asking again.
    request.inbox = inbox
    inbox_count_remember(user=request.user, count=inbox.count)
    context = {
        "inbox": inbox,
        "inspections": inspections_with_progress(user=request.user),
        "liaison_force": liaison_force(user=request.user),
    }
    return render(request, "moderation/home.html", context)
