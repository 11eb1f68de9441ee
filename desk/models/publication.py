"""信件选登 and word to earlier askers: consents, published letters, entry updates, notices and opt-outs."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.case import Case
from desk.models.knowledge import KnowledgeEntry
from desk.models.people import Division, User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class LetterState(StrEnum):
    """Where a letter proposed for publication stands."""

    PROPOSED = "proposed"  # the division proposed it; the office has not reviewed it yet
    PUBLISHED = "published"  # approved: its approved text is on /letters
    REFUSED = "refused"  # the office refused, with a reason
    UNPUBLISHED = "unpublished"  # taken down (by the office, or the writer withdrew consent)

    @property
    def label(self) -> str:
        return {
            "proposed": "待审核",
            "published": "已公开",
            "refused": "不予公开",
            "unpublished": "已撤下",
        }[self]


class ConsentSource(StrEnum):
    """Where the writer gave a consent to publish."""

    LETTER = "letter"  # the box on the letter form
    TRACK = "track"  # given again on /track after a withdrawal

    @property
    def label(self) -> str:
        return {"letter": "来信时同意", "track": "在查询页面重新同意"}[self]


class PublicationConsent(db.Model):
    """One consent of a writer to publish the letter: given once, withdrawn at most once, never reused.

    A writer who withdraws and consents again gets a new row, so the history of what the writer
    agreed to, and when, is kept; `cases.consent_publish` says whether the latest one holds.
    """

    __tablename__ = "publication_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    given_on: Mapped[str] = mapped_column(String(16), default=ConsentSource.LETTER)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def source(self) -> ConsentSource:
        return ConsentSource(self.given_on)


class PublishedLetter(db.Model):
    """A letter and its reply for 信件选登: only the approved, de-identified text is ever public.

    One row per case. `title`, `letter` and `reply` hold the de-identified preview while the
    letter is proposed and the text the office approved once it is published.
    """

    __tablename__ = "published_letters"
    __table_args__ = (Index("ix_published_letters_state_published_at", "state", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    state: Mapped[str] = mapped_column(String(16), default=LetterState.PROPOSED)
    kind: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    letter: Mapped[str] = mapped_column(Text)
    reply: Mapped[str] = mapped_column(Text)
    received_on: Mapped[date] = mapped_column(Date)  # 受理日期 (the receipt day)
    replied_on: Mapped[date | None] = mapped_column(Date)  # 答复日期

    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    proposal_note: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unpublished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unpublish_reason: Mapped[str | None] = mapped_column(Text)
    taken_down_by: Mapped[str | None] = mapped_column(String(16))  # "writer" (consent withdrawn) / "office"
    view_count: Mapped[int] = mapped_column(default=0)

    case: Mapped[Case] = relationship()
    division: Mapped[Division | None] = relationship(lazy="joined")
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    @property
    def state_enum(self) -> LetterState:
        return LetterState(self.state)


class EntryUpdate(db.Model):
    """A knowledge-base entry was published or materially updated ("更新于…" on its public page)."""

    __tablename__ = "knowledge_entry_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("knowledge_entries.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    change: Mapped[str] = mapped_column(String(16))  # published / updated
    note: Mapped[str] = mapped_column(String(200))


class AskerNotice(db.Model):
    """One citizen told once that an entry matching an earlier letter was published or updated."""

    __tablename__ = "asker_notices"
    __table_args__ = (UniqueConstraint("update_id", "case_id", name="uq_asker_notices_update_case"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("knowledge_entry_updates.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("knowledge_entries.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(16))  # topic / score
    score: Mapped[float | None]
    # What became of the push on the citizen's channels (None: not tried, the channel was not left).
    wechat_outcome: Mapped[str | None] = mapped_column(String(16))
    weibo_outcome: Mapped[str | None] = mapped_column(String(16))
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    update: Mapped[EntryUpdate] = relationship()
    entry: Mapped[KnowledgeEntry] = relationship()


class AskerOptOut(db.Model):
    """The writer of a case asked not to be told of new answers any more."""

    __tablename__ = "asker_opt_outs"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
