"""Celery tasks of the moderation app.

moderation.send_notification sends one e-mail the workflow has already worded; the request
that made the change enqueues it after commit (see `moderation.notifications`), so a slow or
absent mail server never holds up or breaks a request. It retries only errors raised before
the server has accepted anything (the connection refused), so a retry never sends a message
twice; any other failure is logged by the worker and the message dropped, as a mail failure
never undoes the change it reports.
"""

from smtplib import SMTPConnectError

from celery import shared_task
from django.core.mail import send_mail

MAX_RETRIES = 3


@shared_task(
    name="moderation.send_notification",
    ignore_result=True,
    autoretry_for=(SMTPConnectError, ConnectionRefusedError),
    max_retries=MAX_RETRIES,
    retry_backoff=10,
    retry_backoff_max=300,
    retry_jitter=True,
)
def send_notification(subject: str, body: str, recipients: list[str]) -> None:
    """Send one notification from DEFAULT_FROM_EMAIL. Takes plain text and addresses, never
    model instances: the message says what was true when the change was committed."""
    send_mail(subject, body, None, recipients)
