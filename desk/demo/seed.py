"""Demo data: the divisions, users and about sixty cases of a provincial bureau, loaded once.

Each case is replayed through the real services; some replies are rated by their citizens (好差评,
five levels), and most 差评 are followed up and closed (整改销号), so the statistics have a
satisfaction rate and a 差评整改率 to show.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from desk.cases import services
from desk.extensions import db
from desk.models import (
    Case,
    CaseState,
    Channel,
    Division,
    RatingLevel,
    Role,
    Supervision,
    SupervisionReason,
    User,
)
from desk.supervision.services import answer_supervision, close_supervision
from desk.timeutil import bureau_tz, frozen_time, utcnow

DATA = Path(__file__).with_name("data")

DEMO_PASSWORD = "desk-demo-2026"

DIVISIONS = [
    ("综合处", "zhc"),
    ("银行一处", "yh1"),
    ("银行二处", "yh2"),
    ("保险与担保处", "bxdb"),
    ("金融稳定处", "jrwd"),
    ("交易市场监管处", "jysc"),
    ("民间融资监管处", "mjrz"),
    ("政策法规处", "zcfg"),
    ("人事处", "rsc"),
]

# (username, name, role, division name or None)
PEOPLE = [
    ("admin", "运维管理员", Role.ADMIN, None),
    ("office", "周敏", Role.OFFICE, "综合处"),
    ("office2", "郑晓岚", Role.OFFICE, "综合处"),
    ("counsel", "陈律师", Role.COUNSEL, None),
]
_SURNAMES = "李王张刘陈杨黄赵吴孙胡朱高林何郭马罗"
_GIVEN = [
    "志强",
    "海燕",
    "建华",
    "丽娟",
    "明",
    "静",
    "国栋",
    "晓峰",
    "雪梅",
    "伟",
    "芳",
    "磊",
    "婷",
    "涛",
    "欣然",
    "军",
    "慧",
    "鹏",
]


# Cold-start routing keywords per division (the admin edits them at /admin/routing).
DEMO_KEYWORDS = {
    "yh1": "银行\n信用卡\n存款\n贷款利率",
    "yh2": "农商行\n村镇银行\n银行网点\n征信",
    "bxdb": "保险\n融资担保\n担保费\n保证金",
    "jrwd": "小额贷款\n小贷公司\n典当\n融资租赁\n商业保理\n催收",
    "jysc": "交易场所\n挂牌\n兑付\n区域性股权\n交易中心",
    "mjrz": "非法集资\n集资\n高息\n民间借贷\n网贷\nP2P",
    "zcfg": "信息公开\n政府信息\n行政复议\n法规",
    "rsc": "招聘\n人事\n干部",
}


def demo_people() -> list[tuple[str, str, Role, str | None]]:
    """Every demo account: the fixed ones, then a head and a staff member in each division."""
    people = list(PEOPLE)
    for i, (name, code) in enumerate(DIVISIONS):
        people.append((f"{code}.head", _SURNAMES[i] + _GIVEN[2 * i], Role.HEAD, name))
        people.append((f"{code}.staff", _SURNAMES[-1 - i] + _GIVEN[2 * i + 1], Role.STAFF, name))
    return people


def demo_logins() -> list[tuple[str, str]]:
    """(username, what it is) for the README and `make run`."""
    logins = []
    for username, name, role, division in demo_people():
        where = f"（{division}）" if division and role != Role.OFFICE else ""
        logins.append((username, f"{role.label}{where} {name}"))
    return logins


def load_demo() -> int:
    """Add the demo set unless divisions already exist; returns the number of cases (caller commits)."""
    if db.session.scalar(select(Division.id).limit(1)) is not None:
        return 0
    divisions = {}
    for order, (name, _) in enumerate(DIVISIONS):
        divisions[name] = Division(name=name, sort_order=(order + 1) * 10)
        db.session.add(divisions[name])
    db.session.flush()
    users = {}
    for username, name, role, division in demo_people():
        user = User(
            username=username,
            display_name=name,
            role=role,
            division_id=divisions[division].id if division else None,
        )
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
        users[username] = user
    db.session.flush()

    from desk.knowledge.services import load_starter_entries

    demo_cases = demo_case_specs()

    load_starter_entries({code: divisions[name] for name, code in DIVISIONS})
    from desk.knowledge.routing import set_keywords

    for name, code in DIVISIONS:
        if code in DEMO_KEYWORDS:
            set_keywords(divisions[name], DEMO_KEYWORDS[code])
    from desk.demo.history import load_history

    load_history({code: divisions[name] for name, code in DIVISIONS})  # the learned router
    now = utcnow()
    for index, spec in enumerate(demo_cases):
        _load_case(spec, index, now, divisions, users)
    from desk.demo.disclosure import load_disclosure_demo
    from desk.demo.kinds import demo_kind_specs, load_kind_case
    from desk.demo.published import load_published

    count = len(demo_cases)
    count += load_published(divisions, users, offset=len(demo_cases))
    count += load_disclosure_demo(divisions, users, now)
    kind_cases = demo_kind_specs(DATA)
    for spec in kind_cases:
        load_kind_case(spec, now, divisions, users)
    return count + sum(len(spec.get("letters", [None])) for spec in kind_cases)


def demo_case_specs() -> list[dict]:
    """The demo letters (written for Desk, every name and number invented), from the data file."""
    return json.loads((DATA / "cases.json").read_text(encoding="utf-8"))


def _load_case(spec: dict, index: int, now: datetime, divisions: dict, users: dict) -> Case:
    """Replay one demo case through the real services, each step at a plausible past moment."""
    tz = bureau_tz()
    received_day = now.astimezone(tz).date() - timedelta(days=spec["received_days_ago"])
    received_at = datetime.combine(received_day, time(8 + index % 10, (index * 7) % 60), tzinfo=tz)
    received_at = min(received_at, now - timedelta(hours=3))
    moments = _Clock(received_at, now)
    office = users["office"]
    division = divisions.get(spec["division"]) if spec["division"] else None
    code = _division_code(spec["division"]) if spec["division"] else None
    staff = users[f"{code}.staff"] if code else None
    head = users[f"{code}.head"] if code else None
    letter = services.Letter(
        kind=spec["kind"],
        subject=spec["subject"],
        content=spec["content"],
        citizen_name=spec["citizen_name"],
        phone=spec["phone"],
        email=spec["email"],
        consent_publish=spec["consent_publish"],
    )
    channel = Channel(spec["channel"])
    state = CaseState(spec["state"])
    with frozen_time(moments.at(0)):
        if channel == Channel.PHONE and staff is not None:
            answered = state in (CaseState.REPLIED, CaseState.CLOSED) and spec["reply"]
            case, _ = services.record_phone_call(staff, letter, spec["reply"] if answered else None)
            if answered:
                return _maybe_close(case, state, office, moments)
        else:
            case, _ = services.submit_letter(letter, channel=channel, received_at=received_at)
    if state == CaseState.RECEIVED:
        return case
    if state == CaseState.NOT_ACCEPTED:
        with frozen_time(moments.at(1)):
            services.refuse_case(office, case, spec["not_accepted_reason"] or "不属于本局职责范围。")
        return case
    if case.state == CaseState.RECEIVED:
        if spec["handback_reason"]:
            wrong = divisions["综合处" if spec["division"] != "综合处" else "政策法规处"]
            wrong_staff = users[f"{_division_code(wrong.name)}.staff"]
            with frozen_time(moments.at(1)):
                services.assign_case(office, case, wrong)
            with frozen_time(moments.at(2)):
                services.hand_back(wrong_staff, case, spec["handback_reason"])
        with frozen_time(moments.at(3)):
            services.assign_case(office, case, division)
    if state == CaseState.ASSIGNED:
        return case
    reply_text = spec["reply"] or spec["draft"] or "您好！您的来信收悉，现答复如下：……"
    if spec["return_comment"]:
        with frozen_time(moments.at(4)):
            services.submit_for_signoff(staff, case, reply_text[: max(len(reply_text) // 2, 20)])
        with frozen_time(moments.at(5)):
            services.send_back(head, case, spec["return_comment"])
    with frozen_time(moments.at(6)):
        services.submit_for_signoff(staff, case, spec["draft"] or reply_text)
    if state == CaseState.IN_REVIEW:
        return case
    with frozen_time(moments.at(7)):
        services.sign_off(head, case, reply_text)
    if spec.get("rating"):
        _rate(case, spec["rating"], head, office, moments)
    return _maybe_close(case, state, office, moments)


def _rate(case: Case, rating: dict, head: User, office: User, moments: _Clock) -> None:
    """The citizen rates the reply (好差评); a 差评's follow-up is answered, and closed when rectified."""
    with frozen_time(moments.at(8)):
        services.rate_case(case, rating["level"], rating["comment"])
    if not RatingLevel(rating["level"]).is_bad:
        return  # a good rating closes the case by itself
    follow_up = db.session.scalar(
        select(Supervision).where(
            Supervision.case_id == case.id, Supervision.reason == SupervisionReason.DISSATISFIED
        )
    )
    with frozen_time(moments.at(8.3)):
        answer_supervision(head, follow_up, rating["answer"])
    if rating.get("closing"):
        with frozen_time(moments.at(8.6)):
            close_supervision(office, follow_up, rating["closing"])


def _maybe_close(case: Case, state: CaseState, office: User, moments: _Clock) -> Case:
    if state == CaseState.CLOSED and case.state == CaseState.REPLIED:
        with frozen_time(moments.at(9)):
            services.close_case(office, case)
    return case


def _division_code(name: str) -> str:
    return dict(DIVISIONS)[name]


class _Clock:
    """Moments for the steps of a demo case: spread after receipt, never in the future."""

    def __init__(self, start: datetime, now: datetime) -> None:
        span = max((now - start) * 0.8, timedelta(minutes=20))
        self.start, self.step = start, min(span / 10, timedelta(hours=22))

    def at(self, step: float) -> datetime:
        return self.start + self.step * step
