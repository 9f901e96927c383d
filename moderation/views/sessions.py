"""The chair opens a panel's sessions and closes them once their agenda is settled."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from moderation.forms import SessionOpenForm
from moderation.selectors import panels_for_user, session_get_for_user
from moderation.services.sessions import panel_session_close, panel_session_open
from moderation.views.areas import attempt, form_data

NOT_SAVED = " Nothing was saved."


@login_required
@require_POST
def session_open(request, pk):
    panel = get_object_or_404(panels_for_user(user=request.user), pk=pk)
    form = SessionOpenForm(request.POST)
    opened = []

    def open_session():
        data = form_data(form, suffix=NOT_SAVED)
        opened.append(panel_session_open(panel=panel, user=request.user, **data))

    attempt(request, open_session, "Session opened: add the waiting areas to its agenda.")
    if opened:
        return redirect("moderation:session_detail", pk=opened[0].pk)
    return redirect(f"{reverse('moderation:panel_list')}#panel-{panel.pk}-card")


@login_required
@require_POST
def session_close(request, pk):
    session = session_get_for_user(user=request.user, pk=pk)
    attempt(
        request,
        lambda: panel_session_close(session=session, user=request.user),
        "Session closed: it takes no more agenda items, decisions or dissents.",
    )
    return redirect("moderation:session_detail", pk=session.pk)
