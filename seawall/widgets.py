"""Select and input widgets rendered in Python.

Django renders every <option> through the template engine; a country list has 250 of
them and the case pages carry several, which made option rendering most of a page's time.
A plain <input> through the template engine costs as much as a whole select rendered here,
and the case list's filters carry two. These widgets produce the same HTML directly.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def flatatt(attrs: dict[str, Any]) -> str:
    """Django's flatatt, in the same order (valued attributes, then boolean ones, each by
    name), without its lazy-string wrappers around every escape: those were most of the
    time of rendering a select."""
    valued, flags = [], []
    for key, value in sorted(attrs.items(), key=lambda item: item[0]):
        if value is True:
            flags.append(f" {escape(key)}")
        elif value is not False and value is not None:
            text = value.__html__() if hasattr(value, "__html__") else escape(str(value))
            valued.append(f' {escape(key)}="{text}"')
    return "".join(valued) + "".join(flags)


@lru_cache(maxsize=64)
def _flat_options(choices: tuple[tuple[Any, Any], ...]) -> tuple[tuple[str, str, str], ...]:
    """(value, option HTML, selected option HTML) per choice, escaped once per choice list."""
    out = []
    for value, label in choices:
        text = "" if value is None else str(value)
        v, lab = conditional_escape(text), conditional_escape(label)
        out.append((text, f'<option value="{v}">{lab}</option>', f'<option value="{v}" selected>{lab}</option>'))
    return tuple(out)


@lru_cache(maxsize=64)
def _grouped_options(choices: tuple[Any, ...]) -> tuple[tuple[str | None, str, str], ...]:
    """Like _flat_options, with optgroup open/close tags as entries whose value is None."""
    out: list[tuple[str | None, str, str]] = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            tag = f'<optgroup label="{conditional_escape(value)}">'
            out.append((None, tag, tag))
            out.extend(_flat_options(tuple(tuple(c) for c in label)))
            out.append((None, "</optgroup>", "</optgroup>"))
        else:
            out.extend(_flat_options(((value, label),)))
    return tuple(out)


def _render_options(choices: Any, selected: set[str], stable: bool = False) -> str:
    if stable and isinstance(choices, list):
        options = _options_of_list(choices)
    else:
        options = _grouped_options(tuple(
            (value, tuple(tuple(c) for c in label) if isinstance(label, (list, tuple)) else label) for value, label in choices))
    return "".join(sel if value in selected else plain for value, plain, sel in options)


# Keyed by the identity of a choice list that lives as long as the process (a widget's
# `options` function): hashing 250 nested country tuples on every render cost about a
# millisecond per select. A form's own choices are copied per form, so they are hashed by
# content instead: keyed by identity, a later form's list could reuse a freed list's id and
# be shown another field's options.
_BY_LIST: dict[int, tuple[list[Any], tuple[tuple[str | None, str, str], ...]]] = {}


def _options_of_list(choices: list[Any]) -> tuple[tuple[str | None, str, str], ...]:
    known = _BY_LIST.get(id(choices))
    if known is None or known[0] is not choices:  # the list is kept so its id cannot be reused
        if len(_BY_LIST) > 64:  # an `options` function that builds a new list each call
            _BY_LIST.clear()
        items = tuple((value, tuple(tuple(c) for c in label) if isinstance(label, (list, tuple)) else label)
                      for value, label in choices)
        known = _BY_LIST[id(choices)] = (choices, _grouped_options(items))
    return known[1]


class QuickSelect(forms.Select):
    def __init__(self, attrs: dict[str, Any] | None = None, options: Any = None) -> None:
        # `options`: a cached function returning the choices; rendering then skips Django's
        # per-request normalisation of 250 country choices.
        super().__init__(attrs)
        self.options = options

    def use_required_attribute(self, initial: Any) -> bool:
        # Django's Select looks at the first choice by iterating `choices`, which for a
        # callable normalises all 250 countries on every render; the first is enough.
        if self.options is None or self.allow_multiple_selected:
            return super().use_required_attribute(initial)
        first = next(iter(self.options()), None)
        return not self.is_hidden and first is not None and self._choice_has_empty_value(first)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs or {})
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        values = value if isinstance(value, (list, tuple)) else [value]
        selected = {"" if v is None else str(v) for v in values}
        if self.options is not None:
            options = _render_options(self.options(), selected, stable=True)
        else:
            options = _render_options(self.choices, selected)
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True


class _QuickInputMixin:
    """Django's input.html and attrs.html, written out: the same markup, no template."""

    input_type: str

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs or {})  # type: ignore[attr-defined]
        shown = self.format_value(value)  # type: ignore[attr-defined]
        value_attr = "" if shown is None else f' value="{conditional_escape(shown)}"'
        return mark_safe(f'<input type="{conditional_escape(self.input_type)}" name="{conditional_escape(name)}"'
                         f"{value_attr}{flatatt(final)}>")


class QuickTextInput(_QuickInputMixin, forms.TextInput):
    pass


class QuickNumberInput(_QuickInputMixin, forms.NumberInput):
    pass
