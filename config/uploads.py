"""The upload handler that holds every multipart body to WORKBENCH_MAX_UPLOAD_BYTES."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class BodyLimitUploadHandler(FileUploadHandler):
    """Count the file bytes of a request as they arrive and stop once they pass the limit.

    UploadLimitMiddleware refuses a declared Content-Length above the limit before anything is
    read; this handler is the second line for a body whose length was not declared up front
    (a chunked upload passed through by the server), so such a body is never stored whole.
    It goes first in FILE_UPLOAD_HANDLERS and hands every chunk on to the next handler.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.WORKBENCH_MAX_UPLOAD_BYTES
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            # Stop reading at once; the middleware answers with the 413 page.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        # The next handler builds the uploaded file.
        return None


def upload_limit_exceeded(request) -> bool:
    """Whether a BodyLimitUploadHandler stopped this request's body."""
    return any(getattr(handler, "exceeded", False) for handler in request.upload_handlers)
