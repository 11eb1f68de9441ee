"""The one error the case core raises when an action is refused; the web layer shows its message."""

from __future__ import annotations


class CaseError(Exception):
    """An action the case's state or the user's role does not allow; the message is for the user.

    `status` is the HTTP status the web layer answers with: 409 for the wrong state (the default),
    403 for the wrong person, 404 for something that is not there, 400 for bad data.
    """

    def __init__(self, message: str, *, status: int = 409) -> None:
        super().__init__(message)
        self.status = status
