from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from inspections.exceptions import AssessmentLocked
from inspections.forms.evidence import AttachmentForm
from inspections.selectors.inspections import attachment_get_for_user, evidence_item_get_for_user
from inspections.services.attachments import attachment_add as add_service
from inspections.services.attachments import attachment_delete as delete_service
from inspections.views.access import require_team


@login_required
@require_POST
def attachment_add(request, pk):
    item = evidence_item_get_for_user(user=request.user, pk=pk)
    require_team(request.user, item.criterion_assessment.area.inspection)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, f"Not attached: {error}")
        return redirect("inspections:evidence_edit", pk=item.pk)
    try:
        add_service(
            item=item,
            user=request.user,
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
        )
    except AssessmentLocked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "File attached.")
    return redirect("inspections:evidence_edit", pk=item.pk)


@login_required
def attachment_download(request, pk):
    attachment = attachment_get_for_user(user=request.user, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = attachment_get_for_user(user=request.user, pk=pk)
    item = attachment.item
    require_team(request.user, item.criterion_assessment.area.inspection)
    try:
        delete_service(attachment=attachment, user=request.user)
    except AssessmentLocked as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Attachment removed.")
    return redirect("inspections:evidence_edit", pk=item.pk)
