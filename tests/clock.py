"""Frozen time for tests: every clock the process reads (datetime, time, date) stops at a moment."""

from __future__ import annotations

from datetime import datetime

import time_machine


def frozen_time(moment: datetime) -> time_machine.travel:
    """Stop the clock at `moment` (aware) for a `with` block or as a decorator."""
    return time_machine.travel(moment, tick=False)
