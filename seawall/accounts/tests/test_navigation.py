"""The header's links are reversed once and remembered: they must stay what reverse()
says, under another URL configuration and under a prefix the server mounts Seawall at."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix

from seawall.navigation import HEADER_LINKS, SECTIONS, fixed_url


def test_remembered_urls_are_what_reverse_says() -> None:
    for name in [*HEADER_LINKS.values(), *(name for _, name, _ in SECTIONS)]:
        assert fixed_url(name) == reverse(name), name


def test_a_prefix_and_another_url_configuration_are_not_mixed_up() -> None:
    plain = fixed_url("cases:list")
    set_script_prefix("/node/")
    try:
        assert fixed_url("cases:list") == "/node" + plain == reverse("cases:list")
    finally:
        clear_script_prefix()
    assert fixed_url("cases:list") == plain
    with override_settings(ROOT_URLCONF="benchmarks.node_urls"):
        assert fixed_url("cases:list") == reverse("cases:list")
    with override_settings(ROOT_URLCONF="seawall.accounts.tests.urls_without_cases"):
        assert fixed_url("cases:list") is None  # a section that is not there is left out
    assert fixed_url("cases:list") == plain


@pytest.mark.django_db
def test_the_header_links_to_home_and_sign_out(client_for) -> None:
    body = client_for("caseworker").get(reverse("cases:list")).content.decode()
    assert f'<a class="brand" href="{reverse("cases:home")}">' in body
    assert f'action="{reverse("accounts:logout")}"' in body
