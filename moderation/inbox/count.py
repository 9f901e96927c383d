"""The task count the service navigation shows on every page.

Working it out costs the inbox's queries; so the home page, which works it out anyway,
remembers it for the other pages for a while, and any change the person makes (a POST,
config.middleware.InboxCountMiddleware) forgets it until they next see their inbox. The cache
is shared by every process when REDIS_URL is set (config/settings.py).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

COUNT_SECONDS = 300


def _count_key(user: AbstractBaseUser) -> str:
    return f"inbox-count:{user.pk}"


def inbox_count_remember(*, user: AbstractBaseUser, count: int) -> None:
    cache.set(_count_key(user), count, COUNT_SECONDS)


def inbox_count_remembered(*, user: AbstractBaseUser) -> int | None:
    """The count the home page last worked out for `user`, or None (no query either way)."""
    return cache.get(_count_key(user))


def inbox_count_forget(*, user: AbstractBaseUser) -> None:
    cache.delete(_count_key(user))
