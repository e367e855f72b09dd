"""Top-level URLs. Each app's pages live under its own prefix."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from core.admin_site import restrict_admin_to_administrators

restrict_admin_to_administrators(admin.site)

urlpatterns = [
    path("", include("core.urls")),
    path("", include("workforce.urls")),
    path("", include("cpd.urls")),
    path("", include("careers.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.error_400"
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
