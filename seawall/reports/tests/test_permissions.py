"""Only coordinators and analysts (policy.may_see_statistics) see statistics pages and downloads."""

from __future__ import annotations

import pytest
from django.test import Client

from seawall.accounts import roles

pytestmark = pytest.mark.django_db

URLS = ("/reports/", "/reports/charts/trend.csv", "/reports/charts/routes.svg", "/reports/charts/by_sex.png",
        "/reports/sdg-16-2-2/", "/reports/sdg-16-2-2.csv", "/reports/annual/", "/reports/annual/report.pdf",
        "/reports/annual/report.xlsx", "/reports/annual/tables/by_sex.csv")
REFUSED = (roles.CASEWORKER, roles.SERVICE_PROVIDER, roles.INVESTIGATOR, roles.PROSECUTOR, roles.ADMINISTRATOR)


@pytest.mark.parametrize("role", [roles.COORDINATOR, roles.ANALYST])
def test_coordinator_and_analyst_see_everything(small_node, client_for, role):
    client = client_for(role)
    for url in URLS:
        assert client.get(url).status_code in (200, 503), url  # 503: PNG on a server without fonts
    assert "/reports/" in client.get("/").content.decode()  # the menu's "Statistics" link


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_get_403_and_no_numbers(small_node, client_for, role):
    client = client_for(role)
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 403, (role, url)
        assert b"Victims identified" not in response.content
    assert 'href="/reports/"' not in client.get("/").content.decode()


def test_signed_out_is_sent_to_sign_in(small_node):
    for url in URLS:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_only_get(small_node, client_for):
    assert client_for(roles.COORDINATOR).post("/reports/").status_code == 405
