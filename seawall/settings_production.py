"""Production: PostgreSQL behind gunicorn and a TLS-terminating proxy (docs/install.md)."""

from __future__ import annotations

from seawall.config import ConfigError, env_bool, env_str
from seawall.settings import *  # noqa: F403
from seawall.settings import DATABASES, DEBUG, SECRET_KEY

if DEBUG:
    raise ConfigError("SEAWALL_DEBUG must be off in production")
if len(SECRET_KEY) < 50:
    raise ConfigError("SEAWALL_SECRET_KEY must be at least 50 random characters (seawall genkeys)")
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ConfigError("DATABASE_URL must point to PostgreSQL in production")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SEAWALL_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env_str("SEAWALL_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
