"""Attachments to evidence items: stored privately, removed with their file."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from inspections.models import EvidenceAttachment, EvidenceItem
from inspections.services.locks import criterion_assessment_lock


@transaction.atomic
def attachment_add(
    *, item: EvidenceItem, user: AbstractBaseUser, upload, content_type: str
) -> EvidenceAttachment:
    """Store an upload (already checked for type and size) against an evidence item."""
    criterion_assessment_lock(item.criterion_assessment_id)
    attachment = EvidenceAttachment(
        item=item,
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    # If the row cannot be written, the stored file must not outlive the attempt.
    try:
        attachment._history_user = user
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: EvidenceAttachment, user: AbstractBaseUser) -> None:
    """Delete the row now and the file once the deletion has committed."""
    criterion_assessment_lock(attachment.item.criterion_assessment_id)
    storage, name = attachment.file.storage, attachment.file.name
    attachment._history_user = user
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
