"""Input rules shared by the inspection forms."""

import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from inspections.exceptions import WorkflowRefused

# What a browser reads as the start of a tag: "<" directly before a letter, "/", "!" or "?".
# No closing ">" is needed: `x <img src=x onerror=alert(1) y` is a tag to a browser that
# finds a ">" later on the page. "a < b", "<5%" and "2 <3" stay plain text.
TAG_START = re.compile(r"<[a-zA-Z/!?]")
EVIDENCE_TEXT_LIMIT = 5000
LEAD_LIMIT = 200
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Extension -> (content type served back, signatures the file must start with).
ALLOWED_ATTACHMENTS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "txt": ("text/plain", ()),
    "csv": ("text/csv", ()),
}


def validate_plain_text(value: str) -> None:
    """Evidence is plain text: mark-up would print literally in the report, and scripts
    have no place in it. Reject anything that starts an HTML tag, closed or not; text is
    still escaped wherever it is shown."""
    if TAG_START.search(value or ""):
        raise ValidationError(
            "Write plain text: HTML tags such as <b> or <script> are not allowed. A “<” "
            "directly before a letter, “/”, “!” or “?” starts a tag; for “less than”, put a "
            "space after it (a < b).",
            code="markup",
        )


def attachment_type(upload) -> str:
    """Return the content type to store for an upload, or raise with a reason to show."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_ATTACHMENTS:
        allowed = ", ".join(sorted(ALLOWED_ATTACHMENTS))
        raise ValidationError(f"Files of this type cannot be attached. Allowed types: {allowed}.")
    if upload.size > ATTACHMENT_SIZE_LIMIT:
        raise ValidationError(
            f"The file is {filesizeformat(upload.size)}; attachments may be at most "
            f"{filesizeformat(ATTACHMENT_SIZE_LIMIT)}."
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    content_type, signatures = ALLOWED_ATTACHMENTS[extension]
    head = upload.read(16)
    upload.seek(0)
    if signatures and not head.startswith(signatures):
        raise ValidationError(f"The file's contents do not match its .{extension} extension.")
    if not signatures and b"\x00" in head:
        raise ValidationError(f"A .{extension} file must be text.")
    return content_type


# Reasons, rationales, comments and answers written in the workflow.
REASON_TEXT_LIMIT = 5000


def checked_text(value: str, what: str, required: bool) -> str:
    """The text stripped; WorkflowRefused when it is missing, too long or has mark-up."""
    value = (value or "").strip()
    if required and not value:
        raise WorkflowRefused(f"Write {what}.")
    if len(value) > REASON_TEXT_LIMIT:
        raise WorkflowRefused(f"Keep {what} under {REASON_TEXT_LIMIT:,} characters.")
    try:
        validate_plain_text(value)
    except ValidationError as exc:
        raise WorkflowRefused(" ".join(exc.messages)) from exc
    return value
