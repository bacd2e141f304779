"""Every form control on the main pages has a label, and pages declare their language."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label":
            self.open_labels += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        if tag in {"input", "select", "textarea"} and a.get("type") not in {"hidden", "submit"}:
            self.controls.append({**a, "_in_label": "yes" if self.open_labels else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1


@pytest.mark.parametrize("page", ["cases:list", "cases:create", "accounts:login"])
def test_every_control_has_a_label(page, client_for, make_case):
    make_case()
    response = client_for("caseworker").get(reverse(page))
    parser = _Controls()
    parser.feed(response.content.decode())
    assert parser.lang == "en"
    assert parser.controls
    unlabelled = [c.get("name") for c in parser.controls if not c["_in_label"] and c.get("id") not in parser.label_for]
    assert unlabelled == []
