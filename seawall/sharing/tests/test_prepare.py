"""The analyst's preparation page: only de-identified columns, parameters checked with the
core's rules, k holding in the file written (checked independently), nothing half-written."""

from __future__ import annotations

import pytest

from seawall.audit.models import AuditEvent
from seawall.jobs.models import Job
from seawall.sharing.dataset import offered_columns
from seawall.sharing.models import PrivacyCharge, Release
from seawall.sharing.tests.conftest import (
    files_under,
    kanon_data,
    post_release,
    read_release,
    run_jobs,
    smallest_class,
)

pytestmark = pytest.mark.django_db


def _nothing_made(var_dir) -> None:  # type: ignore[no-untyped-def]
    assert not Release.objects.exists()
    assert not Job.objects.exists()
    assert not PrivacyCharge.objects.exists()
    assert files_under(var_dir) == []


@pytest.mark.parametrize("k", [2, 5, 11, 20])
@pytest.mark.parametrize("schema", ["v1", "2024"])
def test_k_holds_in_the_file_written(k, schema, client_for, node):
    response = post_release(client_for("analyst"), "kanon", schema, **kanon_data(k, schema=schema))
    assert response.status_code == 302
    assert run_jobs() == 1
    release = Release.objects.get()
    assert release.state == Release.PREPARED, release.error
    header, rows = read_release(release.path)
    assert header == offered_columns(schema)
    report = release.report["kanon"]
    assert len(rows) == release.rows == report["records_kept"] == node - report["records_suppressed"]
    # Independent check: a Counter over the written text, no pandas, no seawall.release.
    assert smallest_class(release.path, release.quasi_identifiers) >= k
    assert report["class_sizes"]["min"] >= k


def test_rare_victims_are_generalised_not_dropped(client_for, node):
    post_release(client_for("analyst"), "kanon", **kanon_data(5))
    run_jobs()
    release = Release.objects.get()
    report = release.report["kanon"]
    assert report["records_suppressed"] == 0 and report["records_kept"] == node
    assert report["records_generalised"] >= 7  # the 7 cases in groups rarer than 5
    assert report["suppression_only_for_comparison"]["records_suppressed"] >= 7
    assert report["generalisations"]["citizenship"]["cells_generalised"] > 0
    _header, rows = read_release(release.path)
    assert not any("HT" in row for row in rows)  # the one Haitian boy is not recognisable


def test_the_form_offers_only_ctdc_columns(client_for, node):
    page = client_for("analyst").get("/releases/new/kanon/v1/").content.decode()
    for column in offered_columns("v1"):
        assert f'value="{column}"' in page
    for identifying in ("given_names", "prs_FirstName", "birth_date", "phones", "documents", "addresses"):
        assert identifying not in page


@pytest.mark.parametrize("column", ["prs_FirstName", "prs_Birthdate", "phone", "passportNumber", "address"])
def test_a_forged_identity_column_is_refused_with_a_message(column, client_for, node, var_dir):
    data = kanon_data(5)
    data["quasi_identifiers"] = [*data["quasi_identifiers"], column]
    response = post_release(client_for("analyst"), "kanon", **data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Refused: identifying column(s)" in text and column in text
    assert "must not contain names" in text
    _nothing_made(var_dir)


def test_a_forged_identity_column_is_refused_for_dp_counts_too(client_for, node, budget_of, var_dir):
    budget_of(5.0)
    response = post_release(client_for("analyst"), "dp-counts", epsilon="1", group_by=["gender", "prs_LastName"])
    assert response.status_code == 400
    assert "Refused: identifying column(s) prs_LastName" in response.content.decode()
    _nothing_made(var_dir)


def test_an_unknown_column_is_refused(client_for, node, var_dir):
    response = post_release(client_for("analyst"), "kanon", k=5, quasi_identifiers=["gender", "shoeSize"])
    assert response.status_code == 400
    assert "shoeSize is not one of the available choices" in response.content.decode()
    _nothing_made(var_dir)


@pytest.mark.parametrize("k, said", [(1, "k must be a whole number of at least 2, not 1"),
                                     (0, "k must be a whole number of at least 2, not 0"),
                                     (-3, "at least 2, not -3"), ("eleven", "Enter a whole number")])
def test_k_below_2_is_refused(k, said, client_for, node, var_dir):
    response = post_release(client_for("analyst"), "kanon", k=k, quasi_identifiers=["gender"])
    assert response.status_code == 400
    assert said in response.content.decode()
    _nothing_made(var_dir)


@pytest.mark.parametrize("kind", ["dp-counts", "synth"])
@pytest.mark.parametrize("epsilon, said", [("0", "Must be a number greater than 0, not 0.0"),
                                           ("-1", "Must be a number greater than 0, not -1.0"),
                                           ("", "This field is required"), ("lots", "Enter a number")])
def test_epsilon_not_above_0_is_refused(kind, epsilon, said, client_for, node, budget_of, var_dir):
    budget_of(5.0)
    response = post_release(client_for("analyst"), kind, epsilon=epsilon, group_by=["gender"])
    assert response.status_code == 400
    assert said in response.content.decode()
    _nothing_made(var_dir)


@pytest.mark.parametrize("kind, data", [("kanon", kanon_data(5)), ("dp-counts", {"epsilon": "1", "group_by": ["gender"]}),
                                        ("synth", {"epsilon": "1"})])
def test_an_empty_node_is_refused(kind, data, client_for, users, budget_of, var_dir):
    budget_of(5.0)
    response = post_release(client_for("analyst"), kind, **data)
    assert response.status_code == 400
    assert "The node has no cases yet: there is nothing to release." in response.content.decode()
    _nothing_made(var_dir)


def test_a_dp_counts_delta_of_0_for_groups_that_are_not_public(client_for, node, budget_of, var_dir):
    budget_of(5.0)
    response = post_release(client_for("analyst"), "dp-counts", epsilon="1", delta="0",
                            group_by=["RecruiterRelationship"])
    assert response.status_code == 400
    assert "releasing them needs a delta &gt; 0" in response.content.decode()
    _nothing_made(var_dir)


def test_unknown_kind_or_schema_is_404(client_for):
    client = client_for("analyst")
    assert client.get("/releases/new/smartnoise/v1/").status_code == 404
    assert client.get("/releases/new/kanon/v3/").status_code == 404


def test_choosing_a_kind_leads_to_its_form(client_for):
    response = client_for("analyst").get("/releases/new/", {"kind": "dp-counts", "schema": "2024"})
    assert response.status_code == 302 and response["Location"] == "/releases/new/dp-counts/2024/"


def test_the_request_and_the_preparation_are_audited(client_for, node):
    post_release(client_for("analyst"), "kanon", **kanon_data(5))
    run_jobs()
    release = Release.objects.get()
    steps = [e.detail.get("step") for e in AuditEvent.objects.filter(subjects__object_type="release").order_by("seq")]
    assert steps == ["requested", "prepared"]
    prepared = AuditEvent.objects.get(detail__step="prepared")
    assert prepared.actor_username == "analyst" and prepared.detail["sha256"] == release.sha256
    assert prepared.detail["k"] == 5 and prepared.detail["cases"] == node
    # Every case read for the release shows it in its own access log.
    assert prepared.subjects.filter(object_type="case").count() == node


def test_a_job_that_finds_the_node_empty_fails_with_nothing_written(client_for, node, var_dir):
    from seawall.cases.models import Person, TraffickingEvent, VictimCase

    post_release(client_for("analyst"), "kanon", **kanon_data(5))
    TraffickingEvent.objects.all().delete()
    VictimCase.objects.all().delete()
    Person.objects.all().delete()
    run_jobs()
    release = Release.objects.get()
    assert release.state == Release.FAILED
    assert release.error == "The node has no cases to release yet."
    assert not release.file_name and files_under(var_dir) == []
    page = client_for("analyst").get(f"/releases/{release.pk}/").content.decode()
    assert "The release could not be prepared." in page and "no cases to release yet" in page
