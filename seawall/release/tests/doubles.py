"""Test doubles for the release core, shared with the sharing app's tests."""

from __future__ import annotations

import pytest

from seawall.release import synth


class PanicException(BaseException):
    """What PyO3 raises from a Rust panic: a BaseException, so `except Exception` misses it."""


class PanickingSynthesiser:
    def __init__(self, parameters: object) -> None:
        pass

    def fit(self, dataset: object) -> None:
        raise PanicException("adding noise to number of records resulted in a negative number")


def make_pac_synth_panic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth.pacsynth, "DpAggregateSeededSynthesizer", PanickingSynthesiser)
