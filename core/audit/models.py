"""Audit rows that simple-history does not keep: sign-ins and downloads. Imported by core.models."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SignInEvent(models.Model):
    """A sign-in, a failed sign-in, or a sign-out, with the address it came from."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Signed in"
        FAILURE = "failure", "Failed sign-in"
        SIGNED_OUT = "signed_out", "Signed out"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.CharField("e-mail given", max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=30, blank=True, help_text="password, passkey, single sign-on…")

    class Meta:
        app_label = "core"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["email", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.email} {self.at:%Y-%m-%d %H:%M}"


class DownloadLog(models.Model):
    """A file someone downloaded: an export, a report, a PDF, an attachment, a subject access export."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    authority_code = models.CharField(max_length=30, blank=True)
    path = models.CharField(max_length=500)
    query = models.CharField("scope and filters", max_length=1000, blank=True)
    filename = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    rows = models.PositiveIntegerField(null=True, blank=True, help_text="Data rows, for spreadsheets.")

    class Meta:
        app_label = "core"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} {self.at:%Y-%m-%d %H:%M}"
