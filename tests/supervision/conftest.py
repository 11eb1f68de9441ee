"""Fixtures for supervision: people of one division, cases at a given stage, Redis for RQ."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from desk.cases import services
from desk.extensions import db as _db
from desk.models import Case, Division, Role, User
from tests.clock import frozen_time
from tests.conftest import LETTER, PASSWORD


@dataclass
class Team:
    """A division with its head and a staff member, and the integrated office."""

    division: Division
    head: User
    staff: User
    office: User


def make_team(name: str = "银行一处", suffix: str = "") -> Team:
    """Create a division, its head and staff, and an office member (committed by the caller)."""
    division = Division(name=name)
    office_division = _db.session.scalar(_db.select(Division).where(Division.name == "综合处"))
    if office_division is None:
        office_division = Division(name="综合处")
        _db.session.add(office_division)
    _db.session.add(division)
    _db.session.flush()
    people = {}
    for role, division_id in (
        (Role.HEAD, division.id),
        (Role.STAFF, division.id),
        (Role.OFFICE, office_division.id),
    ):
        user = User(
            username=f"{role.value}{suffix}{division.id}",
            display_name=f"{name}{role.label}",
            role=role,
            division_id=division_id,
        )
        user.set_password(PASSWORD)
        _db.session.add(user)
        people[role] = user
    _db.session.flush()
    return Team(division, people[Role.HEAD], people[Role.STAFF], people[Role.OFFICE])


def assigned_case(team: Team, received_at: datetime, **fields) -> Case:
    """A case received at `received_at` and assigned to the team's division then."""
    with frozen_time(received_at):
        case, code = services.submit_letter(services.Letter(**{**LETTER, **fields}))
        services.assign_case(team.office, case, team.division)
    case.test_query_code = code
    return case


def replied_case(team: Team, received_at: datetime, replied_at: datetime, **fields) -> Case:
    """A case answered and signed off at `replied_at`."""
    case = assigned_case(team, received_at, **fields)
    with frozen_time(replied_at):
        services.submit_for_signoff(team.staff, case, "您好，经核实，答复如下：……")
        services.sign_off(team.head, case)
    return case


@pytest.fixture
def team(db) -> Team:
    """A division's head and staff, and the office, inside the test's transaction."""
    return make_team()
