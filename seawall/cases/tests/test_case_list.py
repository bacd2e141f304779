from __future__ import annotations

from django.urls import reverse

from seawall.audit.models import AuditEvent


def test_caseworker_lists_own_agency_cases_with_names(client_for, make_case):
    mine = make_case()
    theirs = make_case(owner="other_caseworker", given="Keisha", family="Williams")
    response = client_for("caseworker").get(reverse("cases:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert mine.code in body and "María José Pérez González" in body
    assert theirs.code not in body and "Keisha" not in body


def test_coordinator_lists_every_case_by_code_only(client_for, make_case):
    first = make_case()
    second = make_case(owner="other_caseworker", given="Keisha", family="Williams")
    body = client_for("coordinator").get(reverse("cases:list")).content.decode()
    assert first.code in body and second.code in body
    assert "María" not in body and "Keisha" not in body


def test_filters_by_exploitation_age_group_nationality_and_year(client_for, make_case):
    sexual = make_case(exploitation_types=["SexualExploitation"])
    labour = make_case(given="Wilmer", family="Rojas", exploitation_types=["ForcedLabour"], age_at_identification=30)
    client = client_for("caseworker")
    body = client.get(reverse("cases:list"), {"exploitation": "ForcedLabour"}).content.decode()
    assert labour.code in body and sexual.code not in body
    body = client.get(reverse("cases:list"), {"age_group": "0-17"}).content.decode()
    assert sexual.code in body and labour.code not in body
    body = client.get(reverse("cases:list"), {"nationality": "VEN", "year": 2026}).content.decode()
    assert sexual.code in body and labour.code in body
    body = client.get(reverse("cases:list"), {"year": 2019}).content.decode()
    assert sexual.code not in body


def test_unknown_filter_code_is_refused_with_the_field_named(client_for, make_case):
    make_case()
    response = client_for("caseworker").get(reverse("cases:list"), {"exploitation": "Smuggling'--"})
    assert response.status_code == 400
    assert "Exploitation" in response.content.decode()


def test_list_and_search_leave_audit_events_with_the_cases_shown(client_for, make_case):
    case = make_case()
    client = client_for("caseworker")
    client.get(reverse("cases:list"))
    client.get(reverse("cases:list"), {"q": "Maria Perez"})
    events = list(AuditEvent.objects.filter(action__in=["list", "search"]).order_by("seq"))
    assert [e.action for e in events] == ["list", "search"]
    for event in events:
        assert [(s.object_type, s.object_id) for s in event.subjects.all()] == [("case", str(case.pk))]
    # The words searched are personal data and do not enter the trail.
    assert "Maria" not in str(events[1].detail) and events[1].detail["search"] == "identity"


def test_htmx_request_gets_only_the_results_fragment(client_for, make_case):
    make_case()
    response = client_for("caseworker").get(reverse("cases:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b"case" in response.content


def test_long_lists_count_up_to_a_cap_and_say_so(client_for, make_case, monkeypatch):
    from seawall.cases import listing

    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    for i in range(5):
        make_case(given=f"Ana{i}")
    body = client_for("caseworker").get(reverse("cases:list")).content.decode()
    assert "More than 3 cases: the newest are shown" in body
    monkeypatch.setattr(listing, "COUNT_CAP", 1000)
    body = client_for("caseworker").get(reverse("cases:list")).content.decode()
    assert "5 cases" in body


def test_a_year_only_identification_date_shows_only_the_year(client_for, make_case):
    import datetime as dt

    case = make_case(identified_on=dt.date(2016, 1, 1), identified_on_precision="year")
    client = client_for("caseworker")
    assert ">2016<" in client.get(reverse("cases:list")).content.decode()
    detail = client.get(reverse("cases:detail", args=[case.code])).content.decode()
    assert "identified in 2016" in detail and "2016-01-01" not in detail


def test_a_page_of_the_list_is_read_in_index_order_without_sorting_the_agency(client_for, make_case):
    # Without an index in list order the database sorts every case of the agency (or of
    # the node, for a coordinator) for each page: 39 ms at 11,000 cases.
    import pytest
    from django.db import connection

    from seawall.testing.plans import sqlite_plans

    if connection.vendor != "sqlite":
        pytest.skip("the planner's choice on PostgreSQL depends on table statistics")
    make_case()
    for role in ("caseworker", "coordinator"):
        client = client_for(role)
        plans = [plan for sql, plan in sqlite_plans(lambda: client.get(reverse("cases:list")), "cases_victimcase")
                 if "ORDER BY" in sql]
        assert plans and all("TEMP B-TREE" not in plan and "USING INDEX case_" in plan for plan in plans), (role, plans)


def test_the_count_of_a_list_reads_only_an_index(client_for, make_case):
    # Counting with the row's columns selected made the database read up to 1,001 cases'
    # rows on every list view (1.9 ms more at 100,000 cases); the index alone answers.
    import pytest
    from django.db import connection

    from seawall.testing.plans import sqlite_plans

    if connection.vendor != "sqlite":
        pytest.skip("the planner's choice on PostgreSQL depends on table statistics")
    make_case()
    client = client_for("caseworker")
    plans = [plan for sql, plan in sqlite_plans(lambda: client.get(reverse("cases:list")), "cases_victimcase")
             if "COUNT(" in sql]
    assert plans and all("COVERING INDEX" in plan for plan in plans), plans


def test_identities_on_a_page_are_those_of_the_users_own_agency_for_identity_roles_only(users, make_case):
    """policy.cases_with_identity answers for a whole page (and may_see_identity for one
    case through it): caseworkers and investigators see who is behind their own agency's
    cases; every other role sees no one."""
    from seawall import policy
    from seawall.accounts import roles
    from seawall.cases.models import VictimCase

    make_case()
    make_case(owner="other_caseworker", given="Keisha", family="Williams")
    cases = list(VictimCase.objects.all())
    for name, user in users.items():
        own = {case.pk for case in cases if case.owner_agency_id == user.agency_id}
        expected = own if user.role in (roles.CASEWORKER, roles.INVESTIGATOR) else set()
        assert policy.cases_with_identity(user, cases) == expected, name
        assert {case.pk for case in cases if policy.may_see_identity(user, case)} == expected, name
    assert policy.cases_with_identity(users["caseworker"], cases)  # the rule is not vacuous here
