"""Every model, imported so metadata and Alembic see them all."""

from desk.models.attachment import Attachment
from desk.models.calendar import CalendarDay, CalendarYear, DeadlineRule
from desk.models.case import OPEN_STATES, Case, CaseSequence, CaseState, Channel, ClockPause
from desk.models.co_division import case_co_divisions
from desk.models.disclosure import DisclosureFigure, DisclosureRequest
from desk.models.event import CaseEvent
from desk.models.extension import ExtensionRequest, ExtensionState
from desk.models.group import CaseGroup, CaseGroupComment
from desk.models.inbox import Delivery, DeliveryAttempt, DeliveryState, InboundMessage, WebhookNonce
from desk.models.knowledge import EntryStatus, KnowledgeEntry, KnowledgeRevision, SelfServiceAnswer
from desk.models.milestone import CaseMilestone
from desk.models.notification import Notification
from desk.models.people import Division, Role, User
from desk.models.publication import (
    AskerNotice,
    AskerOptOut,
    ConsentSource,
    EntryUpdate,
    LetterState,
    PublicationConsent,
    PublishedLetter,
)
from desk.models.rating import BAD_RATINGS, Rating, RatingLevel
from desk.models.reply import PublishedReply, Reply, ReplyStatus
from desk.models.routing import RouterModel, RoutingRule, Setting
from desk.models.supervision import Supervision, SupervisionReason, SupervisionState

__all__ = [
    "BAD_RATINGS",
    "OPEN_STATES",
    "AskerNotice",
    "AskerOptOut",
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseEvent",
    "CaseGroup",
    "CaseGroupComment",
    "CaseMilestone",
    "CaseSequence",
    "CaseState",
    "Channel",
    "ClockPause",
    "ConsentSource",
    "DeadlineRule",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryState",
    "DisclosureFigure",
    "DisclosureRequest",
    "Division",
    "EntryStatus",
    "EntryUpdate",
    "ExtensionRequest",
    "ExtensionState",
    "InboundMessage",
    "KnowledgeEntry",
    "KnowledgeRevision",
    "LetterState",
    "Notification",
    "PublicationConsent",
    "PublishedLetter",
    "PublishedReply",
    "Rating",
    "RatingLevel",
    "Reply",
    "ReplyStatus",
    "Role",
    "RouterModel",
    "RoutingRule",
    "SelfServiceAnswer",
    "Setting",
    "Supervision",
    "SupervisionReason",
    "SupervisionState",
    "User",
    "WebhookNonce",
    "case_co_divisions",
]
