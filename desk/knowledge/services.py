"""Curating the knowledge base and suggesting from it. Services flush, never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select, update

from desk.cases.services import CaseError
from desk.extensions import db
from desk.knowledge.index_cache import entry_index, reply_index
from desk.knowledge.signals import entry_published
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
    Finding,
    Suggestion,
    deidentify,
    load_starter_answers,
    redact,
)

TOPIC_LENGTH = 30  # a topic made from a letter's subject


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
    """Create an entry (a draft) or change one; every process sees it on its next suggestion.

    The question and topic are always de-identified; so is the answer of an entry made from
    letters, with the names their citizens gave. Such an entry may be public only when every one
    of those citizens agreed to publication.
    """
    if actor is not None:
        _require_office(actor)
    if data.valid_from and data.valid_until and data.valid_until < data.valid_from:
        raise CaseError("有效期截止日期不能早于起始日期")
    cases = list(entry.sources) if entry is not None else []
    cases += [c for c in sources if c not in cases]
    if data.public:
        _require_consent(cases)
    if entry is None:
        entry = KnowledgeEntry(
            created_by_id=actor.id if actor else None, created_at=utcnow(), status=EntryStatus.DRAFT
        )
        db.session.add(entry)
    names = known_names(cases)
    before = _material(entry)
    entry.question = deidentify(data.question.strip(), names=names)
    entry.answer = deidentify(data.answer.strip(), names=names) if cases else data.answer.strip()
    entry.topic = _clip(deidentify(data.topic.strip(), names=names), 64)
    entry.division_id = data.division_id
    entry.policy_basis = (data.policy_basis or "").strip() or None
    entry.valid_from, entry.valid_until = data.valid_from, data.valid_until
    entry.public = data.public
    for case in sources:
        if case not in entry.sources:
            entry.sources.append(case)
    _touch(entry)
    if entry.status == EntryStatus.PUBLISHED and before is not None and _material(entry) != before:
        entry_published.send("updated", entry=entry)
    return entry


def _material(entry: KnowledgeEntry) -> tuple | None:
    """What a change must touch to be worth telling earlier askers (None: a new entry)."""
    if entry.id is None:
        return None
    return (
        " ".join((entry.answer or "").split()),
        (entry.policy_basis or "").strip(),
        entry.valid_from,
        entry.valid_until,
    )


def set_status(actor: User | None, entry: KnowledgeEntry, status: EntryStatus) -> None:
    """Publish (the reviewer is the actor) or retire an entry, or take it back to draft.

    A public entry made from letters needs a reviewer, and the consent of every letter's citizen.
    """
    if actor is not None:
        _require_office(actor)
    if status == EntryStatus.PUBLISHED and entry.public and entry.sources:
        if actor is None:
            raise CaseError("由来信生成的公开条目须经综合处审核后发布")
        _require_consent(entry.sources)
    newly = status == EntryStatus.PUBLISHED and entry.status != EntryStatus.PUBLISHED
    entry.status = status
    if status == EntryStatus.PUBLISHED:
        entry.reviewer_id = actor.id if actor else None
        entry.published_at = utcnow()
    _touch(entry)
    if newly:
        entry_published.send("published", entry=entry)


def known_names(cases: list[Case]) -> list[str]:
    """The names citizens gave in these letters (channels that give a label, not a name, are left out)."""
    return [c.citizen_name for c in cases if c.citizen_name and c.channel in ("web", "phone")]


def _require_consent(cases: list[Case]) -> None:
    refused = [c.number for c in cases if not c.consent_publish]
    if refused:
        raise CaseError(f"来信人未同意公开（{'、'.join(refused)}），该条目只能设为内部条目")


def _clip(text: str, length: int) -> str:
    """At most ``length`` characters, never cutting a placeholder such as [姓名] in two."""
    if len(text) <= length:
        return text
    cut = text[:length]
    opening = cut.rfind("[")
    if opening > cut.rfind("]"):
        cut = cut[:opening]
    return cut.rstrip()


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
    """A signed-off reply as an entry would show it, with what de-identification masked (for the reviewer)."""

    data: EntryData
    findings: list[Finding]
    consent_publish: bool

    @property
    def replaced(self) -> list[str]:
        """The placeholders used, once each."""
        return sorted({f.placeholder for f in self.findings})


def preview_from_case(case: Case) -> Preview:
    """The de-identified question, answer and topic of a replied case, ready to become an entry.

    The topic comes from the de-identified subject: the citizen's raw subject never becomes one.
    """
    if case.state not in (CaseState.REPLIED, CaseState.CLOSED) or case.reply is None:
        raise CaseError("只有已签发答复的来信可以生成知识条目")
    if case.reply.status != ReplyStatus.APPROVED:
        raise CaseError("答复尚未签发")
    names = known_names([case])
    subject = redact(case.subject, known_names=names)
    question = redact(f"{case.subject}\n{case.content}", known_names=names)
    answer = redact(case.reply.body, known_names=names)
    data = EntryData(
        question=question.text,
        answer=answer.text,
        topic=_clip(subject.text, TOPIC_LENGTH),
        division_id=case.division_id,
        public=False,
    )
    findings = {(f.kind, f.text): f for f in (*question.findings, *answer.findings)}
    return Preview(data, list(findings.values()), case.consent_publish)


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
    """Entries and similar past replies for the case being drafted (the page counts them as shown)."""
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
    if division_only:  # the index may be older than a transfer: the case's division now decides
        cases = {i: c for i, c in cases.items() if c.division_id == user.division_id}
    return (
        [EntryHit(entries[h.entry_id], h) for h in hits if h.entry_id in entries],
        [ReplyHit(cases[h.entry_id], h) for h in reply_hits if h.entry_id in cases],
    )


def suggest_public(text: str, k: int = 3) -> list[EntryHit]:
    """Public, published, valid entries matching what a citizen is typing (the page counts them)."""
    hits = entry_index().suggest(text, k=k, filters=_valid_published(public_only=True), min_score=0.5)
    entries = _load(KnowledgeEntry, hits)
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


@dataclass(frozen=True)
class PublicText:
    """What citizens read of an entry."""

    topic: str
    question: str
    answer: str
    policy_basis: str | None


def public_text(entry: KnowledgeEntry) -> PublicText:
    """An entry's text for citizens, de-identified again as it is read.

    Entries are stored de-identified; masking once more on the way out keeps entries saved before
    that (or typed over by hand) from showing a name or a number on a public page.
    """
    names = tuple(known_names(list(entry.sources)))
    return PublicText(
        topic=_masked(entry.topic, names),
        question=_masked(entry.question, names),
        answer=_masked(entry.answer, names) if entry.sources else entry.answer,
        policy_basis=entry.policy_basis,
    )


def public_topic(topic: str) -> str:
    """A stored topic as citizens see it, de-identified again like ``public_text`` does."""
    return _masked(topic, ())


@lru_cache(maxsize=4096)
def _masked(text: str, names: tuple[str, ...]) -> str:
    return deidentify(text, names=names)


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
