"""Curating the knowledge base and suggesting from it. Services flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from desk.cases.services import CaseError
from desk.extensions import db
from desk.knowledge.index_cache import entry_index, reply_index
from desk.models import (
    Case,
    CaseState,
    Division,
    EntryStatus,
    KnowledgeEntry,
    KnowledgeRevision,
    ReplyStatus,
    Role,
    SelfServiceAnswer,
    User,
)
from desk.timeutil import today, utcnow
from knowledge_base import (
    REPLY_MIN_CONFIDENCE,
    Suggestion,
    deidentify,
    find_personal_data,
    load_starter_answers,
)


@dataclass(frozen=True)
class EntryData:
    """An entry's editable fields, validated by the form."""

    question: str
    answer: str
    topic: str
    division_id: int | None = None
    policy_basis: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    public: bool = False


def save_entry(
    actor: User | None, data: EntryData, entry: KnowledgeEntry | None = None, *, sources: list[Case] = ()
) -> KnowledgeEntry:
    """Create an entry (a draft) or change one; every process sees it on its next suggestion."""
    if actor is not None:
        _require_office(actor)
    if data.valid_from and data.valid_until and data.valid_until < data.valid_from:
        raise CaseError("有效期截止日期不能早于起始日期")
    if entry is None:
        entry = KnowledgeEntry(
            created_by_id=actor.id if actor else None, created_at=utcnow(), status=EntryStatus.DRAFT
        )
        db.session.add(entry)
    entry.question = data.question.strip()
    entry.answer = data.answer.strip()
    entry.topic = data.topic.strip()
    entry.division_id = data.division_id
    entry.policy_basis = (data.policy_basis or "").strip() or None
    entry.valid_from, entry.valid_until = data.valid_from, data.valid_until
    entry.public = data.public
    for case in sources:
        if case not in entry.sources:
            entry.sources.append(case)
    _touch(entry)
    return entry


def set_status(actor: User | None, entry: KnowledgeEntry, status: EntryStatus) -> None:
    """Publish (the reviewer is the actor) or retire an entry, or take it back to draft."""
    if actor is not None:
        _require_office(actor)
    entry.status = status
    if status == EntryStatus.PUBLISHED:
        entry.reviewer_id = actor.id if actor else None
        entry.published_at = utcnow()
    _touch(entry)


def _touch(entry: KnowledgeEntry) -> None:
    entry.updated_at = utcnow()
    entry.revision = next_revision()
    db.session.flush()


def next_revision() -> int:
    """Bump the shared revision (its row lock orders concurrent saves)."""
    value = db.session.scalar(
        update(KnowledgeRevision)
        .where(KnowledgeRevision.id == 1)
        .values(value=KnowledgeRevision.value + 1)
        .returning(KnowledgeRevision.value)
    )
    if value is None:
        db.session.add(KnowledgeRevision(id=1, value=1))
        db.session.flush()
        value = 1
    return value


@dataclass(frozen=True)
class Preview:
    """A signed-off reply as an entry would show it, with what de-identification replaced."""

    data: EntryData
    replaced: list[str]


def preview_from_case(case: Case) -> Preview:
    """The de-identified question and answer of a replied case, ready to become an entry."""
    if case.state not in (CaseState.REPLIED, CaseState.CLOSED) or case.reply is None:
        raise CaseError("只有已签发答复的来信可以生成知识条目")
    if case.reply.status != ReplyStatus.APPROVED:
        raise CaseError("答复尚未签发")
    names = [case.citizen_name] if case.citizen_name and case.channel in ("web", "phone") else []
    question = f"{case.subject}\n{case.content}"
    found = find_personal_data(question, names) + find_personal_data(case.reply.body, names)
    data = EntryData(
        question=deidentify(question, names=names),
        answer=deidentify(case.reply.body, names=names),
        topic=case.subject[:30],
        division_id=case.division_id,
        public=False,
    )
    return Preview(data, sorted({f.placeholder for f in found}))


# --- suggestions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryHit:
    """A suggested entry and why (the matched terms)."""

    entry: KnowledgeEntry
    hit: Suggestion


@dataclass(frozen=True)
class ReplyHit:
    """A similar past case whose signed-off reply may help."""

    case: Case
    hit: Suggestion


def _valid_published(public_only: bool):
    on = today()

    def keep(entry) -> bool:
        a = entry.attributes
        if a["status"] != EntryStatus.PUBLISHED or (public_only and not a["public"]):
            return False
        return (a["valid_from"] is None or a["valid_from"] <= on) and (
            a["valid_until"] is None or a["valid_until"] >= on
        )

    return keep


def suggest_for_case(user: User, case: Case, k: int = 5) -> tuple[list[EntryHit], list[ReplyHit]]:
    """Entries and similar past replies for the case being drafted (counted as shown)."""
    text = f"{case.subject}\n{case.content}"
    hits = entry_index().suggest(text, k=k, filters=_valid_published(public_only=False), min_score=0.01)
    entries = _load(KnowledgeEntry, hits)
    division_only = None if user.role == Role.OFFICE else {"division_id": user.division_id}
    reply_hits = reply_index().suggest(
        text,
        k=3,
        filters=division_only,
        exclude_ids={case.id},
        min_score=0.01,
        min_confidence=REPLY_MIN_CONFIDENCE,
    )
    cases = _load(Case, reply_hits)
    count_shown([h.entry_id for h in hits])
    return (
        [EntryHit(entries[h.entry_id], h) for h in hits if h.entry_id in entries],
        [ReplyHit(cases[h.entry_id], h) for h in reply_hits if h.entry_id in cases],
    )


def suggest_public(text: str, k: int = 3) -> list[EntryHit]:
    """Public, published, valid entries matching what a citizen is typing (counted as shown)."""
    hits = entry_index().suggest(text, k=k, filters=_valid_published(public_only=True), min_score=0.5)
    entries = _load(KnowledgeEntry, hits)
    count_shown([h.entry_id for h in hits])
    return [EntryHit(entries[h.entry_id], h) for h in hits if h.entry_id in entries]


def _load(model, hits: list[Suggestion]) -> dict:
    ids = [h.entry_id for h in hits]
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids)))}


def count_shown(entry_ids: list[int]) -> None:
    """Count that entries were suggested to someone."""
    if entry_ids:
        _increment(entry_ids, KnowledgeEntry.shown_count)


def count_use(entry_id: int) -> None:
    """Count that staff inserted an entry into a draft."""
    _increment([entry_id], KnowledgeEntry.used_count)


def count_view(entry_id: int) -> None:
    """Count that a citizen opened an entry."""
    _increment([entry_id], KnowledgeEntry.viewed_count)


def record_helpful(entry: KnowledgeEntry) -> None:
    """A citizen said the entry answered the question: no letter needed."""
    _increment([entry.id], KnowledgeEntry.helpful_count)
    db.session.add(SelfServiceAnswer(entry_id=entry.id, at=utcnow()))
    db.session.flush()


def _increment(ids: list[int], column) -> None:
    # Counters only: they must not bump the revision (no re-indexing for a view).
    db.session.execute(
        update(KnowledgeEntry)
        .where(KnowledgeEntry.id.in_(ids))
        .values({column.key: column + 1})
        .execution_options(synchronize_session=False)
    )


def public_entry(entry_id: int) -> KnowledgeEntry | None:
    """A published public entry valid today, for citizens."""
    entry = db.session.get(KnowledgeEntry, entry_id)
    if entry is None or entry.status != EntryStatus.PUBLISHED or not entry.public:
        return None
    on = today()
    if (entry.valid_from and entry.valid_from > on) or (entry.valid_until and entry.valid_until < on):
        return None
    return entry


def insert_into_draft(actor: User, case: Case, text: str, entry_id: int | None = None) -> None:
    """Append a suggested answer to the case's draft (one click), counting the use."""
    from desk.cases.services import save_draft

    body = case.reply.body if case.reply else ""
    save_draft(actor, case, f"{body}\n\n{text}".strip() if body else text)
    if entry_id is not None:
        count_use(entry_id)


def load_starter_entries(divisions_by_code: dict[str, Division]) -> int:
    """Load the starter answers shipped with `knowledge_base` as published entries (once)."""
    if db.session.scalar(select(KnowledgeEntry.id).limit(1)) is not None:
        return 0
    count = 0
    for answer in load_starter_answers():
        division = divisions_by_code.get(answer.division)
        entry = save_entry(
            None,
            EntryData(
                question=answer.question,
                answer=answer.answer,
                topic=answer.topic,
                division_id=division.id if division else None,
                policy_basis=answer.policy_basis,
                public=answer.public,
            ),
        )
        set_status(None, entry, EntryStatus.PUBLISHED)
        count += 1
    return count


def _require_office(actor: User) -> None:
    if actor.role != Role.OFFICE:
        raise CaseError("仅综合处可维护知识库")
