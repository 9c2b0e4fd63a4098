"""The API's contract test: schemathesis against the published schema, as an HR inspector and a class teacher.

Builds a fresh database with the demo (SQLite in a temporary directory, or the empty database of
``--database-url``), issues API tokens to the demo's HR inspector and class teacher, starts gunicorn
on a free port of 127.0.0.1 with production settings (DEBUG off), runs ``st run`` with every check and a
bounded number of examples per operation for each token (the two side by side), stops the server and
prints the counts.
Exits non-zero on any server error or answer that does not match the schema.

    .venv/bin/python tools/api_contract.py [--database-url postgres://…/empty_db] [--max-examples N]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
# The demo's users of the lyceum the contract is checked as (kadry/demo/users.py).
PERSONAS = {"инспектор по кадрам": "inspector", "классный руководитель": "teacher7b"}
MAX_EXAMPLES = 3
# Every check but one. positive_data_acceptance expects a 2xx for any body the schema allows, but
# part of the rules cannot be said in a schema: an id of another organisation's or a missing object,
# a СНИЛС checksum, a date before birth, a signed order that cannot change. Those answer 422 with the
# message on the field, by design (docs/api.md). negative_data_rejection runs: input of a type the
# schema does not name is refused before pydantic's lax mode could read it (kadry/api/strict.py).
EXCLUDED_CHECKS = "positive_data_acceptance"
# The schema has no links between operations: the stateful phase would have nothing to follow.
PHASES = "examples,coverage,fuzzing"
SERVER_START_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(database_url: str, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kadry.settings",
        "DATABASE_URL": database_url,
        # Production settings, except what needs HTTPS or a second factor of a person at a browser.
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "KADRY_VAR_DIR": str(work),
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


PREPARE = """
import datetime as dt, json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.utils import timezone
from kadry.api.main import api
from kadry.core.models import Membership
from kadry.core.services import create_api_token
from kadry.orders.models import Order
from kadry.prevention.models import Measure, PreventionCase
from django.http import Http404
from kadry.school.access import classes_for
from kadry.school.models import ClassHour, ClassTeacherAssignment, Enrollment
from kadry.staff.models import Department, Employee, Position, StaffingUnit
from kadry.staff.sections import SECTIONS

today = timezone.localdate()
tokens, parameters = {}, {}
for label, username in json.loads(sys.argv[1]).items():
    user = get_user_model().objects.get(username=username)
    membership = Membership.objects.filter(user=user, is_active=True).order_by("pk").first()
    _token, secret = create_api_token(actor=user, membership=membership, name="contract test")
    tokens[label] = secret
    organisation = membership.organisation_id
    # The employee with the fullest card, a draft order, and the class teacher's class with a student.
    employee = max(
        Employee.objects.filter(organisation_id=organisation).order_by("pk")[:200],
        key=lambda e: sum(s.model.objects.filter(employee=e).exists() for s in SECTIONS.values()),
    )
    # The class teacher's own class; for a role that reaches none, a class of the school (its 404).
    try:
        school_class = classes_for(membership).order_by("pk").first()
    except Http404:
        school_class = None
    if school_class is None:
        led = ClassTeacherAssignment.objects.active(on=today).filter(school_class__organisation_id=organisation)
        school_class = led.order_by("pk").first().school_class
    student = Enrollment.objects.active(on=today).filter(school_class=school_class).order_by("pk").first().student
    common = {
        "employee_id": employee.pk,
        "order_id": Order.objects.filter(organisation_id=organisation, status="draft").order_by("pk").first().pk,
        "class_id": school_class.pk,
        "pk": school_class.pk,
        "student_id": student.pk,
        "year": today.year,
    }
    hour = ClassHour.objects.filter(school_class=school_class).order_by("pk").first()
    if hour is not None:
        common["hour_id"] = hour.pk
    # A prevention case of the class (the demo's 7Б has one) with a measure; else any of the school (its 404).
    cases = PreventionCase.objects.filter(organisation_id=organisation)
    case = cases.filter(student__enrollments__school_class=school_class).order_by("pk").first() or cases.order_by("pk").first()
    if case is not None:
        common["case_id"] = case.pk
        measure = Measure.objects.filter(case=case).order_by("pk").first()
        if measure is not None:
            common["measure_id"] = measure.pk
    operations = {}
    for slug, section in SECTIONS.items():
        row = section.model.objects.filter(employee=employee).order_by("pk").first()
        if row is not None:
            operations[f"/api/v1/employees/{{employee_id}}/{slug}/{{row_id}}"] = {"row_id": row.pk}
    for kind, model in (("departments", Department), ("positions", Position), ("staffing-units", StaffingUnit)):
        operations[f"/api/v1/{kind}/{{object_id}}"] = {"object_id": model.objects.filter(organisation_id=organisation).order_by("pk").first().pk}
    parameters[label] = {"common": common, "operations": [[path, values] for path, values in operations.items()]}
from django.core.serializers.json import DjangoJSONEncoder
json.dump({"tokens": tokens, "parameters": parameters, "schema": api.get_openapi_schema()}, sys.stdout, ensure_ascii=False, cls=DjangoJSONEncoder)
"""


def _prepare(env: dict[str, str]) -> tuple[dict[str, str], dict, dict]:
    """Return the personas' tokens, the ids of the demo's records for each, and the published schema.

    The schema is read in-process: its URL needs a login.
    """
    done = subprocess.run(
        [PYTHON, "-c", PREPARE, json.dumps(PERSONAS)], cwd=ROOT, env=env, check=False, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"tokens and schema not made:\n{done.stderr[-3000:]}")
    prepared = json.loads(done.stdout)
    return prepared["tokens"], prepared["parameters"], prepared["schema"]


def _config(parameters: dict, path: Path) -> Path:
    """Write the schemathesis config that sends the ids of existing records as path parameters.

    Random ids find nothing: every operation on one record would only ever answer 404 and the
    contract would never reach the code behind it. The persona's own records (their class, its
    student, a full card, a draft order) reach it; the other persona's answer the 404 of a role.

    Deletions keep drawn ids. The coverage phase also draws "invalid" path parameters, which a
    pinned value then replaces: a deletion's first such case deleted a real row and was counted as
    invalid input accepted (and once the row is gone, a pinned deletion only answers 404 anyway).
    """
    # No state kept between runs (a cache of crashes in the checkout): each run starts from the seed.
    lines = ["[cache]", "enabled = false"]
    not_deleting = 'include-method-regex = "^(GET|POST|PUT|PATCH)$"'
    entries = [*parameters["operations"], [None, {}]]
    for operation_path, values in entries:
        pinned = {**parameters["common"], **values}
        inline = ", ".join(f'"{name}" = {value}' for name, value in pinned.items())
        lines += ["", "[[operations]]"]
        lines += [f'include-path = "{operation_path}"'] if operation_path else []
        lines += [not_deleting, f"parameters = {{ {inline} }}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [str(BIN / "gunicorn"), "kadry.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "3", "--timeout", "60"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server did not start:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"the server did not answer within {SERVER_START_SECONDS} s")


def _counts(junit: Path) -> dict[str, int]:
    root = ET.parse(junit).getroot()
    cases = root.iter("testcase")
    operations = failed = errors = skipped = 0
    for case in cases:
        operations += 1
        failed += case.find("failure") is not None
        errors += case.find("error") is not None
        skipped += case.find("skipped") is not None
    return {"operations": operations, "failed": failed, "errors": errors, "skipped": skipped}


def _start_schemathesis(
    schema_file: Path, config: Path, port: int, secret: str, report: Path, max_examples: int
) -> subprocess.Popen[bytes]:
    """Start ``st run`` for one persona, its output in the report directory (the personas run side by side)."""
    command = [
        str(BIN / "st"), "--config-file", str(config), "run", str(schema_file),
        "--url", f"http://127.0.0.1:{port}",
        "-H", f"Authorization: Bearer {secret}",
        "--checks", "all",
        "--exclude-checks", EXCLUDED_CHECKS,
        "--phases", PHASES,
        "--max-examples", str(max_examples),
        "--seed", "11",
        # No example database left in the checkout: each run starts from the seed.
        "--generation-database", ":memory:",
        # One thread per persona, the personas in two processes: Hypothesis parses the source of
        # its lambdas on first use, and two threads doing so at once trip CPython 3.11's parser
        # ("AST constructor recursion depth mismatch"), failing an operation at random.
        "--workers", "1",
        "--request-timeout", "30",
        "--suppress-health-check", "all",
        "--no-color",
        "--report", "junit,ndjson",
        "--report-junit-path", str(report / "junit.xml"),
        "--report-ndjson-path", str(report / "events.ndjson"),
    ]  # fmt: skip
    output = (report / "output.txt").open("wb")
    return subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


def _finish_schemathesis(run: subprocess.Popen[bytes], report: Path) -> tuple[int, dict]:
    status = run.wait()
    sys.stdout.write((report / "output.txt").read_text(encoding="utf-8", errors="replace"))
    counts = _counts(report / "junit.xml")
    counts["test cases"] = _test_cases(report / "events.ndjson")
    return status, counts


def _test_cases(events: Path) -> int:
    """Return the number of test cases sent, from the run's event log (each ScenarioFinished carries its cases)."""
    total = 0
    for line in events.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if finished:
            total += len((finished.get("recorder") or {}).get("cases") or {})
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", help="an empty database to build the demo in; SQLite in a temporary directory if left out"
    )
    parser.add_argument("--max-examples", type=int, default=MAX_EXAMPLES)
    arguments = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kadry-contract-") as temporary:
        work = Path(temporary)
        database_url = arguments.database_url or f"sqlite:///{work / 'contract.sqlite3'}"
        env = _environment(database_url, work)
        _manage(env, "migrate", "--no-input")
        _manage(env, "demo", "--force")
        tokens, parameters, schema = _prepare(env)
        schema_file = work / "openapi.json"
        schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
        port = _free_port()
        log = work / "server.log"
        server = _start_server(env, port, log)
        results = {}
        try:
            runs = {}
            for label, secret in tokens.items():
                report = work / label.replace(" ", "_")
                report.mkdir()
                config = _config(parameters[label], report / "schemathesis.toml")
                started_run = _start_schemathesis(schema_file, config, port, secret, report, arguments.max_examples)
                runs[label] = (started_run, report)
            for label, (run, report) in runs.items():
                print(f"\n--- schemathesis as the demo's {label}", flush=True)
                results[label] = _finish_schemathesis(run, report)
        finally:
            server.terminate()
            server.wait(timeout=30)
        server_errors = log.read_text(encoding="utf-8", errors="replace").count("Internal Server Error")
    failed = False
    for label, (status, counts) in results.items():
        figures = ", ".join(f"{name} {number}" for name, number in counts.items())
        print(f"API contract as {label}: {figures}; exit status {status}")
        failed = failed or status != 0 or counts["failed"] > 0 or counts["errors"] > 0
    print(f"API contract: server errors logged {server_errors}; took {time.monotonic() - started:.0f} s")
    return 1 if failed or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
