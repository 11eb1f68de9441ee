"""Each process keeps its own indexes and brings them up to date from the database on use.

A saved entry bumps one shared revision number; before answering, a process compares its revision
with the database's (one indexed single-row read) and applies only the entries changed since. So a
new or edited entry is suggested by every web process on its next request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from desk.cases.signals import case_committed
from desk.extensions import db
from desk.models import Case, KnowledgeEntry, KnowledgeRevision, PublishedReply
from knowledge_base import KnowledgeIndex, deidentify


@dataclass
class _ProcessIndexes:
    entries: KnowledgeIndex = field(default_factory=KnowledgeIndex)
    revision: int = -1
    replies: KnowledgeIndex = field(default_factory=KnowledgeIndex)
    replies_until: datetime | None = None
    replies_loaded: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def _state() -> _ProcessIndexes:
    return current_app.extensions.setdefault("desk_knowledge", _ProcessIndexes())


def current_revision() -> int:
    """The knowledge base's revision in the database."""
    return db.session.scalar(select(KnowledgeRevision.value).where(KnowledgeRevision.id == 1)) or 0


def entry_index() -> KnowledgeIndex:
    """This process's index of entries, brought up to date first."""
    state = _state()
    revision = current_revision()
    if revision != state.revision:
        with state.lock:
            if revision < state.revision:  # the database went back (a restore): start again
                state.entries, state.revision = KnowledgeIndex(), -1
            if revision != state.revision:
                stmt = select(KnowledgeEntry)
                if state.revision >= 0:
                    stmt = stmt.where(KnowledgeEntry.revision > state.revision)
                for entry in db.session.scalars(stmt):
                    add_entry(state.entries, entry)
                state.revision = revision
    return state.entries


def add_entry(index: KnowledgeIndex, entry: KnowledgeEntry) -> None:
    """Put (or replace) one entry in an index, with the attributes suggestions filter on."""
    index.add(
        entry.id,
        entry.question,
        entry.answer,
        entry.topic,
        status=entry.status,
        public=entry.public,
        division_id=entry.division_id,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
    )


def reply_index() -> KnowledgeIndex:
    """This process's index of published replies (letters de-identified), brought up to date.

    A case answered twice (reopened, answered again) is indexed once, with its latest reply.
    """
    state = _state()
    latest = db.session.scalar(select(func.max(PublishedReply.signed_at)))
    if latest is not None and (not state.replies_loaded or latest != state.replies_until):
        with state.lock:
            stmt = select(Case, PublishedReply).join(PublishedReply, PublishedReply.case_id == Case.id)
            if state.replies_loaded and state.replies_until is not None:
                stmt = stmt.where(PublishedReply.signed_at > state.replies_until)
            for case, reply in db.session.execute(stmt.order_by(PublishedReply.signed_at)):
                _add_reply(state.replies, case, reply)
            state.replies_until, state.replies_loaded = latest, True
        # Past replies re-rank by what their answers share, learned from the replies themselves.
        state.replies.refresh_reranker(background=True)
    return state.replies


def _add_reply(index: KnowledgeIndex, case: Case, reply: PublishedReply) -> None:
    names = [case.citizen_name]
    # Staff-side matching only (staff may read these letters): rules and the writer's names, not
    # the slower name model, so a process indexes its replies in seconds.
    index.add(
        case.id,
        deidentify(f"{case.subject}\n{case.content}", names=names, model=False),
        deidentify(reply.body, names=names, model=False),
        None,
        division_id=case.division_id,
    )


@case_committed.connect_via("transfer")
@case_committed.connect_via("hand_back")
def _follow_the_case(sender, *, case_id: int, change) -> None:
    """A case changed hands: this process's reply index files its past reply under the new division.

    Other processes may still hold the old division; suggestions check the case's current
    division in the database before showing a past reply (`suggest_for_case`).
    """
    state = current_app.extensions.get("desk_knowledge")
    if state is None or not state.replies_loaded or case_id not in state.replies:
        return
    case = db.session.get(Case, case_id)
    with state.lock:
        if case is None or not case.published_replies:
            state.replies.remove(case_id)
        else:
            _add_reply(state.replies, case, case.published_replies[-1])
