"""Case codes drawn in bulk or one by one never repeat a code the node holds."""

from __future__ import annotations

import re

import pytest

from seawall.cases import codes
from seawall.cases.models import VictimCase


def test_codes_drawn_in_chunks_are_new_and_distinct(make_case, settings) -> None:
    settings.NODE_COUNTRY = "GUY"
    held = make_case().code
    taken = codes.taken_codes()
    assert held in taken
    drawn = [code for _ in range(4) for code in codes.unused_case_codes(2500, taken)]
    assert len(set(drawn)) == 10_000 and held not in drawn
    assert all(re.fullmatch(r"GUY-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{7}", code) for code in drawn)
    assert set(drawn) <= taken  # the caller's set learns every code handed out


def test_a_collision_is_drawn_again(make_case, monkeypatch, settings) -> None:
    """Force the random letters to repeat a held code first: the draw must skip it."""
    settings.NODE_COUNTRY = "GUY"
    held = make_case().code
    first = held.split("-")[1].encode()
    letters = iter([bytes(codes._CODE_LETTERS.index(ch) for ch in first), b"\x00" * 7])
    monkeypatch.setattr(codes.secrets, "token_bytes", lambda n: next(letters))
    assert codes.unused_case_codes(1) == ["GUY-2222222"]


def test_a_registration_gets_a_code_no_case_holds(make_case, monkeypatch) -> None:
    held = make_case().code
    offered = iter([held, held, "GUY-NEWCODE"])
    monkeypatch.setattr(codes, "new_case_code", lambda: next(offered))
    assert codes.unused_case_code() == "GUY-NEWCODE"
    assert not VictimCase.objects.filter(code="GUY-NEWCODE").exists()


@pytest.mark.django_db
def test_a_synthetic_load_draws_its_codes_here_with_one_growing_set(users, monkeypatch) -> None:
    """The demo and benchmark loader draws through unused_case_codes, chunk after chunk
    with the same set of taken codes (a million codes drawn blindly hold about fourteen
    collisions, and the load would fail on the unique constraint)."""
    from seawall.cases import demo
    from seawall.synth.node import generate_cases

    seen: list[int] = []

    def spy(count: int, taken: set[str] | None = None) -> list[str]:
        seen.append(id(taken))
        return codes.unused_case_codes(count, taken)

    monkeypatch.setattr(demo, "unused_case_codes", spy)
    demo.load_cases(generate_cases(30, seed=3), demo.create_agencies("GUY"), users["caseworker"], batch=10)
    assert len(seen) == 3 and len(set(seen)) == 1
    assert VictimCase.objects.count() == 30 == len(set(VictimCase.objects.values_list("code", flat=True)))
