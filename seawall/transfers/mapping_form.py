"""The mapping page's form: one choice of Seawall field per column of a unit's spreadsheet,
with optional value translations ("F = Feminine"), producing seawall.exchange's mapping
format (`load_table_mapping` checks it, so a saved mapping always loads)."""

from __future__ import annotations

from typing import Any

from django import forms

from seawall.exchange import ColumnInfo, MappingError, load_table_mapping, table_fields
from seawall.standard import picklist
from seawall.standard.geo import country_choices_grouped
from seawall.transfers.forms import DATE_ORDERS
from seawall.widgets import QuickSelect


def field_choices() -> list[Any]:
    groups: dict[str, list[tuple[str, str]]] = {"Identity (personal data)": [], "Case (HTCDS)": [],
                                                "Seawall and CTDC fields": []}
    for spec in table_fields():
        name = spec.htcds or spec.path
        group = "Identity (personal data)" if spec.identity else "Case (HTCDS)" if spec.htcds else "Seawall and CTDC fields"
        groups[group].append((name, f"{spec.label} ({name})"))
    return [("", "— not imported —"), *((label, items) for label, items in groups.items())]


def parse_values(text: str) -> dict[str, str]:
    """"F = Feminine" lines (":" works too) -> {"F": "Feminine"}."""
    values = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        for separator in ("=", ":"):
            if separator in line:
                word, _, code = line.partition(separator)
                if word.strip() and code.strip():
                    values[word.strip()] = code.strip()
                    break
        else:
            raise forms.ValidationError(f"line {number}: write the file's word, '=', then the Seawall code, "
                                        f"e.g. F = Feminine (not {line.strip()[:40]!r})")
    return values


def values_text(values: dict[str, str]) -> str:
    return "\n".join(f"{word} = {code}" for word, code in values.items())


class MappingForm(forms.Form):
    name = forms.CharField(max_length=100, label="Save this mapping as",
                           help_text="Your agency's colleagues can reuse it for the next file laid out the same way.")
    header_row = forms.IntegerField(min_value=1, max_value=50, initial=1, label="Row holding the column names")
    date_order = forms.ChoiceField(choices=DATE_ORDERS, initial="ISO", label="Dates typed as text are written",
                                   widget=QuickSelect)
    default_country = forms.ChoiceField(choices=[("", "—"), *country_choices_grouped()], required=False,
                                        label="Country of phone numbers written without +country code",
                                        widget=QuickSelect)
    default_status = forms.ChoiceField(
        choices=[("", "— none: rows must give it —"), *picklist("vic_TraffickingStatus").choices()], required=False,
        label="Trafficking status for rows that leave it empty", widget=QuickSelect,
        help_text="HTCDS requires a trafficking status on every case.")

    def __init__(self, *args: Any, columns: list[ColumnInfo], mapping: dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = [c for c in columns if c.header]
        mapping = mapping or {}
        mapped = mapping.get("columns", {})
        choices = field_choices()
        for column in self.columns:
            entry = mapped.get(column.header)
            chosen = entry if isinstance(entry, str) else (entry or {}).get("field") if entry else None
            self.fields[f"col_{column.index}"] = forms.ChoiceField(
                choices=choices, required=False, label=f"{column.letter}: {column.header}", widget=QuickSelect,
                initial=chosen if mapping else column.suggestion)
            self.fields[f"vals_{column.index}"] = forms.CharField(
                required=False, label=f"Values in {column.header} that are not Seawall codes",
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=values_text(entry.get("values", {})) if isinstance(entry, dict) else "",
                help_text="One per line, e.g. F = Feminine")
        if mapping:
            self.initial.update({"header_row": mapping.get("header_row", 1), "date_order": mapping.get("date_order", "ISO"),
                                 "default_country": mapping.get("default_country", ""),
                                 "default_status": (mapping.get("defaults") or {}).get("vic_TraffickingStatus", "")})

    def column_rows(self) -> list[tuple[ColumnInfo, Any, Any]]:
        return [(c, self[f"col_{c.index}"], self[f"vals_{c.index}"]) for c in self.columns]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        columns: dict[str, Any] = {}
        for column in self.columns:
            chosen = data.get(f"col_{column.index}")
            if not chosen:
                continue
            try:
                values = parse_values(data.get(f"vals_{column.index}") or "")
            except forms.ValidationError as error:
                self.add_error(f"vals_{column.index}", error)
                continue
            columns[column.header] = {"field": chosen, "values": values} if values else chosen
        if not columns:
            raise forms.ValidationError("Choose a Seawall field for at least one column.")
        mapping: dict[str, Any] = {"header_row": data.get("header_row") or 1, "date_order": data.get("date_order") or "ISO",
                                   "columns": columns}
        if data.get("default_country"):
            mapping["default_country"] = data["default_country"]
        if data.get("default_status"):
            mapping["defaults"] = {"vic_TraffickingStatus": data["default_status"]}
        try:
            load_table_mapping(mapping)
        except MappingError as error:
            raise forms.ValidationError(f"This mapping cannot be used: {error}") from None
        data["mapping"] = mapping
        return data
