"""Input rules shared by the inspection forms."""

import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
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
    have no place in it. Reject anything that looks like an HTML tag."""
    if TAG.search(value or ""):
        raise ValidationError(
            "Write plain text: HTML tags such as <b> or <script> are not allowed.",
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
