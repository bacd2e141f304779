"""mappings.toml, loaded once into typed specs that readers and writers share."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

from seawall.standard import picklist
from seawall.standard.ctdc import V1_AGE_BANDS

FIELD_KINDS = frozenset({"text", "longtext", "code", "codes", "country", "countries", "date", "bool",
                         "phone", "email", "int", "year", "band", "document"})
CTDC_KINDS = frozenset({"year", "text", "value", "band", "country", "flag", "any", "labour",
                        "relation", "kept"})
AGE_BANDS: tuple[str, ...] = (*V1_AGE_BANDS, "Unknown")


@dataclass(frozen=True)
class FieldSpec:
    path: str  # attribute path in the record, e.g. "case.gender"
    kind: str
    label: str
    htcds: str | None = None
    picklist: str | None = None
    max: int | None = None
    min: int | None = None
    identity: bool = False
    narrative: bool = False
    required: bool = False
    write_as: str = "alpha3"

    @property
    def part(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def attr(self) -> str:
        return self.path.split(".", 1)[1]

    @property
    def multiple(self) -> bool:
        return self.kind in ("codes", "countries")


@dataclass(frozen=True)
class HtcdsLayout:
    separator: str
    template_columns: tuple[str, ...]
    code_aliases: dict[str, str]
    template_labels: dict[str, str]


@dataclass(frozen=True)
class CtdcColumn:
    column: str
    kind: str
    field: str | None = None
    code: str | None = None
    codes: tuple[str, ...] = ()
    values: str | None = None
    unknown: tuple[str, ...] = ()
    industry: str | None = None
    exploitation: str | None = None
    relationship: str | None = None
    reads_as: str | None = None
    role: str | None = None
    derive: str | None = None

    @property
    def verbatim(self) -> bool:
        """Kept as read, whatever Seawall also derives from it."""
        return self.kind in ("kept", "any", "labour", "relation")


@dataclass(frozen=True)
class CtdcSchema:
    name: str  # "v1" or "2024"
    columns: tuple[CtdcColumn, ...]
    positive_only: bool
    country_codes: str  # "alpha2" or "alpha3"
    read_values: dict[str, dict[str, str]]
    write_values: dict[str, dict[str, str]]
    optional_columns: tuple[str, ...]
    column_aliases: dict[str, str]
    recruiter_text: dict[str, str]
    age_band_write: dict[str, str]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.columns)

    @cached_property
    def name_set(self) -> frozenset[str]:
        return frozenset(self.names)


@cache
def _raw() -> dict[str, Any]:
    return tomllib.loads(files("seawall.exchange").joinpath("mappings.toml").read_text("utf-8"))


@cache
def field_specs() -> dict[str, FieldSpec]:
    specs = {}
    for path, spec in _raw()["fields"].items():
        if spec["kind"] not in FIELD_KINDS:
            raise ValueError(f"mappings.toml: field {path} has unknown kind {spec['kind']!r}")
        if "picklist" in spec:
            picklist(spec["picklist"])  # fails loudly if the vocabulary lacks it
        specs[path] = FieldSpec(path=path, **spec)
    return specs


@cache
def htcds_fields() -> dict[str, FieldSpec]:
    """HTCDS code -> field spec."""
    return {spec.htcds: spec for spec in field_specs().values() if spec.htcds}


@cache
def htcds_layout() -> HtcdsLayout:
    raw = _raw()["htcds"]
    layout = HtcdsLayout(
        separator=raw["separator"],
        template_columns=tuple(raw["template_columns"]),
        code_aliases=dict(raw["code_aliases"]),
        template_labels=dict(raw["template_labels"]),
    )
    unknown = [c for c in layout.template_columns if c not in htcds_fields()]
    if unknown:
        raise ValueError(f"mappings.toml: template columns without a field: {unknown}")
    return layout


def _flag_code_known(field_path: str, code: str) -> bool:
    spec = field_specs()[field_path]
    return code in picklist(spec.picklist or "").codes


@cache
def ctdc_schema(name: str) -> CtdcSchema:
    raw = _raw()["ctdc"].get(name)
    if raw is None:
        raise KeyError(f"no CTDC schema {name!r} in mappings.toml (known: v1, 2024)")
    columns = []
    for spec in raw["columns"]:
        spec = dict(spec)
        if spec["kind"] not in CTDC_KINDS:
            raise ValueError(f"mappings.toml: CTDC {name} column {spec['column']} has unknown kind {spec['kind']!r}")
        if "codes" in spec:
            spec["codes"] = tuple(spec["codes"])
        if "unknown" in spec:
            spec["unknown"] = tuple(spec["unknown"])
        # A flag whose code the vocabulary does not (yet) have is kept verbatim instead.
        if spec["kind"] == "flag" and not _flag_code_known(spec["field"], spec["code"]):
            spec = {"column": spec["column"], "kind": "kept"}
        columns.append(CtdcColumn(**spec))
    values = raw.get("values", {})
    return CtdcSchema(
        name=name,
        columns=tuple(columns),
        positive_only=bool(raw["positive_only"]),
        country_codes=raw["country_codes"],
        read_values={k: dict(v["read"]) for k, v in values.items()},
        write_values={k: dict(v["write"]) for k, v in values.items()},
        optional_columns=tuple(raw.get("optional_columns", ())),
        column_aliases=dict(raw.get("column_aliases", {})),
        recruiter_text=dict(raw.get("recruiter_relationship_text", _raw()["ctdc"]["v1"]["recruiter_relationship_text"])),
        age_band_write=dict(raw.get("age_band_write", {})),
    )


@cache
def ctdc_missing() -> frozenset[str]:
    return frozenset(_raw()["ctdc"]["missing"])


@cache
def age_band_aliases() -> dict[str, str]:
    return dict(_raw()["ctdc"]["age_band_aliases"])
