"""Django settings, all from the environment (docs/configure.md lists every variable).

Defaults are the secure ones; the demo and the tests relax only what plain-HTTP loopback
serving needs. Production adds its own checks in settings_production.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from seawall.config import env_bool, env_list, env_str, load_env_file

load_env_file()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("SEAWALL_VAR_DIR", str(BASE_DIR.parent / "var")))

DEBUG = env_bool("SEAWALL_DEBUG", False)
SECRET_KEY = env_str("SEAWALL_SECRET_KEY")
ALLOWED_HOSTS = env_list("SEAWALL_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("SEAWALL_CSRF_TRUSTED_ORIGINS")

# The country this node serves (ISO 3166 alpha-3); local phone numbers are read in it.
NODE_COUNTRY = env_str("SEAWALL_NODE_COUNTRY", "GUY")

# Keys for personal data. Field keys are "id:base64", newest first; older ones only decrypt.
FIELD_KEYS = env_str("SEAWALL_FIELD_KEYS")
INDEX_KEY = env_str("SEAWALL_INDEX_KEY")
AUDIT_KEY = env_str("SEAWALL_AUDIT_KEY")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "seawall.accounts",
    "seawall.audit",
    "seawall.jobs",
    "seawall.cases",
    "seawall.transfers",
    "seawall.reports",
    "seawall.sharing",
    "seawall.duplicates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "seawall.accounts.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "seawall.accounts.middleware.RequireSecondFactorMiddleware",
    "seawall.accounts.middleware.LoadedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "seawall.urls"
WSGI_APPLICATION = "seawall.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "seawall.navigation.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'seawall.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the list page read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in security (DESIGN: on by default).
LOGIN_MAX_FAILURES = 5
LOGIN_LOCKOUT_MINUTES = 15
AUTHENTICATION_BACKENDS = ["seawall.accounts.backends.UserWithAgencyBackend"]

SESSION_COOKIE_AGE = 30 * 60  # idle timeout: the cookie is renewed on every request
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_COOKIES = env_bool("SEAWALL_SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
OTP_TOTP_ISSUER = "Seawall"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SEAWALL_LOG_LEVEL", "WARNING")},
}
