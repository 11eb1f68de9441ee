"""What the knowledge base tells the rest of the desk (blinker); other packages subscribe.

`entry_published` is sent inside the unit of work when an entry is published, or when a published
entry is materially updated (its answer, policy basis or validity changed): sender "published" or
"updated", entry=. Handlers add rows in the same transaction and send things out after the commit.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

entry_published = _signals.signal("entry-published")  # sender "published" / "updated"; entry=
