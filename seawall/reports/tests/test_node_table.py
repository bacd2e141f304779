"""The node-cases table read from the database: every column as the rules say, no identity read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seawall.cases.models import TraffickingEvent, VictimCase
from seawall.indicators.cases import NODE_CASE_COLUMNS
from seawall.reports.node_table import node_cases_table

pytestmark = pytest.mark.django_db

# Encrypted or free-text columns of Person, VictimCase and TraffickingEvent: none may be selected.
IDENTITY_COLUMNS = ("given_names", "family_names", "aliases", "birth_date", "documents", "phones", "email",
                    "addresses", "closure_reason", "summary", "description", "place")


def _rows_by_code() -> dict[str, dict[str, object]]:
    table = node_cases_table().table
    assert table.column_names == list(NODE_CASE_COLUMNS)
    return {row["case_id"]: row for row in table.to_pylist()}


def test_each_column_follows_the_rules(make_case, settings):
    settings.NODE_COUNTRY = "GUY"
    full = make_case(identified_on=dt.date(2024, 12, 31), age_at_identification=17,
                     exploitation_types=["SexualExploitation", "Servitude", "ForcedBegging"])
    full.person.gender, full.person.citizenships = "Masculine", ["COL", "VEN"]
    full.person.save()
    # Two exploitation events: the latest (by date) is the country of detection; an undated one
    # sorts last. Two recruitments: the earliest is the origin.
    TraffickingEvent.objects.create(case=full, event_type="Exploitation", country="TTO", date=dt.date(2023, 1, 5))
    TraffickingEvent.objects.create(case=full, event_type="Exploitation", country="BRB", date=dt.date(2024, 6, 1))
    TraffickingEvent.objects.create(case=full, event_type="Exploitation", country="JAM", date=None)
    TraffickingEvent.objects.create(case=full, event_type="Recruitment", country="VEN", date=dt.date(2022, 2, 1))
    TraffickingEvent.objects.create(case=full, event_type="Recruitment", country="COL", date=dt.date(2021, 2, 1))
    TraffickingEvent.objects.create(case=full, event_type="Transit", country="SUR", date=dt.date(2022, 3, 1))

    bare = make_case(owner="investigator", identified_on=dt.date(2025, 1, 2), age_at_identification=None,
                     exploitation_types=[], trafficking_status="NotAVictimOfTrafficking")
    bare.person.gender, bare.person.citizenships = "NonSpecifiedUnknown", []
    bare.person.save()
    adult = make_case(age_at_identification=18, exploitation_types=["ChildLabour", "OrganRemoval"])
    adult.person.gender = "TransgenderFeminine"
    adult.person.save()
    TraffickingEvent.objects.create(case=adult, event_type="Exploitation", country="GUY")
    # An import that knows only the band: no age, stored age group.
    VictimCase.objects.filter(pk=adult.pk).update(age_at_identification=None, age_group="0-17")

    rows = _rows_by_code()
    assert rows[full.code] == {
        "case_id": full.code, "year": 2024, "country_iso3": "BRB", "sex": "male", "age_group": "0-17",
        "form_sexual_exploitation": True, "form_forced_labour": True, "form_other": True,
        "nationality_iso3": "COL", "origin_iso3": "COL", "exploitation_iso3": "BRB",
        "identifying_agency": "Ministry CT Unit", "data_source": "registered",
        "trafficking_status": "PossibleVictimOfTrafficking",
    }
    # Nothing known: sex and age unknown, no forms, no nationality/origin/exploitation, and the
    # country of detection falls back to the node's own.
    assert rows[bare.code] == {
        "case_id": bare.code, "year": 2025, "country_iso3": "GUY", "sex": "unknown", "age_group": "unknown",
        "form_sexual_exploitation": False, "form_forced_labour": False, "form_other": False,
        "nationality_iso3": "", "origin_iso3": "", "exploitation_iso3": "",
        "identifying_agency": "Police TIP Unit", "data_source": "registered",
        "trafficking_status": "NotAVictimOfTrafficking",
    }
    assert rows[adult.code]["sex"] == "unknown"  # only Feminine/Masculine are disaggregated
    assert rows[adult.code]["age_group"] == "0-17"  # the stored band when the age is not recorded
    assert (rows[adult.code]["form_sexual_exploitation"], rows[adult.code]["form_forced_labour"],
            rows[adult.code]["form_other"]) == (False, True, True)
    assert rows[adult.code]["country_iso3"] == "GUY" and rows[adult.code]["exploitation_iso3"] == "GUY"


def test_node_country_setting_is_the_fallback(make_case, settings):
    settings.NODE_COUNTRY = "TTO"
    case = make_case()
    assert _rows_by_code()[case.code]["country_iso3"] == "TTO"


def test_a_code_iso_does_not_know_is_unknown_and_counted(make_case):
    case = make_case()
    case.person.citizenships = ["XXA", "VEN"]  # ICAO's "stateless" code, not ISO 3166
    case.person.save()
    node = node_cases_table()
    assert node.table.to_pylist()[0]["nationality_iso3"] == ""
    assert node.unknown_codes == {"nationality_iso3": 1}


def test_empty_node_gives_an_empty_table_with_every_column(db):
    node = node_cases_table()
    assert node.rows == 0 and node.table.column_names == list(NODE_CASE_COLUMNS)


def test_only_undated_events_and_cases_without_events(make_case):
    first, second, third = make_case(), make_case(), make_case()
    TraffickingEvent.objects.create(case=first, event_type="Exploitation", country="SUR")
    TraffickingEvent.objects.create(case=first, event_type="Exploitation", country="BRA")  # last recorded wins
    TraffickingEvent.objects.create(case=third, event_type="Recruitment", country="HTI")
    TraffickingEvent.objects.create(case=third, event_type="Recruitment", country="DOM")  # first recorded wins
    rows = _rows_by_code()
    assert (rows[first.code]["exploitation_iso3"], rows[first.code]["origin_iso3"]) == ("BRA", "")
    assert (rows[second.code]["country_iso3"], rows[second.code]["exploitation_iso3"]) == ("GUY", "")
    assert (rows[third.code]["country_iso3"], rows[third.code]["origin_iso3"]) == ("GUY", "HTI")


def test_three_queries_whatever_the_size_and_no_identity_field(add_cases, make_case):
    make_case(phones=["+5926000000"])
    add_cases(120, events=[("Exploitation", "GUY", None), ("Recruitment", "VEN", None)])
    with CaptureQueriesContext(connection) as queries:
        node = node_cases_table()
    assert node.rows == 121
    assert len(queries.captured_queries) == 3  # cases, events, agencies: never a query per case
    sql = " ".join(query["sql"] for query in queries.captured_queries).lower()
    for column in IDENTITY_COLUMNS:
        assert f'"{column}"' not in sql and f".{column}" not in sql, column
