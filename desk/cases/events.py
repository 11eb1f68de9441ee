"""Recording the append-only history of a case."""

from __future__ import annotations

from desk.extensions import db
from desk.models import Case, CaseEvent, User
from desk.timeutil import utcnow

# Actions a citizen sees on the look-up page, with the words shown there.
PUBLIC_ACTIONS = {
    "received": "来信已收到",
    "accepted": "已受理",
    "not_accepted": "不予受理",
    "assigned": "已转承办处室办理",
    "transferred": "已转承办处室办理",
    "auto_assigned": "已转承办处室办理",
    "reclassified": "来信类别已调整",
    "replied": "已答复",
    "closed": "已办结",
    "extended": "延期办理",
    "rated": "评价",
    "reopened": "重新办理",
    "message_joined": "收到补充内容",
    "correction_requested": "补正告知",
    "corrected": "收到补正，重新计算期限",
    "consultation_started": "征求意见（不计入期限）",
    "consultation_ended": "恢复计时",
    "fee_requested": "收费通知（暂停计时）",
    "fee_paid": "已缴费，恢复计时",
    "publication_approved": "信件及答复经审核后公开（已去除个人信息）",
    "unpublished": "公开的信件已撤下",
    "consent_withdrawn": "您已撤回公开同意",
    "consent_given": "您已重新同意公开（经审核、去除个人信息后方可公开）",
}

# Every action with the words staff see in a case's history.
ACTION_LABELS = {
    "received": "收信",
    "accepted": "受理",
    "not_accepted": "不予受理",
    "assigned": "交办",
    "transferred": "转办",
    "reclassified": "调整类别",
    "handed_back": "退回综合处",
    "draft_saved": "保存答复草稿",
    "submitted": "提交审签",
    "sent_back": "退回修改",
    "replied": "签发答复",
    "closed": "办结",
    "contact_viewed": "查看联系方式",
    "joint_review_requested": "提交法律顾问会商",
    "joint_review_ended": "结束会商",
    "counsel_comment": "法律顾问意见",
    "auto_assigned": "自动交办",
    "supervised": "挂牌督办",
    "supervision_answered": "督办反馈",
    "supervision_closed": "督办销号",
    "extension_requested": "申请延期",
    "extended": "批准延期",
    "extension_refused": "延期未获批准",
    "rated": "群众评价",
    "reopened": "重新办理",
    "message_joined": "补充留言",
    "delivered": "答复已送达",
    "delivery_undeliverable": "答复无法经渠道送达",
    "delivery_failed": "答复发送失败",
    "correction_requested": "补正告知",
    "corrected": "收到补正",
    "consultation_started": "征求意见",
    "consultation_ended": "征求意见返回",
    "fee_requested": "收费通知",
    "fee_paid": "已缴费",
    "publication_proposed": "提请公开（信件选登）",
    "publication_approved": "审核通过并公开",
    "publication_refused": "不予公开",
    "unpublished": "撤下公开",
    "consent_withdrawn": "来信人撤回公开同意",
    "consent_given": "来信人重新同意公开",
    "graded": "调整级别",
    "milestone_met": "报告办理节点",
    "response_classified": "核实定性",
    "co_divisions_set": "确定会办处室",
    "co_opinion": "会办意见",
    "proposer_contacted": "答复前沟通联系",
    "reply_published": "公开答复",
    "group_linked": "并入集中反映",
    "group_unlinked": "移出集中反映",
    "group_answer": "集中反映统一答复",
}


def record_event(
    case: Case,
    action: str,
    actor: User | None,
    *,
    from_state: str | None = None,
    note: str | None = None,
    public_note: str | None = None,
) -> CaseEvent:
    """Append one event to the case's history; the new state is the case's current one."""
    event = CaseEvent(
        case_id=case.id,
        at=utcnow(),  # the moment of the change, not of the flush
        action=action,
        actor_id=actor.id if actor else None,
        from_state=from_state,
        to_state=case.state,
        note=note,
        public_note=public_note,
        public=action in PUBLIC_ACTIONS,
    )
    db.session.add(event)
    return event
