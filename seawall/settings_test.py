"""Test settings: fixed throwaway keys, SQLite unless SEAWALL_TEST_DATABASE_URL names PostgreSQL."""

from __future__ import annotations

import base64
import os

os.environ.setdefault("SEAWALL_SECRET_KEY", "test-only-" + "x" * 60)
os.environ.setdefault(
    "SEAWALL_FIELD_KEYS", "t1:" + base64.b64encode(b"\x01" * 32).decode()
)
os.environ.setdefault("SEAWALL_INDEX_KEY", base64.b64encode(b"\x02" * 32).decode())
os.environ.setdefault("SEAWALL_AUDIT_KEY", base64.b64encode(b"\x03" * 32).decode())
os.environ.setdefault("SEAWALL_SECURE_COOKIES", "0")
if os.environ.get("SEAWALL_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["SEAWALL_TEST_DATABASE_URL"]
else:
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from seawall.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod is Argon2
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
AUDIT_DB_TRIGGERS = False  # see seawall/audit/migrations/0002
os.makedirs(STATIC_ROOT, exist_ok=True)  # whitenoise warns about a missing directory; tests use finders
