"""E-mails in the app's style: a plain-text and an HTML body rendered from templates/emails/.

``send_templated_email(to=[...], template="cpd/reminder", context={...})`` renders
``emails/cpd/reminder_subject.txt``, ``emails/cpd/reminder.txt`` and ``emails/cpd/reminder.html`` (which extends
``emails/base.html``). The site's address for links comes from the ``SITE_URL`` setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_context(context: dict[str, Any]) -> dict[str, Any]:
    return {"site_url": settings.SITE_URL.rstrip("/"), "service_name": settings.SERVICE_NAME, **context}


def send_templated_email(*, to: Iterable[str], template: str, context: dict[str, Any]) -> int:
    """Send one message to the given addresses; returns the number sent (0 when there is nobody to send to)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    full = email_context(context)
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", full).split())
    text = render_to_string(f"emails/{template}.txt", full)
    html = render_to_string(f"emails/{template}.html", full)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    return message.send()
