"""Settings for Kadry, read from the environment (see .env.example)."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import dj_database_url

from kadry.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KADRY_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else a key generated once and kept under var/."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kadry.core",
    "kadry.staff",
    "kadry.employment",
    "kadry.school",
    "kadry.orders",
    "kadry.documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Employees per page in the registry.
KADRY_PAGE_SIZE = env_int("KADRY_PAGE_SIZE", 50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
