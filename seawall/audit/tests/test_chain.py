from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from seawall.audit import chain, log
from seawall.audit.models import AppendOnlyError, AuditEvent


def _events(users, n: int = 5) -> None:
    for i in range(n):
        log.record(log.VIEW, actor=users["caseworker"], reason="test", subjects=[("case", i)])


def test_a_fresh_chain_verifies(users, capsys):
    _events(users)
    assert list(chain.verify()) == []
    call_command("audit", "verify")
    assert "intact: 5 events" in capsys.readouterr().out


def test_editing_an_event_breaks_verification(users):
    _events(users)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_username = 'someone_else' WHERE seq = 3")
    problems = list(chain.verify())
    assert [(p.seq, "altered" in p.problem) for p in problems] == [(3, True)]
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("audit", "verify")


def test_removing_a_subject_breaks_verification(users):
    _events(users)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE event_id = (SELECT id FROM audit_auditevent WHERE seq = 2)")
    assert [p.seq for p in chain.verify()] == [2]


def test_deleting_an_event_breaks_verification(users):
    _events(users)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE event_id = (SELECT id FROM audit_auditevent WHERE seq = 2)")
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 2")
    problems = list(chain.verify())
    assert problems and problems[0].seq == 3 and "missing" in problems[0].problem


def test_deleting_the_newest_events_is_caught_by_a_noted_head(users, capsys):
    _events(users)
    call_command("audit", "head")
    noted = capsys.readouterr().out.strip()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE event_id = (SELECT id FROM audit_auditevent WHERE seq = 5)")
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 5")
    assert list(chain.verify()) == []  # the rest of the chain still holds...
    with pytest.raises(CommandError):  # ...but the noted head is gone
        call_command("audit", "verify", expect_head=noted)


def test_the_model_refuses_changes_and_deletion(users):
    _events(users, 1)
    event = AuditEvent.objects.get()
    event.action = "export"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_events_record_who_role_agency_and_why(users):
    event = log.record(log.EXPORT, actor=users["coordinator"], reason="cli:export",
                       detail={"purpose": "annual report"})
    assert (event.actor_username, event.actor_role, event.actor_agency) == (
        "coordinator", "coordinator", "Task Force Secretariat")
    assert event.reason == "cli:export" and event.detail["purpose"] == "annual report"


def test_many_subjects_go_in_and_verify(users):
    # An import touches tens of thousands of records in one event (COPY on PostgreSQL).
    event = log.record(log.CREATE, actor=users["caseworker"], reason="cli:import",
                       subjects=[("case", i) for i in range(1200)])
    assert event.subjects.count() == 1200
    assert list(chain.verify()) == []


def test_an_appended_event_reads_back_as_written(users):
    detail = {"page": 2, "filters": ["status"], "search": "identity", "note": "naïve <b>&</b>"}
    event = log.record(log.SEARCH, actor=users["caseworker"], reason="cases:list",
                       subjects=[("case", 7), ("person", 9)], detail=detail)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.hash, stored.prev_hash) == (event.seq, event.hash, event.prev_hash)
    assert stored.detail == detail and stored.at == event.at and stored.actor_id == users["caseworker"].pk
    assert sorted((s.object_type, s.object_id) for s in stored.subjects.all()) == [("case", "7"), ("person", "9")]
    with pytest.raises(AppendOnlyError):  # the returned instance is a stored event, not a draft
        event.save()
    assert list(chain.verify()) == []


def test_subjects_with_awkward_identifiers_are_stored_exactly(users):
    """A page's subjects go to PostgreSQL as two arrays: separators, braces, quotes and
    the word NULL must arrive as written, and the chain must still verify."""
    awkward = ["a,b", "{x}", '"q"', "NULL", "back\\slash", " spaced ", "ünï", "7"]
    event = log.record(log.LIST, actor=users["caseworker"], reason="test",
                       subjects=[("case", value) for value in awkward])
    stored = sorted(s.object_id for s in AuditEvent.objects.get(pk=event.pk).subjects.all())
    assert stored == sorted(awkward)
    assert list(chain.verify()) == []
