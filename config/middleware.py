"""Site-wide response rules: browser features, private caching, and the upload ceiling."""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from config.page_cache import data_changed
from config.uploads import upload_limit_exceeded
from moderation.inbox.count import inbox_count_forget

# No page of the workbench uses any of these browser features; saying so stops an injected
# script or a compromised dependency from asking for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivatePagesMiddleware:
    """Every answer to a signed-in user is kept out of shared and browser caches.

    Pages and downloads carry unpublished grades and evidence; a proxy or the browser's disk
    cache must not keep them for the next person at the machine. Static files never get here
    (WhiteNoise answers them first), and a view that chose its own Cache-Control keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if "Cache-Control" not in response and user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


def _declared_length(request) -> int:
    # Django reads no more than Content-Length bytes of a body, and none without one.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def upload_too_large(request, *, size: int | None):
    context = {"limit": settings.WORKBENCH_MAX_UPLOAD_BYTES, "size": size}
    return render(request, "413.html", context, status=413)


class UploadLimitMiddleware:
    """Refuse a request body over WORKBENCH_MAX_UPLOAD_BYTES before it is received.

    A declared Content-Length over the limit is answered at once, without reading a byte.
    A multipart body is then parsed here, through BodyLimitUploadHandler, before CSRF's check
    or a view can start reading it, so a body that grows past the limit is refused too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = _declared_length(request)
        if size > settings.WORKBENCH_MAX_UPLOAD_BYTES:
            return upload_too_large(request, size=size)
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.POST  # noqa: B018 - parsing is the point: the handlers see the body now
            if upload_limit_exceeded(request):
                return upload_too_large(request, size=None)
        return self.get_response(request)


class InboxCountMiddleware:
    """A change a person makes (any POST) may settle one of their tasks, so the navigation
    forgets their remembered task count until their inbox is next worked out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method == "POST" and user is not None and user.is_authenticated:
            inbox_count_forget(user=user)
        return response


class ChangeRequestsMiddleware:
    """A request that may change data (POST, PUT, PATCH, DELETE) moves the page cache's data
    generation on when it is answered, whether or not it saved a record through the ORM's
    signals (a queryset's update() sends none)."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in self.SAFE_METHODS:
            data_changed()
        return response
