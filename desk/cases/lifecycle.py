"""A case's life in one table: which action may happen in which state, by whom, and to what end.

`apply(case, action, actor, **data)` is the only way a case's state changes; `allowed_actions(case,
actor)` is what pages offer. Each row says where the action may start, where it ends (None: the
state stays), who may do it, the guard that must hold, and the event it writes; the step itself
(what the action changes besides the state) is a function in `desk.cases.steps`, or one a domain
package registers for an action it owns (supervision notices). A refused action raises CaseError
(403 for the wrong person, 409 for the wrong state) before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desk.cases import steps
from desk.cases.deadlines import load_calendar
from desk.cases.errors import CaseError
from desk.cases.events import record_event
from desk.cases.kinds import KINDS, kind_spec
from desk.cases.signals import Change, announce
from desk.extensions import db
from desk.models import Case, CaseState, Channel, Role, User
from desk.timeutil import today, utcnow

S = CaseState
OPEN = frozenset({S.RECEIVED, S.ASSIGNED, S.IN_REVIEW})
HANDLING = frozenset({S.ASSIGNED, S.IN_REVIEW})
ANSWERED = frozenset({S.REPLIED, S.CLOSED})
ANY_STATE = frozenset(S)


# --- who may ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A rule for who may act, and the refusal a user gets otherwise."""

    test: Callable[[Case, User | None], bool]
    refusal: str

    def allows(self, case: Case, actor: User | None) -> bool:
        return self.test(case, actor)


def _role(actor: User | None, *roles: Role) -> bool:
    return actor is not None and actor.role in roles


OFFICE = Who(lambda case, actor: _role(actor, Role.OFFICE), "仅综合处可进行此操作")
MEMBER = Who(
    lambda case, actor: _role(actor, Role.STAFF, Role.HEAD) and actor.division_id == case.division_id,
    "仅承办处室人员可进行此操作",
)
HEAD = Who(
    lambda case, actor: _role(actor, Role.HEAD) and actor.division_id == case.division_id,
    "仅承办处室负责人可审签",
)
MEMBER_OR_OFFICE = Who(
    lambda case, actor: _role(actor, Role.OFFICE) or MEMBER.allows(case, actor),
    "仅综合处或承办处室人员可进行此操作",
)
CO_MEMBER = Who(
    lambda case, actor: (
        _role(actor, Role.STAFF, Role.HEAD) and actor.division_id in {d.id for d in case.co_divisions}
    ),
    "仅会办处室人员可提出会办意见",
)
GROUP_HEAD = Who(
    lambda case, actor: (
        _role(actor, Role.HEAD) and case.group is not None and actor.division_id == case.group.division_id
    ),
    "仅集中反映主办处室负责人可签发统一答复",
)
COUNSEL = Who(
    lambda case, actor: _role(actor, Role.COUNSEL) and case.joint_review, "仅法律顾问可对会商件提出意见"
)
CITIZEN = Who(lambda case, actor: actor is None, "仅来信人可评价")  # proved by the query code
WRITER = Who(lambda case, actor: actor is None, "仅来信人本人可撤回公开同意")  # proved by the query code
CONSENTER = Who(lambda case, actor: actor is None, "仅来信人本人可同意公开")  # proved by the query code
SYSTEM = Who(lambda case, actor: actor is None, "该操作由系统自动进行")
SYSTEM_OR_OFFICE = Who(lambda case, actor: actor is None or _role(actor, Role.OFFICE), "仅综合处可进行此操作")
CALL_TAKER = Who(
    lambda case, actor: (
        _role(actor, Role.STAFF, Role.HEAD, Role.OFFICE)
        and case.channel == Channel.PHONE
        and case.recorded_by_id == actor.id
    ),
    "仅登记来电的工作人员可记录当场答复",
)
CALL_DIVISION = Who(
    lambda case, actor: (
        _role(actor, Role.STAFF, Role.HEAD)
        and case.channel == Channel.PHONE
        and case.recorded_by_id == actor.id
    ),
    "仅登记来电的处室人员可直接办理",
)


# --- the table -------------------------------------------------------------------------------


Step = Callable[..., "steps.Outcome | None"]


@dataclass(frozen=True)
class Transition:
    """One row of the table."""

    action: str
    label: str  # what the button says
    sources: frozenset[str]
    target: str | None  # None: the state stays (the step may still choose one)
    who: Who
    event: str  # the action recorded in the case's history
    step: Step | None = None
    guard: Callable[[Case], str | None] = field(default=lambda case: None)
    wrong_state: str | None = None  # the refusal in the wrong state, when a plainer one helps
    kinds: frozenset[str] | None = None  # the kinds the action belongs to (None: every kind)


def _has_division(case: Case) -> str | None:
    return None if case.division_id is not None else "该件没有承办处室，请先交办"


def _no_pending_extension(case: Case) -> str | None:
    if kind_spec(case.kind).max_extension_days < 1:
        return "该类别不能申请延期"
    return "该件已有待审批的延期申请" if steps.pending_extension(case) is not None else None


def _pending_extension(case: Case) -> str | None:
    return None if steps.pending_extension(case) is not None else "该件没有待审批的延期申请"


def _rateable(case: Case) -> str | None:
    return None if steps.can_rate(case) else "该件暂不能评价，或已评价"


def _dissatisfied(case: Case) -> str | None:
    return None if steps.was_dissatisfied(case) else "只有群众不满意的来信可以重新办理"


def _consented(case: Case) -> str | None:
    return None if case.consent_publish else "来信人未同意公开，不能公开该件"


def _not_consented(case: Case) -> str | None:
    return "您已同意公开本信件" if case.consent_publish else None


def _joint(case: Case) -> str | None:
    return None if case.joint_review else "该件未提交会商"


def _pause(case: Case, *reasons: str):
    """The case's pause for one of `reasons` still running today, if any."""
    now = today()
    return next(
        (p for p in case.pauses if p.reason in reasons and (p.ended_on is None or p.ended_on > now)), None
    )


def _clock_running(case: Case) -> str | None:
    return "计时已暂停（等待补正、征求意见或缴费），请先结束暂停" if _pause(case, *PAUSE_REASONS) else None


def _no_correction_yet(case: Case) -> str | None:
    if any(p.reason == "correction" for p in case.pauses):
        return "补正告知只能作出一次"
    latest = load_calendar().add_workdays(case.received_on, CORRECTION_NOTICE_WORKDAYS).due_date
    if today() > latest:
        return f"补正告知应在收到申请之日起{CORRECTION_NOTICE_WORKDAYS}个工作日内（{latest:%Y-%m-%d}前）作出"
    return _clock_running(case)


def _awaiting(reason: str, message: str) -> Callable[[Case], str | None]:
    return lambda case: None if _pause(case, reason) else message


def _lapsed(reason: str, message: str) -> Callable[[Case], str | None]:
    def guard(case: Case) -> str | None:
        pause = _pause(case, reason)
        if pause is None:
            return message
        if pause.due_on is not None and pause.due_on >= today():
            return f"期限（{pause.due_on:%Y-%m-%d}）尚未届满"
        return None

    return guard


def _consulting(case: Case) -> str | None:
    return None if _pause(case, "third_party", "agency") else "该件没有正在进行的征求意见"


CORRECTION_NOTICE_WORKDAYS = 7  # art. 30: one correction notice within 7 working days of receipt

# Why a disclosure request's clock may stop (arts. 30, 32, 34, 42 of the 2019 regulations).
PAUSE_REASONS = ("correction", "third_party", "agency", "fee")
PAUSE_LABELS = {
    "correction": "等待补正",
    "third_party": "征求第三方意见",
    "agency": "征求其他机关意见",
    "fee": "等待缴费",
}


def _milestone_open(case: Case) -> str | None:
    return None if any(m.met_at is None for m in case.milestones) else "该件没有待完成的办理节点"


def _in_group(case: Case) -> str | None:
    return None if case.group_id is not None else "该件未并入集中反映"


def _kind_with(attribute: str) -> frozenset[str]:
    """The kinds whose spec has something for `attribute` (grades, outcomes …)."""
    return frozenset(code for code, spec in KINDS.items() if getattr(spec, attribute))


T = Transition
R, A, V, P = (
    frozenset({S.RECEIVED}),
    frozenset({S.ASSIGNED}),
    frozenset({S.IN_REVIEW}),
    frozenset({S.REPLIED}),
)
FINISHED = "该件已办结，不再征求意见"
GK = frozenset({"disclosure"})  # 政府信息公开申请: its steps are registered by desk.disclosure
GRADED, TIMED, CLASSIFIED = _kind_with("grades"), _kind_with("milestones"), _kind_with("outcomes")
CO_HANDLED, CONTACTED = _kind_with("co_divisions"), _kind_with("contact_before_reply")
PUBLISHED = _kind_with("publish_reply")
LETTERS = _kind_with("reclassifiable")

# fmt: off
TABLE: tuple[Transition, ...] = (
    # action             label             from      to              who               event                     step                     guard                  wrong state
    # triage by the integrated office
    T("assign",          "受理并交办",      R,        S.ASSIGNED,     OFFICE,           "assigned",               steps.assign),
    T("refuse",          "不予受理",        R,        S.NOT_ACCEPTED, OFFICE,           "not_accepted",           steps.refuse),
    T("reclassify",      "调整类别",        OPEN,     None,           OFFICE,           "reclassified",           steps.reclassify,        wrong_state="已办结的来信不能调整类别", kinds=LETTERS),
    T("transfer",        "转办",            HANDLING, S.ASSIGNED,     OFFICE,           "transferred",            steps.transfer),
    T("joint_review",    "法律顾问会商",    OPEN,     None,           OFFICE,           "joint_review_requested", steps.joint_review,      wrong_state="已办结的来信无需会商"),
    T("auto_assign",     "自动交办",        R,        S.ASSIGNED,     SYSTEM,           "auto_assigned",          steps.auto_assign),
    T("take_call",       "本处室直接办理",  R,        S.ASSIGNED,     CALL_TAKER,       "assigned",               steps.take_call),
    # the division's work
    T("hand_back",       "退回综合处",      HANDLING, S.RECEIVED,     MEMBER,           "handed_back",            steps.hand_back),
    T("save_draft",      "保存草稿",        A,        None,           MEMBER,           "draft_saved",            steps.save_draft),
    T("submit",          "提交审签",        A,        S.IN_REVIEW,    MEMBER,           "submitted",              steps.submit),
    T("send_back",       "退回修改",        V,        S.ASSIGNED,     HEAD,             "sent_back",              steps.send_back),
    T("sign_off",        "审签通过并发布",  V,        S.REPLIED,      HEAD,             "replied",                steps.sign_off),
    T("reply_on_phone",  "电话当场答复",    A,        S.REPLIED,      CALL_TAKER,       "replied",                steps.reply_on_phone),
    T("counsel_comment", "提交意见",        OPEN,     None,           COUNSEL,          "counsel_comment",        steps.counsel_comment,   _joint,                FINISHED),
    # the clock
    T("request_extension", "申请延期",      HANDLING, None,           MEMBER,           "extension_requested",    steps.request_extension, _no_pending_extension, "只有办理中的来信可以申请延期"),
    T("decide_extension",  "审批延期",      OPEN,     None,           OFFICE,           "extended",               steps.decide_extension,  _pending_extension,    "该件已答复或办结，无需延期"),
    # after the reply
    T("rate",            "评价",            ANSWERED, None,           CITIZEN,          "rated",                  steps.rate,              _rateable,             "该件暂不能评价，或已评价"),
    T("close",           "办结归档",        P,        S.CLOSED,       OFFICE,           "closed",                 steps.close),
    T("reopen",          "重新交办",        ANSWERED, S.ASSIGNED,     OFFICE,           "reopened",               steps.reopen,            _dissatisfied,         "只有已答复或已办结的来信可以重新办理"),
    # a later message of the same sender (WeChat, Weibo) joins the case
    T("join_message",    "补充留言",        ANY_STATE, None,          SYSTEM,           "message_joined",         steps.join_message),
    # kinds with classifications and hour-clock milestones (舆情)
    T("grade",           "调整级别",        OPEN,     None,           OFFICE,           "graded",                 steps.grade,             kinds=GRADED),
    T("meet_milestone",  "报告节点完成",    OPEN,     None,           MEMBER_OR_OFFICE, "milestone_met",          steps.meet_milestone,    _milestone_open,       kinds=TIMED),
    T("classify_response", "核实定性",      HANDLING, None,           MEMBER,           "response_classified",    steps.classify_response, kinds=CLASSIFIED),
    # 人大代表建议 / 政协委员提案: co-handling, contact before the reply, de-identified publication
    T("co_opinion",      "会办意见",        OPEN,     None,           CO_MEMBER,        "co_opinion",             steps.co_opinion,        kinds=CO_HANDLED),
    T("contact_proposer", "沟通联系",       HANDLING, None,           MEMBER,           "proposer_contacted",     steps.contact_proposer,  kinds=CONTACTED),
    T("publish_reply",   "公开答复",        ANSWERED, None,           OFFICE,           "reply_published",        steps.publish_reply,     kinds=PUBLISHED),
    # 集中反映: letters on one matter linked into a group, answered once and each on its own channel
    T("join_group",      "并入集中反映",    OPEN,     None,           OFFICE,           "group_linked",           steps.join_group,        kinds=LETTERS),
    T("leave_group",     "移出集中反映",    OPEN,     None,           OFFICE,           "group_unlinked",         steps.leave_group,       _in_group),
    T("group_answer",    "集中反映统一答复", HANDLING, S.REPLIED,     GROUP_HEAD,       "replied",                steps.group_answer,      _in_group),
    # supervision notices (挂牌督办): their steps are registered by desk.supervision
    T("supervise",       "挂牌督办",        ANY_STATE, None,          SYSTEM_OR_OFFICE, "supervised"),
    T("answer_supervision", "督办反馈",     ANY_STATE, None,          HEAD,             "supervision_answered",   None,                    _has_division),
    T("close_supervision",  "督办销号",     ANY_STATE, None,          OFFICE,           "supervision_closed"),
    # 政府信息公开申请 (kind disclosure): the clock's pauses, art. 39 and the outcome at sign-off
    T("notify_correction", "补正告知",      HANDLING, None,           MEMBER,           "correction_requested",   None, _no_correction_yet, kinds=GK),
    T("record_correction", "收到补正",      HANDLING, None,           MEMBER,           "corrected",              None, _awaiting("correction", "该件没有待补正的告知"), kinds=GK),
    T("correction_lapsed", "逾期不补正",    HANDLING, S.REPLIED,      HEAD,             "replied",                None, _lapsed("correction", "该件没有待补正的告知"), kinds=GK),
    T("consult",           "征求意见",      HANDLING, None,           MEMBER,           "consultation_started",   None, _clock_running, kinds=GK),
    T("end_consultation",  "意见已返回",    HANDLING, None,           MEMBER,           "consultation_ended",     None, _consulting, kinds=GK),
    T("notify_fee",        "收费通知",      HANDLING, None,           MEMBER,           "fee_requested",          None, _clock_running, kinds=GK),
    T("record_payment",    "已缴费",        HANDLING, None,           MEMBER,           "fee_paid",               None, _awaiting("fee", "该件没有待缴的费用"), kinds=GK),
    T("fee_lapsed",        "逾期未缴费",    HANDLING, S.REPLIED,      HEAD,             "replied",                None, _lapsed("fee", "该件没有待缴的费用"), kinds=GK),
    T("redirect_petition", "非信息公开申请（第三十九条）", OPEN, S.REPLIED, OFFICE,     "replied",                None, kinds=GK),
    T("decide_disclosure", "审签并出具告知书", V,        S.REPLIED,      HEAD,             "replied",                None, kinds=GK),
    # 信件选登 (publishing a letter and its reply): their steps are registered by desk.publishing
    T("propose_publication", "提请公开",    ANSWERED, None,           MEMBER,           "publication_proposed",   None,                    _consented),
    T("approve_publication", "审核通过并公开", ANSWERED, None,        OFFICE,           "publication_approved",   None,                    _consented),
    T("refuse_publication",  "不予公开",    ANSWERED, None,           OFFICE,           "publication_refused"),
    T("unpublish",           "撤下公开",    ANY_STATE, None,          OFFICE,           "unpublished"),
    T("withdraw_consent",    "撤回公开同意", ANY_STATE, None,         WRITER,           "consent_withdrawn",      None,                    _consented),
    T("give_consent",        "重新同意公开", ANY_STATE, None,         CONSENTER,        "consent_given",          None,                    _not_consented),
)
# fmt: on
TRANSITIONS: dict[str, Transition] = {t.action: t for t in TABLE}
_registered_steps: dict[str, Step] = {}
_registered_guards: dict[str, Callable[[Case], str | None]] = {}


def register_step(action: str, guard: Callable[[Case], str | None] | None = None) -> Callable[[Step], Step]:
    """Give an action of the table whose records a domain package owns its step (decorator).

    `guard`, when given, is asked after the table's own guard: the package's records may forbid the
    action (a letter already proposed for publication), so pages never offer it.
    """

    def register(step: Step) -> Step:
        if action not in TRANSITIONS or TRANSITIONS[action].step is not None:
            raise ValueError(f"{action} is not an action open to registration")
        _registered_steps[action] = step
        if guard is not None:
            _registered_guards[action] = guard
        return step

    return register


# --- asking and acting -----------------------------------------------------------------------


def refusal(case: Case, action: str, actor: User | None) -> CaseError | None:
    """Why `actor` may not do `action` to the case now (None: allowed)."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return CaseError("没有这项操作", status=404)
    if (transition.kinds is not None and case.kind not in transition.kinds) or (
        action in kind_spec(case.kind).without_actions
    ):
        return CaseError(f"{kind_spec(case.kind).label}没有这项操作")
    if case.state not in transition.sources:
        return CaseError(transition.wrong_state or f"当前状态（{case.state_enum.label}）不能进行此操作")
    if not transition.who.allows(case, actor):
        return CaseError(transition.who.refusal, status=403)
    message = transition.guard(case)
    if not message and action in _registered_guards:
        message = _registered_guards[action](case)
    return CaseError(message) if message else None


def allowed_actions(case: Case, actor: User | None) -> frozenset[str]:
    """The actions `actor` may take on the case now: what the case page offers."""
    return frozenset(action for action in TRANSITIONS if refusal(case, action, actor) is None)


def apply(case: Case, action: str, actor: User | None, **data):
    """Do `action` to the case: check, run its step, move the state, record the event, signal.

    Returns what the step returns for the caller (a reply, a rating …). Flushes, never commits.
    """
    error = refusal(case, action, actor)
    if error is not None:
        raise error
    transition = TRANSITIONS[action]
    before = (case.state, case.division_id, case.kind)
    step = transition.step or _registered_steps.get(action)
    outcome = (step(case, actor, **data) if step else None) or steps.Outcome()
    target = outcome.target or transition.target or case.state
    if target != case.state:
        case.state = target
        case.closed_at = utcnow() if target == S.CLOSED else None
    db.session.flush()
    if not outcome.silent:
        record_event(
            case,
            outcome.event or transition.event,
            actor,
            from_state=before[0],
            note=outcome.note,
            public_note=outcome.public_note,
        )
    for extra in outcome.then:
        record_event(case, extra.event, actor, from_state=extra.from_state or before[0], note=extra.note)
    change = Change(
        action=action,
        case_id=case.id,
        from_state=before[0],
        to_state=case.state,
        from_division_id=before[1],
        to_division_id=case.division_id,
        from_kind=before[2],
        to_kind=case.kind,
        data={key: value for key, value in outcome.signal_data.items()},
    )
    announce(case, actor, change)
    return outcome.result
