"""Finding the services the optional test suites need: PostgreSQL and Chromium."""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse


def postgres_url() -> str:
    return os.environ.get("SEAWALL_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/seawall")


def postgres_reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), timeout=2):
            pass
    except OSError:
        return False
    try:
        import psycopg
    except ImportError:
        return False
    try:
        # The test database is created from the maintenance database "postgres".
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def chromium_path() -> str | None:
    explicit = os.environ.get("SEAWALL_CHROMIUM")
    if explicit and os.path.exists(explicit):
        return explicit
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None
