"""Fixtures shared by every app's tests: a small node with one user per role."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from seawall.accounts import roles

# Django is imported inside the fixtures: the pure cores' tests run without it (-p no:django).


@pytest.fixture
def agencies(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from seawall.accounts.models import Agency

    return {
        "ministry": Agency.objects.create(name="Ministry CT Unit", org_type="CentralGovernmentOrganisation", country="GUY"),
        "police": Agency.objects.create(name="Police TIP Unit", org_type="LawEnforcement", country="GUY"),
        "shelter": Agency.objects.create(name="Shelter NGO", org_type="NGO", country="GUY"),
        "secretariat": Agency.objects.create(name="Task Force Secretariat", org_type="CentralGovernmentOrganisation", country="GUY"),
        "dpp": Agency.objects.create(name="DPP", org_type="ProsecutionService", country="GUY"),
        "clinic": Agency.objects.create(name="Clinic", org_type="HealthServiceOrganisation", country="GUY"),
    }


ROLE_AGENCY = {
    roles.CASEWORKER: "ministry",
    roles.INVESTIGATOR: "police",
    roles.PROSECUTOR: "dpp",
    roles.SERVICE_PROVIDER: "clinic",
    roles.COORDINATOR: "secretariat",
    roles.ANALYST: "secretariat",
    roles.ADMINISTRATOR: "secretariat",
}


@pytest.fixture
def users(agencies) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from seawall.accounts.models import User

    made = {role: User.objects.create_user(username=role, password="pw-" + role, role=role,
                                           agency=agencies[agency]) for role, agency in ROLE_AGENCY.items()}
    made["other_caseworker"] = User.objects.create_user(
        username="other_caseworker", password="pw-other", role=roles.CASEWORKER, agency=agencies["shelter"])
    return made


def signed_in(user: Any) -> Any:
    """A client signed in with both factors, as after a real sign-in."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    if user.needs_second_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(users):  # type: ignore[no-untyped-def]
    return lambda name: signed_in(users[name])


@pytest.fixture
def make_case(users):  # type: ignore[no-untyped-def]
    """Register a case the way the app does (encrypted identity, blind index, audit)."""
    from seawall.cases.models import Person, VictimCase

    def make(owner: str = roles.CASEWORKER, given: str = "María José", family: str = "Pérez González",
             phones: list[str] | None = None, **case_fields) -> VictimCase:  # type: ignore[no-untyped-def]
        user = users[owner]
        person = Person.objects.create(owner_agency=user.agency, created_by=user, given_names=given,
                                       family_names=family, gender="Feminine", citizenships=["VEN"],
                                       phones=phones or [], birth_date="2008-03-02")
        fields = {"identified_on": dt.date(2026, 5, 1), "identified_by": user.agency,
                  "exploitation_types": ["SexualExploitation"], "age_at_identification": 17, **case_fields}
        return VictimCase.objects.create(person=person, owner_agency=user.agency, case_owner=user,
                                         created_by=user, **fields)

    return make


def pytest_collection_modifyitems(config, items) -> None:  # type: ignore[no-untyped-def]
    # `make test` reruns exactly the tests that touch the database on PostgreSQL.
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"} \
                or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.uses_db)


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright; skipped when absent unless CI requires it."""
    import os

    from seawall.testing.services import chromium_path

    path = chromium_path()
    if path is None:
        if os.environ.get("SEAWALL_REQUIRE_BROWSER") == "1":
            pytest.fail("SEAWALL_REQUIRE_BROWSER=1 but Chromium is not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()
