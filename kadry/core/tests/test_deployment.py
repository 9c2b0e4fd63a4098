"""The production environment the README documents: `check --deploy` is clean, and DEBUG off turns on
HTTPS-only defaults that the environment can switch off where a proxy in front does the work.

Each case starts a fresh interpreter: settings are read from the environment once, at import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings

# The production environment of the README's «Безопасность / Security» section (the secret is a sample:
# 50 random URL-safe characters, as `python -c 'import secrets; print(secrets.token_urlsafe(50))'` prints).
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "h3Yq8Zr0vXbN2kT6mWcD9sLfA1uGpE5jR7oI4nVyBxQaSdHeKtMz",
    "ALLOWED_HOSTS": "kadry.school.example",
    "CSRF_TRUSTED_ORIGINS": "https://kadry.school.example",
    "DATABASE_URL": "postgres://kadry:password@127.0.0.1:5432/kadry",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto=https",
}
# Variables a developer's, CI's or this test run's environment may carry; each case starts without them.
SETTINGS_VARIABLES = {
    *PRODUCTION_ENV,
    "SECRET_KEY_FILE",
    "DATABASE_URL_FILE",
    "DATABASE_REPLICA_URL",
    "DATABASE_REPLICA_URL_FILE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_COOKIES",
    "CSP_REPORT_ONLY",
    # Set by the browser tests' conftest for Playwright; a production server must never have it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
SHOWN = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
)


def _run(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    # The generated secret key and the SQLite file of a bare run stay in the test's own folder.
    clean.update(env, KADRY_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="kadry.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True, timeout=120
    )


def _settings(tmp_path: Path, **env: str) -> dict[str, Any]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {SHOWN!r}}}))"
    )
    result = _run(tmp_path, env, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path: Path) -> None:
    result = _run(tmp_path, PRODUCTION_ENV, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    # The one silenced check is security.W021 (HSTS preload), listed with its reason in settings.py.
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_debug_off_means_https_only_hsts_for_a_year_and_secure_cookies(tmp_path: Path) -> None:
    values = _settings(tmp_path, DEBUG="0")

    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True


def test_behind_a_proxy_the_environment_trusts_its_header_and_leaves_the_redirect_to_it(tmp_path: Path) -> None:
    values = _settings(
        tmp_path,
        DEBUG="0",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto=https",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="600",
    )

    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 600


def test_debug_on_serves_plain_http_with_the_same_content_security_policy(tmp_path: Path) -> None:
    debug = _settings(tmp_path, DEBUG="1")
    production = _settings(tmp_path, DEBUG="0")

    assert debug["SECURE_SSL_REDIRECT"] is debug["SESSION_COOKIE_SECURE"] is False
    assert debug["SECURE_HSTS_SECONDS"] == 0
    assert debug["CONTENT_SECURITY_POLICY"] == production["CONTENT_SECURITY_POLICY"]
    assert debug["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]


def test_csp_report_only_sends_the_same_policy_without_enforcing_it(tmp_path: Path) -> None:
    enforced = _settings(tmp_path, DEBUG="0")
    trial = _settings(tmp_path, DEBUG="0", CSP_REPORT_ONLY="1")

    assert trial["CONTENT_SECURITY_POLICY"] is None
    assert trial["CONTENT_SECURITY_POLICY_REPORT_ONLY"] == enforced["CONTENT_SECURITY_POLICY"]
