"""Settings for Kadry, read from the environment (see .env.example)."""

from __future__ import annotations

import datetime as dt
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
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kadry.core",
    "kadry.staff",
    "kadry.employment",
    "kadry.leave",
    "kadry.absences",
    "kadry.timesheet",
    "kadry.discipline",
    "kadry.awards",
    "kadry.military",
    "kadry.obligations",
    "kadry.retirement",
    "kadry.attestation",
    "kadry.school",
    "kadry.grades",
    "kadry.prevention",
    "kadry.orders",
    "kadry.documents",
    "kadry.reports",
    # After kadry.core: its ``db_worker`` (sweep the jobs of dead workers, then run) overrides theirs.
    "django_tasks",
    "django_tasks_db",
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
    "django_otp.middleware.OTPMiddleware",
    "kadry.core.middleware.CurrentMembershipMiddleware",
    "kadry.core.middleware.HtmxLoginRedirectMiddleware",
    # Inside the htmx redirect so that a fragment asked for after the session ended sends the page away.
    "kadry.core.login_middleware.SessionLimitsMiddleware",
    "kadry.core.login_middleware.LoginStepsMiddleware",
    # Last: turns a lock-out flagged during authentication into the lock-out page.
    "axes.middleware.AxesMiddleware",
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

# A PostgreSQL streaming replica (hot standby) of the primary, for the report pages and exports that
# opt in with ``kadry.core.db_router.reads_from_replica``; everything else, every write, and every read
# after a write in the same request stay on the primary (kadry/core/db_router.py, docs/deployment.md).
# Unset: one database, as before.
if _replica_url := env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    if "OPTIONS" in DATABASES["default"] and DATABASES["replica"]["ENGINE"] == DATABASES["default"]["ENGINE"]:
        DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"]["OPTIONS"])
    # Tests: no test database is created on the standby (it cannot write); the primary's test database
    # reaches it through replication under the same name.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["kadry.core.db_router.ReplicaRouter"]
# Behind PgBouncer in transaction mode a server-side cursor (QuerySet.iterator(): the access log's
# export, verify_audit) would outlive the server connection the pooler lent for one transaction:
# fetch whole results instead (docs/deployment.md).
if env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# New passwords: at least 12 characters and not among the 20,000 common ones (OWASP ASVS 5.0, 6.2.1, 6.2.4).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Logging in: django-axes counts failures before the password is checked; it must come first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out after 5 failed log-ins, for 15 minutes, counted per account and, separately, per address
# (issue 10; OWASP ASVS 5.0, 6.3.1). The lock-out runs its full 15 minutes from the fifth failure.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# The client address as the access log sees it: behind KADRY_TRUSTED_PROXIES proxies, never blindly.
AXES_CLIENT_IP_CALLABLE = "kadry.core.access.client_ip"
# Our own SecurityEvent log records each attempt; axes keeps only its counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Two-factor authentication (TOTP with recovery codes) for the personal-data roles
# (kadry.core.permissions.PERSONAL_DATA_ROLES): required whenever DEBUG is off.
KADRY_REQUIRE_2FA = env_bool("KADRY_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Кадры")
# Recovery codes issued at a time; each works once.
KADRY_RECOVERY_CODES = 10

# Sessions: the cookie ends with the browser; 30 minutes without a request end any session, and a
# personal-data role's session ends 12 hours after log-in whatever it does (issue 10; ASVS 5.0, 7.3).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
KADRY_SESSION_IDLE_MINUTES = env_int("KADRY_SESSION_IDLE_MINUTES", 30)
KADRY_SESSION_MAX_HOURS = env_int("KADRY_SESSION_MAX_HOURS", 12)

# API tokens expire a year after they are created unless another lifetime is configured.
KADRY_API_TOKEN_LIFETIME_DAYS = env_int("KADRY_API_TOKEN_LIFETIME_DAYS", 365)

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
# Seconds without a heartbeat after which a running job's worker is taken for dead and the job is
# marked failed (kadry.core.heartbeat); a running job beats every quarter of it.
KADRY_JOB_HEARTBEAT_TIMEOUT = env_int("KADRY_JOB_HEARTBEAT_TIMEOUT", 120)

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
# A databank report over more schools than this (a centralised HR service summing the schools it serves)
# is not counted in the request but by a background job producing its XLSX: measured over a region
# (1,000 schools, 90,000 on the list) a report takes 10–50 s in process (bench/inproc.py reports).
KADRY_REPORT_JOB_SCHOOLS = env_int("KADRY_REPORT_JOB_SCHOOLS", 50)

# The terms of the deadlines page and the home pages, the obligations register and a school's summary of
# grades are kept in the cache under the state of the organisations' change chains (kadry/core/memory.py):
# recomputed after any change, or after this many seconds at the latest (a change made outside the
# services). 0: computed on every page.
KADRY_MEMORY_SECONDS = env_int("KADRY_MEMORY_SECONDS", 120)

# Reverse proxies in front of the server that append the client's address to X-Forwarded-For. The
# access log takes the address that many entries from the right (0: REMOTE_ADDR); the client writes
# the header's left part itself, so it is never trusted blindly (ASVS 5.0 V16.2, Приказ ФСТЭК № 21 РСБ.3).
KADRY_TRUSTED_PROXIES = env_int("KADRY_TRUSTED_PROXIES", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
