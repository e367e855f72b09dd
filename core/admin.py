from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from core.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("full_name",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        """An administrator vouches for the address of an account they create, so it is marked verified."""
        super().save_model(request, obj, form, change)
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


def _unregister_social_apps() -> None:
    """Single sign-on is configured from the environment only (ADR 20): an app added in the admin as well would make
    allauth find two and fail, so the admin does not offer it.
    """
    from allauth.socialaccount.models import SocialApp

    if admin.site.is_registered(SocialApp):
        admin.site.unregister(SocialApp)


_unregister_social_apps()
