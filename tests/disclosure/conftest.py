"""Fixtures for disclosure requests: an applicant's request, filed and assigned at a given moment."""

from __future__ import annotations

from datetime import datetime

from desk.cases import services
from desk.disclosure.services import Application, submit_request
from desk.models import Case
from tests.clock import frozen_time
from tests.supervision.conftest import Team

APPLICATION = dict(
    applicant_type="natural",
    name="赵明远",
    id_type="id_card",
    id_number="11010519491231002X",
    phone="13912345678",
    email="zhao@example.com",
    subject="2025年度小额贷款公司监管评级结果",
    description="请提供本局2025年度对辖区小额贷款公司开展监管评级的结果通报文件（文号不详）。",
    delivery="electronic",
)


def disclosure_case(team: Team, received_at: datetime, *, assign: bool = True, **fields) -> Case:
    """A request received at `received_at` (and assigned to the team's division then)."""
    with frozen_time(received_at):
        case, code = submit_request(Application(**{**APPLICATION, **fields}))
        if assign:
            services.assign_case(team.office, case, team.division)
    case.test_query_code = code
    return case
