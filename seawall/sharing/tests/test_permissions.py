"""Every release page against every role: analysts prepare, coordinators approve, administrators
set the budget; everyone else gets 403 and nothing changes (caseworkers never download)."""

from __future__ import annotations

import pytest
from django.test import Client

from seawall.accounts import roles
from seawall.sharing.models import PrivacyBudget, Release
from seawall.sharing.tests.conftest import kanon_data, post_release

pytestmark = pytest.mark.django_db

EVERY_ROLE = (roles.CASEWORKER, roles.SERVICE_PROVIDER, roles.INVESTIGATOR, roles.PROSECUTOR,
              roles.COORDINATOR, roles.ANALYST, roles.ADMINISTRATOR)


def _expected(role: str, allowed: set[str]) -> int:
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_release_pages(role, client_for, approved):
    client = client_for(role)
    readers = {roles.ANALYST, roles.COORDINATOR}
    pages = {
        "/releases/": readers,
        "/releases/new/": {roles.ANALYST},
        "/releases/new/kanon/v1/": {roles.ANALYST},
        "/releases/new/synth/2024/": {roles.ANALYST},
        "/releases/budget/": {roles.ADMINISTRATOR},
        f"/releases/{approved.pk}/": readers,
        f"/releases/{approved.pk}/download/": readers,
        f"/releases/{approved.pk}/signature/": readers,
    }
    for url, allowed in pages.items():
        status = client.get(url).status_code
        if url == "/releases/" and role == roles.ADMINISTRATOR:
            assert status == 302, url  # to the budget page, the administrator's part
            continue
        assert status == _expected(role, allowed), (role, url, status)


@pytest.mark.parametrize("role", [r for r in EVERY_ROLE if r != roles.ANALYST])
def test_only_analysts_prepare(role, client_for, node):
    response = post_release(client_for(role), "kanon", **kanon_data(5))
    assert response.status_code == 403
    assert not Release.objects.exists()


@pytest.mark.parametrize("role", [r for r in EVERY_ROLE if r != roles.COORDINATOR])
def test_only_coordinators_decide(role, client_for, prepared):
    response = client_for(role).post(f"/releases/{prepared.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    prepared.refresh_from_db()
    assert prepared.state == Release.PREPARED and not prepared.signature


@pytest.mark.parametrize("role", [r for r in EVERY_ROLE if r != roles.ADMINISTRATOR])
def test_only_administrators_set_the_budget(role, client_for, users):
    response = client_for(role).post("/releases/budget/", {"epsilon": "5", "delta": "1e-6"})
    assert response.status_code == 403
    assert not PrivacyBudget.objects.exists()


def test_caseworkers_never_download_releases(client_for, approved):
    for name in ("caseworker", "other_caseworker"):
        client = client_for(name)
        for url in (f"/releases/{approved.pk}/download/", f"/releases/{approved.pk}/signature/"):
            response = client.get(url)
            assert response.status_code == 403
            assert approved.sha256.encode() not in response.content


def test_signed_out_is_sent_to_sign_in(prepared):
    for url in ("/releases/", "/releases/new/", "/releases/budget/", f"/releases/{prepared.pk}/",
                f"/releases/{prepared.pk}/download/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_menu_link(role, client_for):
    shown = 'href="/releases/"' in client_for(role).get("/", follow=True).content.decode()
    assert shown == (role in {roles.ANALYST, roles.COORDINATOR, roles.ADMINISTRATOR})
