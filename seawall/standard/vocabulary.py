"""HTCDS picklists, loaded once from picklists.toml and read by everything else."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files


class VocabularyError(ValueError):
    """A value that is not a code of its picklist; the message names field and allowed codes."""


@dataclass(frozen=True)
class Value:
    code: str
    label: str
    extension: bool = False


@dataclass(frozen=True)
class Picklist:
    field: str
    label: str
    values: tuple[Value, ...]
    multiple: bool = False
    unknown: str | None = None
    extension: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(value.code for value in self.values)

    def choices(self) -> list[tuple[str, str]]:
        return [(value.code, value.label) for value in self.values]

    @cached_property
    def labels(self) -> dict[str, str]:
        """code -> label, built once: list pages look up a few labels per row."""
        return {value.code: value.label for value in self.values}

    def label_of(self, code: str) -> str:
        for value in self.values:
            if value.code == code:
                return value.label
        raise VocabularyError(self._unknown_message(code))

    def validate(self, code: str) -> str:
        if code not in self.codes:
            raise VocabularyError(self._unknown_message(code))
        return code

    def validate_many(self, codes: list[str]) -> list[str]:
        seen: list[str] = []
        for code in codes:
            self.validate(code)
            if code not in seen:
                seen.append(code)
        return seen

    def _unknown_message(self, code: str) -> str:
        shown = code if len(code) <= 60 else code[:57] + "..."
        return f"{self.field}: {shown!r} is not a known code; allowed: {', '.join(self.codes)}"


@cache
def picklists() -> dict[str, Picklist]:
    raw = tomllib.loads(files("seawall.standard").joinpath("picklists.toml").read_text("utf-8"))
    lists: dict[str, Picklist] = {}
    for field, spec in raw.items():
        values = tuple(Value(v["code"], v["label"], bool(v.get("extension", False))) for v in spec["values"])
        lists[field] = Picklist(
            field=field,
            label=spec["label"],
            values=values,
            multiple=bool(spec.get("multiple", False)),
            unknown=spec.get("unknown"),
            extension=bool(spec.get("extension", False)),
        )
        if lists[field].unknown is not None:
            lists[field].validate(lists[field].unknown)
    return lists


def picklist(field: str) -> Picklist:
    try:
        return picklists()[field]
    except KeyError:
        raise KeyError(f"no picklist named {field!r} in seawall/standard/picklists.toml") from None
