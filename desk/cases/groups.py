"""集中反映: the office links letters on one matter into a group; one joint answer goes to each of them.

The lead division drafts the answer; the divisions of the members, the office and legal counsel
comment on it (会商); the lead division's head signs it, and it becomes the reply of every member
still being handled, through the lifecycle ("group_answer"), so each member keeps its own clock,
record and channel. Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from desk.cases.errors import CaseError
from desk.cases.lifecycle import HANDLING, apply
from desk.cases.steps import required_text
from desk.extensions import db
from desk.models import Case, CaseGroup, CaseGroupComment, Division, Role, User
from desk.timeutil import utcnow


def create_group(actor: User, *, title: str, division: Division, cases: Sequence[Case]) -> CaseGroup:
    """Open a group with its lead division and link the cases (at least two) into it."""
    if actor.role != Role.OFFICE:
        raise CaseError("仅综合处可进行此操作", status=403)
    members = list(dict.fromkeys(cases))
    if len(members) < 2:
        raise CaseError("集中反映至少需要两件来信", status=400)
    if division is None or not division.active:
        raise CaseError("请选择主办处室", status=400)
    group = CaseGroup(
        title=required_text(title, "请填写集中反映的事项"),
        division_id=division.id,
        answer="",
        created_at=utcnow(),
        created_by_id=actor.id,
    )
    db.session.add(group)
    db.session.flush()
    for case in members:
        apply(case, "join_group", actor, group=group)
    return group


def add_to_group(actor: User, group: CaseGroup, case: Case) -> None:
    """Link one more case into an open group."""
    apply(case, "join_group", actor, group=group)


def members(group: CaseGroup) -> list[Case]:
    """The group's cases, the earliest received first."""
    return list(db.session.scalars(select(Case).where(Case.group_id == group.id).order_by(Case.received_at)))


def may_read(user: User, group: CaseGroup) -> bool:
    """The office, counsel, the lead division and the divisions of its members read the group."""
    if user.role in (Role.OFFICE, Role.COUNSEL):
        return True
    if user.role not in (Role.STAFF, Role.HEAD) or user.division_id is None:
        return False
    return user.division_id == group.division_id or any(
        c.division_id == user.division_id for c in members(group)
    )


def may_draft(user: User, group: CaseGroup) -> bool:
    """The lead division and the office write the joint answer."""
    return user.role == Role.OFFICE or (
        user.role in (Role.STAFF, Role.HEAD) and user.division_id == group.division_id
    )


def save_answer(actor: User, group: CaseGroup, body: str) -> None:
    """Save the joint answer's draft."""
    if not may_draft(actor, group):
        raise CaseError("仅主办处室或综合处可拟写统一答复", status=403)
    if group.answered_at is not None:
        raise CaseError("该集中反映已统一答复")
    group.answer = (body or "").strip()
    db.session.flush()


def comment(actor: User, group: CaseGroup, body: str) -> CaseGroupComment:
    """A comment on the joint answer from a division, the office or legal counsel (会商意见)."""
    if not may_read(actor, group):
        raise CaseError("没有找到这组集中反映", status=404)
    if group.answered_at is not None:
        raise CaseError("该集中反映已统一答复，不再征求意见")
    note = CaseGroupComment(
        group_id=group.id, author_id=actor.id, body=required_text(body, "请填写意见"), at=utcnow()
    )
    db.session.add(note)
    db.session.flush()
    return note


def answer_group(actor: User, group: CaseGroup) -> tuple[list[Case], list[Case]]:
    """The lead head signs the joint answer: every member being handled is replied; returns (replied, left).

    Members still in triage or already answered are left as they are (and listed to the head).
    """
    if actor.role != Role.HEAD or actor.division_id != group.division_id:
        raise CaseError("仅主办处室负责人可签发统一答复", status=403)
    if group.answered_at is not None:
        raise CaseError("该集中反映已统一答复")
    if not (group.answer or "").strip():
        raise CaseError("统一答复内容不能为空")
    replied, left = [], []
    for case in members(group):
        if case.state in HANDLING:
            apply(case, "group_answer", actor, group=group)
            replied.append(case)
        else:
            left.append(case)
    if not replied:
        raise CaseError("没有正在办理的成员来信可以答复")
    group.answered_at, group.answered_by_id = utcnow(), actor.id
    db.session.flush()
    return replied, left
