"""Every model, imported so metadata and Alembic see them all."""

from desk.models.attachment import Attachment
from desk.models.calendar import CalendarDay, CalendarYear, DeadlineRule
from desk.models.case import OPEN_STATES, Case, CaseKind, CaseSequence, CaseState, Channel
from desk.models.event import CaseEvent
from desk.models.people import Division, Role, User
from desk.models.reply import Reply, ReplyStatus
from desk.models.throttle import FailedAttempt

__all__ = [
    "OPEN_STATES",
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseEvent",
    "CaseKind",
    "CaseSequence",
    "CaseState",
    "Channel",
    "DeadlineRule",
    "Division",
    "FailedAttempt",
    "Reply",
    "ReplyStatus",
    "Role",
    "User",
]
