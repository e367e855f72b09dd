from __future__ import annotations

from django.urls import path

from core import views, views_privacy
from core.audit.urls import urlpatterns as audit_urlpatterns

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("mfa-required/", views.mfa_required, name="mfa_required"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += [path("exports/<slug:export_id>/", views.export_download, name="export_download")]

# Data protection: subject access exports and retention policies (core/views_privacy.py).
urlpatterns += [
    path("privacy/workers/<int:pk>/subject-access/", views_privacy.subject_access, name="subject_access"),
    path(
        "privacy/workers/<int:pk>/subject-access.<str:fmt>",
        views_privacy.subject_access_download,
        name="subject_access_download",
    ),
    path("privacy/retention/", views_privacy.retention_policy, name="retention_policy"),
]

# The administrator's audit pages (core/audit/).
urlpatterns += audit_urlpatterns
