from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from seawall.audit import log, triggers


@pytest.fixture
def with_triggers(db):  # type: ignore[no-untyped-def]
    triggers.install(connection)
    yield
    triggers.remove(connection)


def test_database_refuses_update_and_delete_of_audit_rows(users, with_triggers):
    log.record(log.VIEW, actor=users["caseworker"], reason="test", subjects=[("case", 1)])
    for statement in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent",
                      "DELETE FROM audit_auditsubject"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement)


def test_appending_still_works_with_triggers(users, with_triggers):
    log.record(log.VIEW, actor=users["caseworker"], reason="test", subjects=[("case", 1)])
    log.record(log.VIEW, actor=users["caseworker"], reason="test", subjects=[("case", 2)])
    from seawall.audit import chain

    assert list(chain.verify()) == []
