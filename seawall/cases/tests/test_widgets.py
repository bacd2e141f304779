"""QuickSelect renders options in Python with caches: each select must show its own
choices and its own selection, however many forms come and go."""

from __future__ import annotations

import gc
import re

from django import forms

from seawall.cases.forms import CaseFilterForm
from seawall.standard import picklist
from seawall.widgets import QuickSelect


def _values(html: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)"', html)


def test_each_select_shows_its_own_choices_across_many_forms() -> None:
    expected = {name: [""] + [code for code, _ in picklist(field).choices()]
                for name, field in (("status", "cas_Status"), ("gender", "prs_Gender"),
                                    ("exploitation", "vic_TypeOfExploitation"), ("age_group", "seawall_AgeGroup"))}
    for round_ in range(30):
        form = CaseFilterForm({"gender": "Feminine"} if round_ % 2 else None)
        for name, values in expected.items():
            assert _values(str(form[name])) == values, (round_, name)
        del form
        gc.collect()  # frees the form's choice lists so that their ids can be reused


def test_selected_value_and_escaping() -> None:
    class Form(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "<b>A</b>"), ("b\"x", "B")], widget=QuickSelect())

    html = str(Form({"pick": "a"})["pick"])
    assert '<option value="a" selected>&lt;b&gt;A&lt;/b&gt;</option>' in html
    assert 'value="b&quot;x"' in html and "<b>" not in html


def test_country_menu_groups_the_region_first_and_marks_the_choice() -> None:
    html = str(CaseFilterForm({"nationality": "VEN"})["nationality"])
    assert html.index('<optgroup label="The region">') < html.index('<optgroup label="All countries">')
    assert html.count('<option value="VEN" selected>') == 2  # listed in the region and among all
    again = str(CaseFilterForm(None)["nationality"])
    assert "selected>" in again and 'value="VEN" selected' not in again


def test_required_attribute_is_decided_as_django_decides_it() -> None:
    """QuickSelect reads only the first option to decide `required`; Django's Select
    iterates the choices. Both must agree, with and without an empty first choice."""
    def with_blank() -> list[tuple[str, str]]:
        return [("", "—"), ("VEN", "Venezuela")]

    def without_blank() -> list[tuple[str, str]]:
        return [("VEN", "Venezuela"), ("GUY", "Guyana")]

    shown = {}
    for options in (with_blank, without_blank):
        class Both(forms.Form):
            quick = forms.ChoiceField(choices=options, widget=QuickSelect(options=options))
            plain = forms.ChoiceField(choices=options)

        form = Both()
        shown[options.__name__] = "required" in str(form["quick"])
        assert shown[options.__name__] == ("required" in str(form["plain"])), options.__name__
    # HTML asks a required select for an empty first option, so only that one gets it.
    assert shown == {"with_blank": True, "without_blank": False}


def test_quick_inputs_write_what_django_writes() -> None:
    """The search box and the year, with hostile, empty, invalid and required values,
    are the same HTML as Django's own template rendering."""
    from django.test.html import parse_html

    from seawall.widgets import QuickNumberInput, QuickTextInput

    class Quick(forms.Form):
        q = forms.CharField(required=False, max_length=100,
                            widget=QuickTextInput(attrs={"type": "search", "placeholder": 'Name "or" <code>'}))
        year = forms.IntegerField(required=True, min_value=1990, max_value=2100, widget=QuickNumberInput)

    class Plain(forms.Form):
        q = forms.CharField(required=False, max_length=100,
                            widget=forms.TextInput(attrs={"type": "search", "placeholder": 'Name "or" <code>'}))
        year = forms.IntegerField(required=True, min_value=1990, max_value=2100)

    for data in (None, {"q": '"><script>alert(1)</script>', "year": "2024"}, {"q": "", "year": "nineteen"},
                 {"q": "María  José", "year": ""}):
        quick, plain = Quick(data), Plain(data)
        for name in ("q", "year"):
            assert parse_html(str(quick[name])) == parse_html(str(plain[name])), (data, name)
    assert "<script>" not in str(Quick({"q": "<script>"})["q"])
    assert 'type="search"' in str(Quick()["q"]) and 'type="number"' in str(Quick()["year"])


def test_attributes_are_written_as_djangos_flatatt_writes_them() -> None:
    from django.forms.utils import flatatt as djangos
    from django.utils.safestring import mark_safe

    from seawall.widgets import flatatt

    for attrs in ({}, {"id": "id_q", "required": True, "disabled": False, "title": None},
                  {"placeholder": '"><script>&\'', "data-x": 3, "autofocus": True, "class": "a b"},
                  {"value": mark_safe("&amp;"), "aria-describedby": "id_q_helptext"}):
        assert flatatt(attrs) == djangos(attrs), attrs
