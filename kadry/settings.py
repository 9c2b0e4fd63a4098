"""Settings for Kadry, read from the environment (see .env.example)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from kadry.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KADRY_VAR_DIR", str(BASE_DIR / "var")))
# The database, the secret key and the uploads are personal data: readable by the server's user only
# (152-ФЗ ст. 19; ASVS 5.0 V13.3). Created so; an existing folder keeps the mode its owner gave it.
VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else a key generated once and kept under var/."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Created 0600 at once, not chmod-ed after being written readable.
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as out:
            out.write(secrets.token_urlsafe(50))
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "kadry.core",
    "kadry.staff",
    "kadry.employment",
    "kadry.leave",
    "kadry.school",
    "kadry.orders",
    "kadry.documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kadry.core.middleware.CurrentMembershipMiddleware",
    "kadry.core.middleware.HtmxLoginRedirectMiddleware",
]

ROOT_URLCONF = "kadry.urls"
WSGI_APPLICATION = "kadry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kadry" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kadry.core.context_processors.membership",
            ],
        },
    },
]

# Widgets render through Django's own Jinja2 copies of its widget templates: the same HTML, cheaper
# (the registry's three filter selects: 1.64 ms with Django templates, 1.19 ms with Jinja2; issue #5).
FORM_RENDERER = "django.forms.renderers.Jinja2"

# SQLite under var/ by default; PostgreSQL (production) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kadry.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite creates a missing database file world-readable (0644 under the usual umask), and its WAL
    # and shared-memory files take the database file's mode: create it 0600 first.
    _sqlite_file = str(DATABASES["default"]["NAME"])
    if (
        os.path.isabs(_sqlite_file)
        and os.path.isdir(os.path.dirname(_sqlite_file))
        and not os.path.exists(_sqlite_file)
    ):
        os.close(os.open(_sqlite_file, os.O_WRONLY | os.O_CREAT, 0o600))
    # IMMEDIATE transactions take the write lock at BEGIN, so concurrent writers wait
    # (busy timeout) instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif env_bool("DB_PREPARED_STATEMENTS", True):
    # Parameters bound by the server, and a query run five times on a connection is prepared: PostgreSQL
    # stops planning it again. Planning took 1.3 ms of the registry's 1.5 ms page query; pages cost
    # 10–25 % less (issue #5, in-process on the region data). Needs persistent connections to pay off;
    # turn off (DB_PREPARED_STATEMENTS=0) behind a pooler in transaction mode that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Filled by collectstatic in production; WhiteNoise also serves straight from the installed packages.
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "kadry" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files from the installed packages without collectstatic (no CDN, works offline).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# Background work (batch documents, imports, reports) goes through Django's Tasks API.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

SESSION_COOKIE_HTTPONLY = True

# --- Security headers (issue 10, section 8) -------------------------------------------------------
# Production defaults follow from DEBUG off; each one can be turned off by the environment where a
# proxy in front already does it. `manage.py check --deploy` is clean with the production environment
# documented in the README (kadry/core/tests/test_deploy_check.py runs it).
# HTTPS only: plain-HTTP requests are redirected (turn off when the proxy in front redirects itself).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a proxy that ends TLS: the header it sets, "NAME=value", e.g. X-Forwarded-Proto=https. Only
# set it when the proxy always overwrites that header, or a client could claim HTTPS over plain HTTP.
_proxy_ssl_header = env_str("SECURE_PROXY_SSL_HEADER")
if _proxy_ssl_header:
    _name, _, _value = _proxy_ssl_header.partition("=")
    _name = _name.strip().upper().replace("-", "_").removeprefix("HTTP_")
    SECURE_PROXY_SSL_HEADER = (f"HTTP_{_name}", _value.strip() or "https")
# HSTS: browsers refuse plain HTTP to this host for a year (OWASP ASVS 5.0 V3.4.1 asks for at least
# a year, 31536000 s, with subdomains). Sent only over HTTPS; 0 turns it off.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading commits the whole domain to HTTPS in every browser: the domain owner's decision, off by default.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Session and CSRF cookies travel over HTTPS only unless DEBUG is on. SECURE_COOKIES overrides both.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for SECURE_HSTS_PRELOAD; preloading is the domain owner's commitment, opt-in above.
    "security.W021",
]

# Content-Security-Policy (django-csp 4): scripts and styles from our own static files only, never
# inline (templates pass data through data-* attributes or json_script), no outside origin (the app
# works offline, no CDN), no framing, no plugins. Applied with DEBUG on too, so the browser tests
# exercise it; they fail on any violation (kadry/browser_tests/conftest.py).
# img-src data: serves the SVG icons of Swagger UI at /api/v1/docs; data: images run no code.
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only: browsers report
# violations to the console without blocking, to try the policy on a site before enforcing it.
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
# --- end of security headers ----------------------------------------------------------------------

# Employees per page in the registry.
KADRY_PAGE_SIZE = env_int("KADRY_PAGE_SIZE", 50)

# Uploaded tables (the employee and the student imports) are refused past these bounds, so that no
# file can exhaust the server's memory or time (ASVS 5.0 V5.2.1 file size, V5.2.3 uncompressed size and
# number of files of an archive). Measured: 20,000 employees are a 2.6 MB CSV, or an 0.9 MB XLSX of
# 14 MB unpacked (openpyxl's inline strings; Excel's shared strings are smaller) read in about 5 s.
KADRY_IMPORT_MAX_BYTES = env_int("KADRY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
KADRY_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("KADRY_IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
KADRY_IMPORT_MAX_MEMBERS = 100  # an XLSX written by Excel or LibreOffice holds 10–20 files
KADRY_IMPORT_MAX_ROWS = env_int("KADRY_IMPORT_MAX_ROWS", 20_000)  # a large school's register, twice
KADRY_IMPORT_MAX_COLUMNS = 100  # the imports know under 20 columns; cells further right are ignored
# A file kept between the dry run and «Загрузить» (or of a job that never ran) is deleted by
# `manage.py purge_files` once this old; an imported one is deleted at once.
KADRY_UPLOAD_KEEP_HOURS = env_int("KADRY_UPLOAD_KEEP_HOURS", 24)
# Generated batch files (ZIPs of personal cards) hold personal data: `purge_files` deletes them after
# this many days; the job row stays, and the documents are generated again on request.
KADRY_GENERATED_FILES_DAYS = env_int("KADRY_GENERATED_FILES_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
