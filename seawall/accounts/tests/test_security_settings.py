from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

import seawall.settings as base_settings

REPO = Path(__file__).resolve().parents[3]


def test_passwords_are_hashed_with_argon2_outside_tests():
    assert base_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_idle_timeout_is_thirty_minutes_renewed_on_each_request():
    assert base_settings.SESSION_COOKIE_AGE == 1800 and base_settings.SESSION_SAVE_EVERY_REQUEST


def test_every_page_sends_a_content_security_policy(db):
    response = Client().get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_pass_check_deploy(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "seawall.settings_production",
           "DATABASE_URL": "postgres://seawall@127.0.0.1:5432/seawall",
           "SEAWALL_SECRET_KEY": "p" * 20 + "Q7r!" * 10 + "zz8x" * 5,
           "SEAWALL_ALLOWED_HOSTS": "seawall.example.gy", "SEAWALL_DEBUG": "0", "SEAWALL_ENV_FILE": ""}
    for name in ("SEAWALL_FIELD_KEYS", "SEAWALL_INDEX_KEY", "SEAWALL_AUDIT_KEY"):
        env[name] = getattr(settings, name.removeprefix("SEAWALL_"))
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process only
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_sqlite():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "seawall.settings_production", "DATABASE_URL": "sqlite:///x.db",
           "SEAWALL_SECRET_KEY": "k" * 60, "SEAWALL_DEBUG": "0", "SEAWALL_ENV_FILE": ""}
    for name in ("SEAWALL_FIELD_KEYS", "SEAWALL_INDEX_KEY", "SEAWALL_AUDIT_KEY"):
        env[name] = getattr(settings, name.removeprefix("SEAWALL_"))
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "PostgreSQL" in result.stderr
