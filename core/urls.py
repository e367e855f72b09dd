from __future__ import annotations

from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("mfa-required/", views.mfa_required, name="mfa_required"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += [path("exports/<slug:export_id>/", views.export_download, name="export_download")]
