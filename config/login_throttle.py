"""Login throttling with django-axes: the client address it counts, the lockout page."""

from axes.helpers import get_client_username, get_failure_limit
from django.conf import settings
from django.shortcuts import render


def client_ip_address(request) -> str:
    """REMOTE_ADDR, or behind WORKBENCH_TRUSTED_PROXIES proxies the address the outermost one
    saw: each proxy appends its peer to X-Forwarded-For, so the client is that many entries
    from the right, and anything further left was written by the client and is not trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.WORKBENCH_TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return hops[-proxies]


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (AXES_LOCKOUT_CALLABLE): what happened and what to do."""
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
    }
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
