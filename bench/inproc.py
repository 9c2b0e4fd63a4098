"""In-process parts of the benchmark, run by ``bench/run.py`` in a subprocess on the server's core.

``info``       print what the HTTP scenarios need (ids, a search term, the attendance grid URL if any).
``scenarios``  length of service vs one SQL query; Т-3 rows written with openpyxl alone; signing
               100 orders one by one vs 8 threads at once; importing 10,000 employees from CSV vs a
               bare bulk insert; saving a class's attendance; filling this month's timesheets of every department of
               every organisation (the background job's work); the databank's reports summed over every
               organisation. Prints one JSON object.
``import``     only the import and attendance scenarios (``--employees``, ``--rounds``).
``timesheet``  only filling the timesheets of every department of every organisation for this month.
``reports``    only the databank's reports over every organisation at once (a region's centralised service).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kadry.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from kadry.bench_data.generate import BENCH_SERVICE_USER, bench_users, serve_schools  # noqa: E402
from kadry.core import append_only  # noqa: E402
from kadry.core.models import AuditChainHead, BackgroundJob, ChangeRecord, Membership, Organisation  # noqa: E402
from kadry.employment import rules  # noqa: E402
from kadry.employment.seniority import service_report, sources_for_organisations  # noqa: E402
from kadry.lib.identifiers import snils_check_digits  # noqa: E402
from kadry.orders.models import Order  # noqa: E402
from kadry.orders.services import create_draft, save_item, sign_order  # noqa: E402
from kadry.school.models import Enrollment, SchoolClass, Student  # noqa: E402
from kadry.school.queries.attendance import enrolled_students  # noqa: E402
from kadry.school.services.attendance import MarkInput, day_refusal, save_day  # noqa: E402
from kadry.staff import services_import  # noqa: E402
from kadry.staff.importing import HEADERS  # noqa: E402
from kadry.staff.models import Department, Employee  # noqa: E402
from kadry.staff.queries import staffing_table  # noqa: E402
from kadry.timesheet.services import fill_month  # noqa: E402


def bench_organisation_id() -> int:
    org = Membership.objects.filter(user__username="bench_hr").values_list("organisation_id", flat=True).first()
    if org is None:
        raise SystemExit("No bench_hr user: generate the bench data first.")
    return org


def _prepare_leave_and_absences(department: Department) -> dict[str, int]:
    """Give the measured department what a real one has (idempotent on a kept database): next year's
    vacation plan with two parts per employee, and this month's sick leave of one employee in ten, so
    the schedule and the timesheet pages are measured with data in them, not empty.
    """
    from kadry.absences.models import Absence
    from kadry.absences.services import record_absence
    from kadry.leave import schedule as schedules
    from kadry.leave.models import PlannedLeave

    actor = bench_users()["bench_hr"]
    today = timezone.localdate()
    year = today.year + 1
    people = list(
        Employee.objects.of(department.organisation_id)
        .with_status(Employee.Status.WORKING)
        .placed(department_id=department.pk, on=dt.date(year, 1, 1))
        .order_by("pk")
    )
    plan = schedules.schedule_for(department.organisation_id, year)
    if not PlannedLeave.objects.filter(schedule=plan, department=department).exists():
        rows = []
        for index, person in enumerate(people):
            # Spread over the summer holidays, 14 days then the rest: the checks pass for most.
            start = dt.date(year, 6, 1) + dt.timedelta(days=(index * 3) % 60)
            rows.append(schedules.PlanRow(person, start, 14))
            rows.append(schedules.PlanRow(person, start + dt.timedelta(days=21), 42))
        schedules.save_department_plan(
            actor=actor, schedule=plan, department=department, version=plan.version, rows=rows
        )
    month_start = today.replace(day=1)
    sick = 0
    if not Absence.objects.filter(organisation_id=department.organisation_id, start__gte=month_start).exists():
        for index, person in enumerate(people[::10]):
            start = month_start + dt.timedelta(days=index % 20)
            record_absence(
                actor=actor, employee=person,
                data={"kind": Absence.Kind.SICK, "start": start, "end": start + dt.timedelta(days=6),
                      "sick_leave_number": f"9{person.pk:011d}"[-12:], "sick_reason": Absence.SickReason.OWN_ILLNESS},
            )  # fmt: skip
            sick += 1
    return {"planned_employees": len(people), "sick_leaves_added": sick}


def info() -> dict[str, Any]:
    org = bench_organisation_id()
    if not Membership.objects.filter(user__username=BENCH_SERVICE_USER).exists():
        # A database generated before the centralised service existed (BENCH_REUSE) gets it now: cheap.
        serve_schools(bench_users()[BENCH_SERVICE_USER])
    department = Department.objects.filter(organisation_id=org, name="Педагогический состав").first()
    prepared = _prepare_leave_and_absences(department) if department is not None else {}
    # The filtered list searches for someone who is there: a teacher, by the start of the surname.
    working = Employee.objects.of(org).with_status(Employee.Status.WORKING)
    if department is not None:
        working = working.placed(department_id=department.pk, on=timezone.localdate())
    sample = list(working[:100])
    employee = sample[len(sample) // 2]
    school_class = SchoolClass.objects.filter(organisation_id=org).order_by("grade", "letter").first()
    grid = reverse("school:attendance_grid", kwargs={"pk": school_class.pk}) if school_class else ""
    # Issue 16: the quarter's analysis of a class and the summary of every class of the school.
    grades = reverse("grades:class_analysis", kwargs={"pk": school_class.pk}) + "?term=q1" if school_class else ""
    return {
        "organisation_id": org,
        "employee_id": employee.pk,
        "search": employee.last_name[:3].lower(),
        "department_id": department.pk if department else None,
        "attendance_grid": grid,
        "grades_class": grades,
        "grades_summary": reverse("grades:summary") + "?term=q1" if school_class else "",
        "leave_schedule": reverse("leave:department", args=[timezone.localdate().year + 1, department.pk])
        if department
        else "",
        # The department's timesheet of this month (issue 13: p95 ≤ 100 ms at region scale).
        "timesheet": reverse(
            "timesheet:sheet", args=[timezone.localdate().year, timezone.localdate().month, department.pk]
        )
        if department
        else "",
        # Issue 14: the centralised HR service's registry across every school (the bench_service user).
        "serviced_registry": reverse("serviced_employee_list")
        if Membership.objects.filter(user__username="bench_service").exists()
        else "",
        "employees": Employee.objects.count(),
        "organisations": Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).count(),
        **prepared,
    }


# Length of service ----------------------------------------------------------------------------------

# Total length of service by Приказ № 585н п. 20–21, the same arithmetic as kadry.employment.rules:
# periods cut at the date, overlapping and touching ones merged (gaps and islands), whole calendar
# months of each merged period plus its days left over, 30 days = a month, 12 months = a year.
SQL_POSTGRES = """
WITH p AS (
    SELECT employee_id, start AS s, LEAST(COALESCE("end", %(on)s), %(on)s) AS f
    FROM staff_priorjob WHERE organisation_id IN ({orgs}) AND start <= %(on)s
    UNION ALL
    SELECT employee_id, start, LEAST(COALESCE("end", %(on)s), %(on)s)
    FROM employment_assignment WHERE organisation_id IN ({orgs}) AND start <= %(on)s
), o AS (
    SELECT employee_id, s, f, MAX(f) OVER (
        PARTITION BY employee_id ORDER BY s, f ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev
    FROM p
), g AS (
    SELECT employee_id, s, f, SUM(CASE WHEN prev IS NULL OR s > prev + 1 THEN 1 ELSE 0 END) OVER (
        PARTITION BY employee_id ORDER BY s, f ROWS UNBOUNDED PRECEDING) AS grp
    FROM o
), i AS (
    SELECT employee_id, MIN(s) AS s, MAX(f) + 1 AS a FROM g GROUP BY employee_id, grp
), m AS (
    SELECT employee_id, s, a, (12 * (EXTRACT(YEAR FROM a) - EXTRACT(YEAR FROM s))
        + EXTRACT(MONTH FROM a) - EXTRACT(MONTH FROM s)
        - CASE WHEN EXTRACT(DAY FROM a) < EXTRACT(DAY FROM s) THEN 1 ELSE 0 END)::int AS months
    FROM i
), d AS (
    SELECT employee_id, months, s, a, (s + make_interval(months => months))::date AS x FROM m
), t AS (
    SELECT employee_id, SUM(months)::int AS months, SUM(a - CASE WHEN EXTRACT(DAY FROM x) < EXTRACT(DAY FROM s)
        THEN (date_trunc('month', x) + interval '1 month')::date ELSE x END)::int AS days
    FROM d GROUP BY employee_id
)
SELECT employee_id, (months + days / 30) / 12, (months + days / 30) %% 12, days %% 30 FROM t
"""
SQL_SQLITE = """
WITH p AS (
    SELECT employee_id, start AS s, MIN(COALESCE("end", %(on)s), %(on)s) AS f
    FROM staff_priorjob WHERE organisation_id IN ({orgs}) AND start <= %(on)s
    UNION ALL
    SELECT employee_id, start, MIN(COALESCE("end", %(on)s), %(on)s)
    FROM employment_assignment WHERE organisation_id IN ({orgs}) AND start <= %(on)s
), o AS (
    SELECT employee_id, s, f, MAX(f) OVER (
        PARTITION BY employee_id ORDER BY s, f ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev
    FROM p
), g AS (
    SELECT employee_id, s, f, SUM(CASE WHEN prev IS NULL OR s > date(prev, '+1 day') THEN 1 ELSE 0 END) OVER (
        PARTITION BY employee_id ORDER BY s, f ROWS UNBOUNDED PRECEDING) AS grp
    FROM o
), i AS (
    SELECT employee_id, MIN(s) AS s, date(MAX(f), '+1 day') AS a FROM g GROUP BY employee_id, grp
), m AS (
    SELECT employee_id, s, a, 12 * (CAST(strftime('%%Y', a) AS INT) - CAST(strftime('%%Y', s) AS INT))
        + CAST(strftime('%%m', a) AS INT) - CAST(strftime('%%m', s) AS INT)
        - CASE WHEN CAST(strftime('%%d', a) AS INT) < CAST(strftime('%%d', s) AS INT) THEN 1 ELSE 0 END AS months
    FROM i
), d AS (
    SELECT employee_id, months, s, a, date(s, '+' || months || ' months') AS x FROM m
), t AS (
    SELECT employee_id, SUM(months) AS months, SUM(CAST(julianday(a) - julianday(
        CASE WHEN strftime('%%d', x) <> strftime('%%d', s) THEN date(x, 'start of month') ELSE x END) AS INT)) AS days
    FROM d GROUP BY employee_id
)
SELECT employee_id, (months + days / 30) / 12, (months + days / 30) %% 12, days %% 30 FROM t
"""


def service_sql(organisation_ids: list[int], on: dt.date) -> dict[int, tuple[int, int, int]]:
    template = SQL_POSTGRES if connection.vendor == "postgresql" else SQL_SQLITE
    sql = template.format(orgs=", ".join(str(int(pk)) for pk in organisation_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"on": on.isoformat() if connection.vendor == "sqlite" else on})
        return {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in cursor.fetchall()}


def service_python_totals(organisation_ids: list[int], on: dt.date) -> dict[int, tuple[int, int, int]]:
    result = {}
    for employee_id, sources in sources_for_organisations(organisation_ids, on).items():
        total = rules.length_of_service([source.period for source in sources], on)
        result[employee_id] = (total.years, total.months, total.days)
    return result


def service_report_all(organisation_ids: list[int], on: dt.date) -> int:
    return sum(len(service_report(org, on)) for org in organisation_ids)


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def length_of_service(rounds: int) -> dict[str, Any]:
    organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    on = timezone.localdate()
    times: dict[str, list[float]] = {"sql": [], "python_total": [], "service_report": []}
    for round_number in range(rounds):
        order = ["sql", "python_total", "service_report"]
        if round_number % 2:
            order.reverse()
        for name in order:
            function = {"sql": service_sql, "python_total": service_python_totals, "service_report": service_report_all}
            elapsed, value = _timed(function[name], organisation_ids, on)
            times[name].append(elapsed)
            if name == "sql":
                sql_totals = value
            elif name == "python_total":
                python_totals = value
            else:
                reported = value
    mismatches = sum(1 for pk, total in python_totals.items() if sql_totals.get(pk, (0, 0, 0)) != total)
    sql = statistics.median(times["sql"])
    return {
        "employees": len(python_totals),
        "working_in_report": reported,
        "mismatches_python_vs_sql": mismatches,
        "sql_s": sql,
        "python_total_s": statistics.median(times["python_total"]),
        "service_report_s": statistics.median(times["service_report"]),
        "python_total_ratio": statistics.median(times["python_total"]) / sql,
        "service_report_ratio": statistics.median(times["service_report"]) / sql,
        "rounds": rounds,
    }


# Leave balances of every employee on a date -----------------------------------------------------------

# The same figures SQL can give without the п. 35 month arithmetic: each employee's first day and the
# days charged up to the date. The Python side also counts the months and the accrual.
LEAVE_SQL = """
SELECT a.employee_id, MIN(a.start), COALESCE((SELECT SUM(l.charged) FROM leave_ledgerentry l
    WHERE l.employee_id = a.employee_id AND l.start <= %(on)s), 0)
FROM employment_assignment a WHERE a.organisation_id IN ({orgs}) AND a.start <= %(on)s GROUP BY a.employee_id
"""


def leave_balances(rounds: int) -> dict[str, Any]:
    from kadry.leave.balances import balances_for_organisations

    organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    on = timezone.localdate()
    sql = LEAVE_SQL.format(orgs=", ".join(str(int(pk)) for pk in organisation_ids))
    params = {"on": on.isoformat() if connection.vendor == "sqlite" else on}

    def by_sql() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    times: dict[str, list[float]] = {"sql": [], "python": []}
    for _round in range(rounds):
        elapsed, rows = _timed(by_sql)
        times["sql"].append(elapsed)
        elapsed, balances = _timed(balances_for_organisations, organisation_ids, on)
        times["python"].append(elapsed)
    sql_s, python_s = statistics.median(times["sql"]), statistics.median(times["python"])
    return {"employees": len(balances), "sql_rows": rows, "sql_s": sql_s, "python_s": python_s,
            "ratio": python_s / sql_s, "rounds": rounds}  # fmt: skip


# The databank over every school of the region -------------------------------------------------------


def region_reports(rounds: int) -> dict[str, Any]:
    """Time each report of the databank over every organisation at once, as a centralised service sums them."""
    from kadry.reports import figures

    organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    today = timezone.localdate()
    year_ago = today - dt.timedelta(days=365)
    reports = {
        "headcount": lambda: figures.headcount(organisation_ids, today).headcount,
        "average_year": lambda: figures.average(organisation_ids, today.year - 1).average_whole,
        "composition": lambda: figures.composition(organisation_ids, today).headcount,
        "movement_year": lambda: figures.movement(organisation_ids, year_ago, today).total.hired,
        "dashboard": lambda: figures.dashboard(organisation_ids, today)[0].headcount,
    }
    times: dict[str, list[float]] = {name: [] for name in reports}
    values: dict[str, Any] = {}
    for _round in range(rounds):
        for name, report in reports.items():
            elapsed, values[name] = _timed(report)
            times[name].append(elapsed)
    return {
        "organisations": len(organisation_ids),
        "values": values,
        "seconds": {name: statistics.median(found) for name, found in times.items()},
        "pages": _region_report_pages(rounds),
        "jobs": _region_report_jobs(),
        "rounds": rounds,
    }


def _region_report_jobs() -> dict[str, float]:
    """Time the background job of the composition and of the dashboard over every school the bench's service
    serves, end to end: reading, counting and writing the XLSX (what a page over more than
    KADRY_REPORT_JOB_SCHOOLS schools hands over to the worker). The job rows and files are removed after."""
    from kadry.bench_data.generate import BENCH_SERVICE_USER
    from kadry.reports import jobs

    membership = Membership.objects.filter(user__username=BENCH_SERVICE_USER).select_related("user").first()
    if membership is None:
        return {}
    today = timezone.localdate().isoformat()
    seconds = {}
    for report in ("composition", "dashboard"):
        offer = {"report": report, "inputs": {"on": today}, "organisation": None, "title": f"bench {report}"}
        job = jobs.create_report_job(membership=membership, offer=offer, filename=f"bench-{report}")
        seconds[report], _none = _timed(jobs.run_report_job, job.pk)
        job.refresh_from_db()
        assert job.status == "done", job.error
        job.file.delete(save=False)
        job.delete()
    return seconds


def _region_report_pages(rounds: int) -> dict[str, float]:
    """Time the report pages as the centralised service's HR head opens them: every school summed, with its table.

    Over more than KADRY_REPORT_JOB_SCHOOLS schools a page counts nothing and offers the job instead
    (``_region_report_jobs`` times the job's work)."""
    from django.test import Client

    from kadry.bench_data.generate import BENCH_SERVICE_USER

    membership = Membership.objects.filter(user__username=BENCH_SERVICE_USER).select_related("user").first()
    if membership is None:
        return {}
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1")
    client.force_login(membership.user)
    pages = {name: reverse(f"reports:{name}") for name in ("headcount", "composition", "movement", "dashboard")}
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _round in range(rounds):
        for name, url in pages.items():
            elapsed, response = _timed(lambda url=url: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            times[name].append(elapsed)
    return {name: statistics.median(found) for name, found in times.items()}


# Т-3 with openpyxl alone ------------------------------------------------------------------------------


def xlsx_baseline(rounds: int) -> dict[str, Any]:
    org = bench_organisation_id()
    sections, _total = staffing_table(org, timezone.localdate())
    rows = [
        (
            section.department.name,
            unit.position.name,
            float(line.rates),
            float(line.salary),
            float(line.allowance),
            float(line.monthly_fund),
            float(line.occupied),
            float(line.vacant),
            unit.note,
        )
        for section in sections
        for unit, line in section.rows
    ]
    headers = ["Подразделение", "Должность", "Штатных единиц", "Оклад", "Надбавки", "Всего", "Занято", "Вакантно", ""]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Т-3")
        sheet.append(headers)
        for row in rows:
            sheet.append(list(row))
        workbook.save(io.BytesIO())
        times.append(time.perf_counter() - started)
    return {"rows": len(rows), "openpyxl_s": statistics.median(times), "rounds": rounds}


# Signing orders -------------------------------------------------------------------------------------


def _drafts(count: int, actor: Any, org: int, employees: list[Employee], offset: int) -> list[Order]:
    today = timezone.localdate()
    drafts = []
    for n in range(count):
        order = create_draft(actor=actor, organisation_id=org, kind=Order.Kind.AWARD, date=today)
        employee = employees[(offset + n) % len(employees)]
        save_item(actor=actor, order=order, data={"employee": employee, "date": today, "award": "Благодарность"})
        drafts.append(order)
    return drafts


def _sign_sequentially(drafts: list[Order], actor: Any) -> tuple[float, int]:
    errors = 0
    started = time.perf_counter()
    for order in drafts:
        try:
            sign_order(actor=actor, order=order)
        except Exception:
            errors += 1
    return time.perf_counter() - started, errors


def _sign_concurrently(drafts: list[Order], actor: Any, threads: int) -> tuple[float, int]:
    work: queue.Queue[Order] = queue.Queue()
    for order in drafts:
        work.put(order)
    errors: list[str] = []

    def signer() -> None:
        try:
            while True:
                try:
                    order = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    sign_order(actor=actor, order=order)
                except Exception as error:
                    errors.append(repr(error))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=signer) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if errors:
        print("signing errors:", errors[:3], file=sys.stderr)
    return elapsed, len(errors)


def signing(count: int, rounds: int, threads: int = 8) -> dict[str, Any]:
    org = bench_organisation_id()
    actor = bench_users()["bench_director"]
    employees = list(Employee.objects.of(org).with_status(Employee.Status.WORKING))
    # With fewer working employees than orders some get two: their work-record entries are numbered
    # under a lock per employee, so concurrent signing must still give no errors and no duplicates.
    sequential, concurrent, errors = [], [], 0
    for round_number in range(rounds):
        plan = ["sequential", "concurrent"] if round_number % 2 == 0 else ["concurrent", "sequential"]
        for mode in plan:
            drafts = _drafts(count, actor, org, employees, 0)
            if mode == "sequential":
                elapsed, failed = _sign_sequentially(drafts, actor)
                sequential.append(elapsed)
            else:
                elapsed, failed = _sign_concurrently(drafts, actor, threads)
                concurrent.append(elapsed)
            errors += failed
    duplicates = (
        Order.objects.filter(organisation_id=org, number__isnull=False)
        .values("journal", "year", "number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    seq, conc = statistics.median(sequential), statistics.median(concurrent)
    return {
        "orders": count,
        "threads": threads,
        "sequential_s": seq,
        "concurrent_s": conc,
        "throughput_ratio": seq / conc,
        "errors": errors,
        "duplicate_numbers": duplicates,
        "rounds": rounds,
    }


# Import of employees --------------------------------------------------------------------------------


def _snils(n: int) -> str:
    number = f"{200_000_000 + n:09d}"
    return f"{number[:3]}-{number[3:6]}-{number[6:]} {snils_check_digits(number):02d}"


def _inn(n: int) -> str:
    def digit(digits: str, weights: tuple[int, ...]) -> str:
        return str(sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10)

    digits = f"77{n:08d}"
    digits += digit(digits, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
    return digits + digit(digits, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))


def import_rows(count: int) -> list[dict[str, Any]]:
    """Return ``count`` distinct, valid employees as the Employee model's fields."""
    born = dt.date(1960, 1, 1)
    return [
        {
            "personnel_number": f"И{n:05d}",
            "last_name": f"Импортова{n}",
            "first_name": "Мария",
            "middle_name": "Петровна",
            "sex": "F",
            "birth_date": born + dt.timedelta(days=n % 15000),
            "snils": _snils(n),
            "inn": _inn(n),
            "phone": f"+7 910 {n:07d}",
            "email": f"i{n}@example.ru",
        }
        for n in range(count)
    ]


def import_csv(rows: list[dict[str, Any]]) -> bytes:
    lines = [";".join(HEADERS)]
    for row in rows:
        sex = "Ж" if row["sex"] == "F" else "М"
        cells = [row["personnel_number"], row["last_name"], row["first_name"], row["middle_name"], sex]
        cells += [f"{row['birth_date']:%d.%m.%Y}", row["snils"], row["inn"], row["phone"], row["email"]]
        lines.append(";".join(cells))
    return "\n".join(lines).encode("utf-8")


def _clear(organisation_id: int) -> None:
    """Delete the imported rows in two statements, outside the timing.

    The change history is append-only (kadry.core.append_only): its trigger refuses the delete, as it
    should for the product. The bench removes only the synthetic history of its own throw-away
    organisation, with the trigger dropped and installed again in the same transaction, so a kept
    database (BENCH_REUSE) does not grow by the import's history on every run.
    """
    with transaction.atomic():
        append_only.uninstall(connection, tables=["core_changerecord"])
        ChangeRecord.objects.filter(organisation_id=organisation_id)._raw_delete(connection.alias)
        append_only.install(connection, tables=["core_changerecord"])
    Employee.objects.filter(organisation_id=organisation_id)._raw_delete(connection.alias)


def employee_import(count: int, rounds: int) -> dict[str, Any]:
    """The import job end to end (file saved, queued, read, checked, written with history) vs a bare bulk insert.

    Both commit; the rows are deleted between rounds. The import runs in a fresh organisation so that
    no generated СНИЛС collides with the file's.
    """
    organisation = Organisation.objects.create(name="Бенчмарк импорта", short_name="Бенчмарк импорта")
    hr = bench_users()["bench_hr"]
    membership = Membership.objects.create(organisation=organisation, user=hr, role=Membership.Role.HR_INSPECTOR)
    try:
        return _import_rounds(organisation, membership, count, rounds)
    finally:
        # Leave the database as generated: a kept one is reused (BENCH_REUSE) and its pages are
        # opened by the same user, whose first membership this would otherwise become.
        _clear(organisation.pk)
        BackgroundJob.objects.filter(organisation=organisation).delete()
        AuditChainHead.objects.filter(organisation=organisation).delete()
        membership.delete()
        organisation.delete()


def _import_rounds(organisation: Organisation, membership: Membership, count: int, rounds: int) -> dict[str, Any]:
    hr = membership.user
    rows = import_rows(count)
    content = import_csv(rows)

    def full() -> None:
        # The job row without the enqueueing: the bench runs the job itself, here.
        job = services_import.create_import_job(membership=membership, content=content, filename="staff.csv")
        services_import.run_import_job(job.pk)
        job.refresh_from_db()
        if job.status != BackgroundJob.Status.DONE or job.result.get("created") != count:
            raise SystemExit(f"import failed: {job.error} {str(job.result)[:300]}")

    def bare() -> None:
        Employee.objects.bulk_create(
            (Employee(organisation_id=organisation.pk, **fields) for fields in rows), batch_size=1000
        )

    times: dict[str, list[float]] = {"import": [], "bulk": []}
    for round_number in range(rounds):
        order = ["import", "bulk"] if round_number % 2 == 0 else ["bulk", "import"]
        for name in order:
            elapsed, _value = _timed(full if name == "import" else bare)
            times[name].append(elapsed)
            _clear(organisation.pk)
    full_s, bulk_s = statistics.median(times["import"]), statistics.median(times["bulk"])
    # Where the time goes, once: reading, checking, writing.
    started = time.perf_counter()
    header, table = services_import.read_table(content, "staff.csv")
    read_s = time.perf_counter() - started
    plan = services_import.plan_for(
        organisation_id=organisation.pk, header=header, rows=table, today=timezone.localdate()
    )
    check_s = time.perf_counter() - started - read_s
    services_import.commit_import(actor=hr, organisation_id=organisation.pk, plan=plan)
    write_s = time.perf_counter() - started - read_s - check_s
    _clear(organisation.pk)
    return {
        "employees": count,
        "import_s": full_s,
        "bulk_insert_s": bulk_s,
        "ratio": full_s / bulk_s,
        "read_s": read_s,
        "check_s": check_s,
        "write_s": write_s,
        "rounds": rounds,
    }


# Saving a class's attendance ------------------------------------------------------------------------


def _class_of(size: int, org: int) -> tuple[SchoolClass, dt.date, list[Student]]:
    """Return the largest class, a school day to mark and ``size`` of its students (enrolling more if needed)."""
    today = timezone.localdate()
    school_class = (
        SchoolClass.objects.filter(organisation_id=org).annotate(n=Count("enrollments")).order_by("-n", "pk").first()
    )
    if school_class is None:
        raise SystemExit("no classes in the bench data")
    day = next(
        (
            today - dt.timedelta(days=back)
            for back in range(60)
            if not day_refusal(school_class, today - dt.timedelta(days=back), today)
        ),
        None,
    )
    if day is None:
        raise SystemExit("no school day in the last 60 days")
    students = enrolled_students(school_class, day)
    missing = size - len(students)
    if missing > 0:
        extra = Student.objects.bulk_create(
            Student(
                organisation_id=org,
                file_number=f"Б{school_class.pk}-{n}",
                last_name=f"Посещаев{n}",
                first_name="Иван",
                sex="M",
                birth_date=dt.date(2012, 1, 1),
            )
            for n in range(missing)
        )
        Enrollment.objects.bulk_create(
            Enrollment(
                organisation_id=org, student=student, school_class=school_class, start=day - dt.timedelta(days=1)
            )
            for student in extra
        )
        students = enrolled_students(school_class, day)
    return school_class, day, students[:size]


def attendance_save(size: int, rounds: int) -> dict[str, Any]:
    """Time ``save_day`` for a class of ``size``: every round changes who is absent, so each save writes."""
    org = bench_organisation_id()
    actor = bench_users()["bench_director"]
    school_class, day, students = _class_of(size, org)
    times: list[float] = []
    queries: list[int] = []
    for round_number in range(max(rounds, 3) * 4):
        absent = {students[(round_number * 3 + k) % len(students)].pk for k in range(3)}
        marks = [MarkInput(student_id=s.pk, kind="absent" if s.pk in absent else "") for s in students]
        with CaptureQueriesContext(connection) as captured:
            elapsed, _value = _timed(
                lambda marks=marks: save_day(actor=actor, school_class=school_class, date=day, marks=marks)
            )
        times.append(elapsed)
        queries.append(len(captured))
    return {
        "students": len(students),
        "median_ms": 1000 * statistics.median(times),
        "max_ms": 1000 * max(times),
        "queries": max(queries),
        "queries_min": min(queries),
        "saves": len(times),
    }


# Filling the timesheets of a month ------------------------------------------------------------------


def timesheet_fill(rounds: int) -> dict[str, Any]:
    """Time ``fill_month`` (what the background job and ``manage.py timesheet_fill`` run) over every
    organisation of the data set for this month (issue 13: «say how long it takes at region scale»).

    The first round also opens (creates) each department's timesheet; the later ones read them as a
    repeated job does, so both are reported.
    """
    # The schools: the centralised HR service keeping them has no departments of its own here.
    schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
    organisation_ids = list(schools.order_by("pk").values_list("pk", flat=True))
    today = timezone.localdate()
    times = []
    for _round in range(max(rounds, 1)):
        elapsed, report = _timed(fill_month, organisation_ids, today.year, today.month)
        times.append(elapsed)
    again = statistics.median(times[1:]) if len(times) > 1 else times[0]
    return {
        "organisations": len(organisation_ids),
        "departments": report.departments,
        "rows": report.rows,
        "first_s": times[0],
        "departments_per_s_first": report.departments / times[0] if times[0] else 0.0,
        "again_s": again,
        "departments_per_s": report.departments / again if again else 0.0,
        "rounds": len(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["info", "scenarios", "import", "timesheet", "reports"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--employees", type=int, default=10_000, help="rows of the import file")
    args = parser.parse_args()
    if args.what == "info":
        print(json.dumps(info()))
        return
    if args.what == "timesheet":
        print(json.dumps({"timesheet_fill": timesheet_fill(args.rounds)}))
        return
    if args.what == "reports":
        print(json.dumps({"region_reports": region_reports(args.rounds)}))
        return
    if args.what == "import":
        result = {
            "employee_import": employee_import(args.employees, args.rounds),
            "attendance_save": attendance_save(30, args.rounds),
        }
        print(json.dumps(result))
        return
    result = {
        "length_of_service": length_of_service(args.rounds),
        "leave_balances": leave_balances(args.rounds),
        "xlsx_baseline": xlsx_baseline(max(5, args.rounds * 5)),
        "signing": signing(args.orders, min(args.rounds, 2)),
        "employee_import": employee_import(args.employees, args.rounds),
        "attendance_save": attendance_save(30, args.rounds),
        "timesheet_fill": timesheet_fill(min(args.rounds, 2)),
        "region_reports": region_reports(min(args.rounds, 2)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
