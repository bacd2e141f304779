"""Shared pieces of the release tests: a node of cases made in bulk, release files kept in a
temporary VAR_DIR, a signing key, and an independent k-anonymity count."""

from __future__ import annotations

import base64
import csv
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

TEST_SIGNING_KEY = base64.b64encode(b"\x04" * 32).decode()


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture(autouse=True)
def signing_key_configured(monkeypatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SEAWALL_RELEASE_SIGNING_KEY", TEST_SIGNING_KEY)
    return TEST_SIGNING_KEY


@pytest.fixture
def add_cases(users, agencies):  # type: ignore[no-untyped-def]
    """n de-identified cases (as a CTDC import makes them) with the given facts, in three inserts."""
    from seawall.cases.models import Person, TraffickingEvent, VictimCase

    def add(n: int, *, year: int = 2024, gender: str = "Feminine", citizenship: str = "VEN", age: int | None = 24,
            types: Sequence[str] = ("SexualExploitation",), exploited_in: str | None = "GUY") -> list[Any]:
        creator = users["caseworker"]
        agency = agencies["ministry"]
        persons = Person.objects.bulk_create([
            Person(owner_agency=agency, identity_recorded=False, gender=gender, citizenships=[citizenship],
                   created_by=creator) for _ in range(n)])
        cases = VictimCase.objects.bulk_create([
            VictimCase(person=person, owner_agency=agency, identified_by=agency,
                       identified_on=dt.date(year, 2, 1 + i % 27), age_at_identification=age,
                       age_group="unknown" if age is None else ("0-17" if age < 18 else "18+"),
                       exploitation_types=list(types), trafficking_status="VictimOfTrafficking",
                       created_by=creator) for i, person in enumerate(persons)])
        if exploited_in:
            TraffickingEvent.objects.bulk_create([
                TraffickingEvent(case=case, event_type="Exploitation", country=exploited_in) for case in cases])
        return cases

    return add


@pytest.fixture
def node(add_cases) -> int:  # type: ignore[no-untyped-def]
    """A small skewed node: large common groups and a few rare victims that k = 5 must
    generalise (a 15-year-old boy from Haiti, two men from Cuba in forced labour...)."""
    made = 0
    made += len(add_cases(40, citizenship="VEN", age=24))
    made += len(add_cases(30, citizenship="GUY", age=30, year=2023))
    made += len(add_cases(20, citizenship="BRA", gender="Masculine", age=35, types=("ForcedLabour",),
                          exploited_in="TTO"))
    made += len(add_cases(1, citizenship="HTI", gender="Masculine", age=15, types=("ForcedLabour",)))
    made += len(add_cases(2, citizenship="CUB", gender="Masculine", age=41, types=("ForcedLabour",),
                          exploited_in="BRB"))
    made += len(add_cases(3, citizenship="DOM", age=19, year=2022, types=("SexualExploitation", "ForcedLabour")))
    made += len(add_cases(1, citizenship="COL", age=None, year=2021))
    return made


def read_release(path: Path) -> tuple[list[str], list[list[str]]]:
    """The file as csv reads it: the header and the rows, every cell as written."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def smallest_class(path: Path, quasi: Sequence[str]) -> int:
    """Independent of the core (no pandas, no seawall.release): count each combination of the
    quasi-identifiers' written values with a Counter and return the smallest count."""
    header, rows = read_release(path)
    where = [header.index(q) for q in quasi]
    counts = Counter(tuple(row[i] for i in where) for row in rows)
    return min(counts.values()) if counts else 0


def run_jobs() -> int:
    from seawall.jobs import queue

    return queue.run_pending()


def post_release(client: Any, kind: str, schema: str = "v1", **data: Any) -> Any:
    return client.post(f"/releases/new/{kind}/{schema}/", data)


def kanon_data(k: int = 5, quasi: Sequence[str] | None = None, schema: str = "v1") -> dict[str, Any]:
    from seawall.sharing.dataset import default_quasi_identifiers

    return {"k": k, "quasi_identifiers": list(quasi if quasi is not None else default_quasi_identifiers(schema))}


@pytest.fixture
def budget_of(users):  # type: ignore[no-untyped-def]
    def set_budget(epsilon: float, delta: float = 1e-6) -> None:
        from seawall.release.ledger import Budget
        from seawall.sharing.ledger import DatabaseLedger
        from seawall.sharing.models import NODE_CASES

        DatabaseLedger().set_budget(NODE_CASES, Budget(epsilon, delta), set_by=users["administrator"])

    return set_budget


@pytest.fixture
def prepared(client_for, node):  # type: ignore[no-untyped-def]
    """A k-anonymous release (k = 5) prepared by the analyst, waiting for approval."""
    from seawall.sharing.models import Release

    response = post_release(client_for("analyst"), "kanon", **kanon_data(5))
    assert response.status_code == 302, response.content.decode()[:2000]
    run_jobs()
    release = Release.objects.get()
    assert release.state == Release.PREPARED, release.error
    return release


@pytest.fixture
def approved(prepared, client_for):  # type: ignore[no-untyped-def]
    response = client_for("coordinator").post(f"/releases/{prepared.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    prepared.refresh_from_db()
    assert prepared.state == "approved"
    return prepared


def files_under(var: Path) -> list[Path]:
    root = var / "releases"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []

