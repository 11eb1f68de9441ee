"""`flask --app wsgi desk ...`: operator commands."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import inspect

from desk.cases.kinds import KINDS
from desk.extensions import db


def init_app(app: Flask) -> None:
    """Register the `desk` command group."""
    app.cli.add_command(desk)


@click.group()
def desk() -> None:
    """Desk operator commands."""


@desk.command("due-date")
@click.option("--kind", type=click.Choice(sorted(KINDS)), required=True)
@click.option(
    "--received",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%d %H:%M"]),
    required=True,
    help='"YYYY-MM-DD" or "YYYY-MM-DD HH:MM", local time (DESK_TIMEZONE)',
)
@click.option(
    "--grade", default=None, help="The classification, for kinds with milestones (舆情: 重要, 重大, 关注)"
)
def due_date(kind: str, received, grade: str | None) -> None:
    """Print the due date the desk would set for a case of KIND received at RECEIVED.

    A kind whose clock runs in hours prints the moment ("YYYY-MM-DD HH:MM", local time) and,
    with --grade, each milestone that applies.
    """
    from desk.cases.clock import Clock
    from desk.cases.deadlines import load_calendar, working_days_for
    from desk.cases.workdays import WorkingCalendar
    from desk.timeutil import bureau_tz, to_local, today

    spec = KINDS[kind]
    if inspect(db.engine).has_table("deadline_rules"):
        calendar, days = load_calendar(), working_days_for(kind)
    else:
        click.echo("note: database not set up; using default rules and the published calendar", err=True)
        calendar, days = WorkingCalendar(), spec.default_days
    grade_code = spec.grade_code(grade) if grade else None
    if grade and grade_code is None:
        raise click.BadParameter(f"{spec.label} has no classification {grade}", param_hint="--grade")
    start_at = received.replace(tzinfo=bureau_tz())
    clock = Clock(start=received.date(), days=days, unit=spec.unit, start_at=start_at)
    deadline = clock.due(calendar, today())
    if deadline.due_at is not None:
        click.echo(f"{to_local(deadline.due_at):%Y-%m-%d %H:%M}")
    else:
        click.echo(deadline.due_date.isoformat())
    for milestone, moment in clock.milestone_times(spec.milestones_for(grade_code)) if grade_code else ():
        click.echo(f"{milestone.label}（{milestone.period}）: {to_local(moment):%Y-%m-%d %H:%M}")
    if deadline.provisional:
        click.echo("warning: the deadline reaches a year with no holiday data; it is provisional", err=True)


@desk.command("seed-demo")
def seed_demo() -> None:
    """Load the demo divisions, users and cases once (does nothing when already loaded)."""
    from desk.demo.seed import DEMO_PASSWORD, demo_logins, load_demo

    loaded = load_demo()
    db.session.commit()
    if loaded:
        click.echo(f"Demo data loaded: {loaded} cases.")
    else:
        click.echo("Demo data already present.")
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for username, label in demo_logins():
        click.echo(f"  {username:<16} {label}")


@desk.command("create-user")
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", type=click.Choice(["staff", "head", "office", "counsel", "admin"]), required=True)
@click.option("--division", default=None, help="Division name (staff, head, office)")
@click.password_option()
def create_user(username: str, display_name: str, role: str, division: str | None, password: str) -> None:
    """Create a staff account (e.g. the first admin of a new installation)."""
    from sqlalchemy import select

    from desk.models import Division
    from desk.people.services import PeopleError, save_user

    division_id = None
    if division:
        division_id = db.session.scalar(select(Division.id).where(Division.name == division))
        if division_id is None:
            raise click.BadParameter(f"no division named {division}")
    try:
        save_user(
            None,
            username=username,
            display_name=display_name,
            role=role,
            division_id=division_id,
            password=password,
            active=True,
        )
    except PeopleError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"created {username}")


@desk.command("sweep")
def sweep() -> None:
    """Run the deadline sweep once: due-soon notices, supervision of overdue and 不满意 cases."""
    from desk.jobs.maintenance import sweep as run_sweep

    result = run_sweep()
    click.echo(" ".join(f"{key}={value}" for key, value in result.items()))


@desk.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--with-scheduler", is_flag=True, help="Also run RQ's scheduler (retries, delayed jobs).")
def worker(burst: bool, with_scheduler: bool) -> None:
    """Run an RQ worker for the desk's queue (needs REDIS_URL); it comes back when Redis does."""
    from flask import current_app

    from desk.background import QUEUE_NAME, redis_connection
    from desk.jobs.worker import run_worker

    if redis_connection() is None:
        raise click.ClickException("REDIS_URL is not set: without Redis, jobs run inline after each commit")
    run_worker(current_app._get_current_object(), [QUEUE_NAME], burst=burst, with_scheduler=with_scheduler)


@desk.command("scheduler")
@click.option("--once", is_flag=True, help="Start the jobs due now, then exit.")
@click.option("--interval", default=15.0, show_default=True, help="Seconds between checks")
def scheduler(once: bool, interval: float) -> None:
    """Start the periodic jobs (sweep, e-mails, clean-up) when due; several schedulers are harmless."""
    from flask import current_app

    from desk.jobs.periodic import Scheduler

    runner = Scheduler(current_app._get_current_object())
    if once:
        click.echo(" ".join(runner.tick()) or "nothing due")
        return
    runner.run_forever(interval)


@desk.group("disclosure")
def disclosure() -> None:
    """依申请公开: the register and the annual report's table."""


@disclosure.command("import")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), required=True)
def disclosure_import(path: str) -> None:
    """Import a past register (CSV); a bad line is reported by number and nothing is imported."""
    from pathlib import Path

    from desk.disclosure.register import RegisterError, import_register

    try:
        result = import_register(Path(path).read_bytes())
    except RegisterError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"added={result.added} updated={result.updated} unchanged={result.unchanged}")


@disclosure.command("annual-table")
@click.option("--year", type=int, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="File (default: standard output)")
def disclosure_annual_table(year: int, fmt: str, out: str | None) -> None:
    """Print or write the year's table (section 三 as JSON, or sections 二–四 as XLSX)."""
    import json

    from flask import current_app

    from desk.cases.errors import CaseError
    from desk.disclosure.annual import annual_report
    from desk.disclosure.xlsx import annual_workbook

    try:
        report = annual_report(year)
        report.require_balanced()
    except CaseError as error:
        raise click.ClickException(str(error)) from error
    if fmt == "json":
        data = json.dumps(report.as_json(), ensure_ascii=False, indent=2).encode() + b"\n"
    else:
        data = annual_workbook(report, current_app.config["DESK_BUREAU_NAME"])
    if out:
        with open(out, "wb") as handle:
            handle.write(data)
        click.echo(f"written {out}", err=True)
    else:
        click.echo(data, nl=False)
