"""The list of releases, a release's page (report, preview, progress) and the progress fragment."""

from __future__ import annotations

import pytest

from seawall.audit.models import AuditEvent
from seawall.sharing.models import Release
from seawall.sharing.tests.conftest import kanon_data, post_release, run_jobs

pytestmark = pytest.mark.django_db


def test_the_list_shows_releases_and_the_budget(client_for, prepared):
    analyst = client_for("analyst").get("/releases/").content.decode()
    assert prepared.release_id[:8] in analyst and "Waiting for approval" in analyst
    assert "Prepare a release" in analyst and "No privacy budget is set" in analyst
    coordinator = client_for("coordinator").get("/releases/").content.decode()
    assert "1 release waits for a coordinator" in coordinator
    assert "Prepare a release" not in coordinator


def test_an_administrator_is_sent_to_the_budget(client_for, users):
    response = client_for("administrator").get("/releases/")
    assert response.status_code == 302 and response["Location"] == "/releases/budget/"


def test_a_prepared_kanon_release_shows_its_report_and_preview(client_for, prepared):
    page = client_for("coordinator").get(f"/releases/{prepared.pk}/").content.decode()
    report = prepared.report["kanon"]
    assert "Report: k-anonymity" in page
    assert f"<dt>Suppressed</dt><dd>{report['records_suppressed']} " in page
    assert "Information lost (NCP)" in page and "Group sizes" in page and "Generalisations applied" in page
    assert f"the first {len(prepared.preview['rows'])} rows of {prepared.rows}" in page
    assert "Record the decision" in page  # coordinators decide
    assert "Download the release" not in page  # not approved yet
    analyst_page = client_for("analyst").get(f"/releases/{prepared.pk}/").content.decode()
    assert "Record the decision" not in analyst_page
    # Looking at the preview is on the record.
    assert AuditEvent.objects.filter(action="view", subjects__object_type="release").count() == 2


def test_progress_while_preparing_then_a_reload(client_for, node):
    client = client_for("analyst")
    post_release(client, "kanon", **kanon_data(5))
    release = Release.objects.get()
    page = client.get(f"/releases/{release.pk}/").content.decode()
    assert 'hx-get="/releases/%d/progress/"' % release.pk in page and "Waiting for the background worker" in page
    fragment = client.get(f"/releases/{release.pk}/progress/")
    assert fragment.status_code == 200 and b"<progress" in fragment.content
    run_jobs()
    done = client.get(f"/releases/{release.pk}/progress/")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_the_coordinator_sees_progress_of_an_analysts_release(client_for, node):
    post_release(client_for("analyst"), "kanon", **kanon_data(5))
    release = Release.objects.get()
    assert client_for("coordinator").get(f"/releases/{release.pk}/progress/").status_code == 200
    assert client_for("caseworker").get(f"/releases/{release.pk}/progress/").status_code == 403


def test_unknown_release_is_404(client_for, users):
    assert client_for("coordinator").get("/releases/4242/").status_code == 404
