"""The answer knowledge base (知识库 of 答复口径): entries, their sources and their use."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.case import Case
from desk.models.people import Division, User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class EntryStatus(StrEnum):
    """Drafts are for the office; published entries are suggested; retired ones no longer."""

    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "published": "已发布", "retired": "已停用"}[self]


entry_sources = Table(
    "knowledge_entry_sources",
    db.metadata,
    Column("entry_id", ForeignKey("knowledge_entries.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id"), primary_key=True, index=True),
)


class KnowledgeEntry(db.Model):
    """A question (de-identified) and the answer the bureau gives to it."""

    __tablename__ = "knowledge_entries"
    __table_args__ = (
        Index("ix_knowledge_entries_status_topic", "status", "topic"),
        Index("ix_knowledge_entries_revision", "revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(64))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    policy_basis: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=EntryStatus.DRAFT)
    public: Mapped[bool] = mapped_column(default=False)
    # Counters: suggested to someone, inserted into a draft, opened by a citizen, answered a citizen.
    shown_count: Mapped[int] = mapped_column(default=0)
    used_count: Mapped[int] = mapped_column(default=0)
    viewed_count: Mapped[int] = mapped_column(default=0)
    helpful_count: Mapped[int] = mapped_column(default=0)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on every change, so each web process can bring its index up to date incrementally.
    revision: Mapped[int] = mapped_column(default=0)

    division: Mapped[Division | None] = relationship(lazy="joined")
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    sources: Mapped[list[Case]] = relationship(secondary=entry_sources)

    @property
    def status_enum(self) -> EntryStatus:
        return EntryStatus(self.status)


class KnowledgeRevision(db.Model):
    """One row: the knowledge base's last revision number (a change counter shared by processes)."""

    __tablename__ = "knowledge_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class SelfServiceAnswer(db.Model):
    """A citizen said a suggested entry answered the question, so no letter was needed."""

    __tablename__ = "self_service_answers"
    __table_args__ = (Index("ix_self_service_answers_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("knowledge_entries.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
