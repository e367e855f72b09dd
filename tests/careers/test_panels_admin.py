"""Progression panels (administrators): names, members chosen among the panel member role's holders, out of use."""

from __future__ import annotations

import pytest
from django.urls import reverse

from careers.models import Panel
from tests.careers.factories import PanelFactory
from tests.conftest import Cast
from tests.workforce.factories import UserFactory
from workforce.codes import UserRole
from workforce.services.accounts import role_assign

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_panel_with_members(cast: Cast, client_for) -> None:
    client = client_for(cast.administrator)
    form = client.get(reverse("careers:panel_create")).context["form"]
    assert list(form.fields["members"].queryset) == [cast.panel_member]
    response = client.post(
        reverse("careers:panel_create"), {"name": "  Senior practitioner panel ", "members": [cast.panel_member.pk]}
    )
    assert response.status_code == 302
    panel = Panel.objects.get(authority=cast.authority)
    assert panel.name == "Senior practitioner panel"
    assert list(panel.members.all()) == [cast.panel_member]
    assert panel.created_by == cast.administrator
    page = client.get(reverse("careers:panel_admin_list")).content.decode()
    assert "Senior practitioner panel" in page
    assert "Pat Panel" in page


def test_only_holders_of_the_panel_member_role_can_be_chosen(cast: Cast, client_for) -> None:
    response = client_for(cast.administrator).post(
        reverse("careers:panel_create"), {"name": "Panel", "members": [cast.team_manager.pk]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose members from the list" in page
    assert 'id="id_members-error"' in page
    assert not Panel.objects.exists()


def test_a_team_manager_given_the_panel_member_role_can_sit_on_a_panel(cast: Cast, client_for) -> None:
    role_assign(user=cast.team_manager, authority=cast.authority, role=UserRole.PANEL_MEMBER)
    client_for(cast.administrator).post(
        reverse("careers:panel_create"), {"name": "Panel", "members": [cast.team_manager.pk, cast.panel_member.pk]}
    )
    assert set(Panel.objects.get().members.all()) == {cast.team_manager, cast.panel_member}


def test_errors_are_shown_beside_the_fields(cast: Cast, client_for) -> None:
    PanelFactory(authority=cast.authority, name="Panel A")
    response = client_for(cast.administrator).post(reverse("careers:panel_create"), {"name": "panel a"})
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "The authority already has a panel called “panel a”." in page
    assert 'id="id_name-error"' in page
    response = client_for(cast.administrator).post(reverse("careers:panel_create"), {"name": " "})
    assert "Enter the name of the panel" in response.content.decode()


def test_an_administrator_changes_the_members_and_takes_a_panel_out_of_use(cast: Cast, client_for) -> None:
    panel = PanelFactory(authority=cast.authority, name="Panel A", members=[cast.panel_member])
    client = client_for(cast.administrator)
    url = reverse("careers:panel_edit", args=[panel.pk])
    assert client.get(url).context["form"]["in_use"].value() is True
    assert client.post(url, {"name": "Panel B", "members": []}).status_code == 302
    panel.refresh_from_db()
    assert (panel.name, panel.members.count()) == ("Panel B", 0)
    assert panel.disabled_on is not None
    client.post(url, {"name": "Panel B", "members": [cast.panel_member.pk], "in_use": "on"})
    panel.refresh_from_db()
    assert panel.disabled_on is None
    assert list(panel.members.all()) == [cast.panel_member]


def test_a_member_who_lost_the_role_stays_until_taken_off(cast: Cast, client_for) -> None:
    former = UserFactory(full_name="Fay Former")
    panel = PanelFactory(authority=cast.authority, name="Panel A", members=[former])
    client = client_for(cast.administrator)
    url = reverse("careers:panel_edit", args=[panel.pk])
    assert former in client.get(url).context["form"].fields["members"].queryset
    assert client.post(url, {"name": "Panel A", "members": [former.pk], "in_use": "on"}).status_code == 302
    assert list(panel.members.all()) == [former]


def test_another_authoritys_panel_is_not_found(cast: Cast, client_for) -> None:
    theirs = PanelFactory(authority=cast.other_authority)
    assert client_for(cast.administrator).get(reverse("careers:panel_edit", args=[theirs.pk])).status_code == 404


def test_panel_pages_are_for_administrators_only(cast: Cast, client_for) -> None:
    panel = PanelFactory(authority=cast.authority, members=[cast.panel_member])
    assert client_for(None).get(reverse("careers:panel_admin_list")).status_code == 302
    for user in (cast.panel_member, cast.workforce_officer, cast.other_authority_manager):
        assert client_for(user).get(reverse("careers:panel_edit", args=[panel.pk])).status_code == 403
