"""What the case core tells the rest of the desk (blinker signals); other packages subscribe.

Two moments, so that a derived record never disagrees with its case:
- `case_received` and `case_changed` are sent inside the unit of work, right after the change is
  flushed: handlers keep derived rows in step in the same transaction (routing notes, supervision
  records that follow a transfer, notices), and a rollback undoes them with the change.
- `case_committed` is sent after the commit that holds the change: handlers send things out of the
  database (a delivery job, a refreshed in-process index), and nothing is sent for a rolled-back
  change.
Every signal's sender is the action's name ("transfer", "sign_off", …), so a handler connects to
the actions it cares about: `case_changed.connect(move_supervision, sender="transfer")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blinker import Namespace
from flask import current_app

from desk.background import call_after_commit
from desk.extensions import db

_signals = Namespace()

case_received = _signals.signal("case-received")  # sender "receive"; case=
case_changed = _signals.signal("case-changed")  # sender action; case=, actor=, change=
case_committed = _signals.signal("case-committed")  # sender action; case_id=, change=


@dataclass(frozen=True)
class Change:
    """What one applied action did to a case."""

    action: str
    case_id: int
    from_state: str
    to_state: str
    from_division_id: int | None
    to_division_id: int | None
    from_kind: str
    to_kind: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def moved_division(self) -> bool:
        """Whether the case changed hands."""
        return self.from_division_id != self.to_division_id


def announce(case, actor, change: Change) -> None:
    """Send the in-transaction signal now and the after-commit one once the commit succeeds."""
    case_changed.send(change.action, case=case, actor=actor, change=change)
    call_after_commit(_send_committed, change)


def _send_committed(change: Change) -> None:
    # Inside the commit's own hook the session may not query: handlers get a context of their own.
    app = current_app._get_current_object()
    with app.app_context():
        try:
            case_committed.send(change.action, case_id=change.case_id, change=change)
        finally:
            db.session.remove()
