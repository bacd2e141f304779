"""A caseworker on a slow link: the case list's first load stays under 150 KB."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

BUDGET = 150 * 1024


def test_case_list_first_load_is_under_150_kb(client_for, make_case):
    for i in range(30):  # more than a page, so the page is full
        make_case(given=f"Nombre{i} Compuesto", family="Apellido Largo de Prueba")
    response = client_for("caseworker").get(reverse("cases:list"))
    html = response.content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+)"', html)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    total = len(response.content)
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as handle:
            total += len(handle.read())
    assert total < BUDGET, f"{total / 1024:.0f} KB (uncompressed; gzip makes it smaller still)"
    assert html.count("<tr>") >= 26  # header + 25 rows: the budget holds with a full page
