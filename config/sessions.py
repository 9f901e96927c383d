"""Sessions that end after SESSION_COOKIE_AGE seconds without a request (SESSION_ENGINE).

Django's database sessions end SESSION_COOKIE_AGE after they were last saved; saving on every
request (SESSION_SAVE_EVERY_REQUEST) would write a row for each page and each two-second status
poll. This store saves a session again only when its end is more than a few minutes closer
than a full SESSION_COOKIE_AGE away, so an idle session ends between SESSION_COOKIE_AGE minus
that margin and SESSION_COOKIE_AGE after the last request, at one write per few minutes.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils import timezone


def refresh_margin() -> timedelta:
    """How far behind a full day a session may fall before a request saves it again."""
    return timedelta(seconds=min(300, settings.SESSION_COOKIE_AGE // 10))


def _due(expire_date) -> bool:
    full = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return full - expire_date > refresh_margin()


class SessionStore(db.SessionStore):
    def load(self):
        session = self._get_session_from_db()
        if session is None:
            return {}
        if _due(session.expire_date):
            # SessionMiddleware saves a modified session, with a fresh end and a fresh cookie.
            self.modified = True
        return self.decode(session.session_data)

    async def aload(self):
        session = await self._aget_session_from_db()
        if session is None:
            return {}
        if _due(session.expire_date):
            self.modified = True
        return self.decode(session.session_data)
