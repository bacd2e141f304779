"""Select widgets rendered in Python.

Django renders every <option> through the template engine; a country list has 250 of
them and the case pages carry several, which made option rendering most of a page's time.
These widgets produce the same HTML directly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _options(choices: Any, selected: set[str]) -> str:
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an optgroup
            parts.append(f'<optgroup label="{conditional_escape(value)}">{_options(label, selected)}</optgroup>')
            continue
        text = "" if value is None else str(value)
        chosen = " selected" if text in selected else ""
        parts.append(f'<option value="{conditional_escape(text)}"{chosen}>{conditional_escape(label)}</option>')
    return "".join(parts)


@lru_cache(maxsize=64)
def _flat_options(choices: tuple[tuple[Any, Any], ...]) -> tuple[tuple[str, str, str], ...]:
    """(value, option HTML, selected option HTML) per choice, escaped once per choice list."""
    out = []
    for value, label in choices:
        text = "" if value is None else str(value)
        v, lab = conditional_escape(text), conditional_escape(label)
        out.append((text, f'<option value="{v}">{lab}</option>', f'<option value="{v}" selected>{lab}</option>'))
    return tuple(out)


def _render_options(choices: Any, selected: set[str]) -> str:
    items = tuple(choices)
    if any(isinstance(label, (list, tuple)) for _, label in items):
        return _options(items, selected)
    return "".join(sel if value in selected else plain for value, plain, sel in _flat_options(items))


class QuickSelect(forms.Select):
    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs or {})
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        values = value if isinstance(value, (list, tuple)) else [value]
        selected = {"" if v is None else str(v) for v in values}
        return mark_safe(f"<select{flatatt(final)}>{_render_options(self.choices, selected)}</select>")


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True
