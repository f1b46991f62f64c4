"""Today's date, from one place: `SMARTPLAN_TODAY=YYYY-MM-DD` sets it (for tests and reproducible reports)."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """The date monitoring years are checked against: a year after today's is in the future."""
    try:
        return date.fromisoformat(os.environ.get("SMARTPLAN_TODAY", ""))
    except ValueError:  # unset, or not a date: the real today
        return date.today()
