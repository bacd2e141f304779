from __future__ import annotations

from django import template

from seawall.standard import country_name, picklist

register = template.Library()


@register.filter
def country(code: str) -> str:
    return country_name(code) if code else ""


@register.filter
def labels(codes: list[str], field: str) -> str:
    """HTCDS codes of a multi-select shown with their labels."""
    lst = picklist(field)
    return ", ".join(lst.label_of(code) if code in lst.codes else code for code in codes)
