"""Achievement against targets, year by year, and its roll-up: a pure function of the plan and its monitoring files.

The method (docs/monitoring.md) follows Open SDG's progress status where it fits: the progress made since the
baseline, as a share R of the progress the year's target asks for, sorted by the same thresholds (target met:
achieved; R >= 95 %: on track; R >= 60 %: needs attention; below: off track). It departs from it in measuring
linear change against each year's own target (Indonesian plans set yearly targets, and values may be zero,
which a compound growth rate cannot start from) and in joining "limited progress" and "deterioration".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smartplan.models import Indicator
from smartplan.monitoring.models import Realised

STATUSES = ("achieved", "on-track", "needs-attention", "off-track", "no-data")
ON_TRACK, NEEDS_ATTENTION = 0.95, 0.60  # Open SDG's thresholds on the ratio R


@dataclass(frozen=True)
class Assessment:
    """One indicator in one year: what was realised, against which target, how far, and its status."""

    indicator: Indicator
    dimension: str
    year: int
    realised: Realised | None
    target: float | None
    progress: float | None  # R: the share of the required progress made; None without data or target
    status: str

    @property
    def value(self) -> float | None:
        return self.realised.value if self.realised else None


def target_in(indicator: Indicator, year: int) -> float | None:
    """The year's target: its own, else read off the straight line between the nearest known points around it."""
    if year in indicator.targets:
        return indicator.targets[year]
    points = sorted(indicator.targets.items())
    if not points:
        return None
    if indicator.baseline is not None and indicator.baseline.year < points[0][0]:
        points.insert(0, (indicator.baseline.year, indicator.baseline.value))
    before = [(y, v) for y, v in points if y < year]
    after = [(y, v) for y, v in points if y > year]
    if not before:
        return None  # before the first target there is nothing yet to meet
    if not after:
        return before[-1][1]  # past the last target, the last one holds
    (y0, v0), (y1, v1) = before[-1], after[0]
    return v0 + (v1 - v0) * (year - y0) / (y1 - y0)


def progress(indicator: Indicator, value: float, target: float) -> float | None:
    """R: progress since the baseline over the progress the target asks for (a plain ratio without a baseline)."""
    sign = 1 if indicator.direction == "higher" else -1
    baseline = indicator.baseline.value if indicator.baseline else None
    if baseline is not None and (target - baseline) * sign > 0:
        return (value - baseline) / (target - baseline)
    if sign > 0:
        return value / target if target else None
    return target / value if value else None


def status_of(indicator: Indicator, value: float | None, target: float | None) -> tuple[str, float | None]:
    """The status and R of one realised value against one target."""
    if value is None or target is None:
        return "no-data", None
    ratio = progress(indicator, value, target)
    sign = 1 if indicator.direction == "higher" else -1
    if (value - target) * sign >= 0:
        return "achieved", ratio
    return grade(ratio), ratio


def grade(ratio: float | None) -> str:
    """The status a ratio R short of the target earns."""
    if ratio is None:
        return "off-track"
    return "on-track" if ratio >= ON_TRACK else "needs-attention" if ratio >= NEEDS_ATTENTION else "off-track"


def assess(indicator: Indicator, dimension: str, year: int, realised: Realised | None) -> Assessment:
    target = target_in(indicator, year)
    status, ratio = status_of(indicator, realised.value if realised else None, target)
    return Assessment(indicator, dimension, year, realised, target, ratio, status)


@dataclass(frozen=True)
class RollUp:
    """Assessments taken together: how many have each status, and the status of their mean capped progress."""

    counts: dict[str, int]
    score: float | None  # mean of R, each capped to 0..1 (an achieved target counts 1), over those with data
    status: str

    @classmethod
    def of(cls, assessments: Iterable[Assessment]) -> RollUp:
        counts = dict.fromkeys(STATUSES, 0)
        capped = []
        for a in assessments:
            counts[a.status] += 1
            if a.status == "achieved":
                capped.append(1.0)
            elif a.status != "no-data":
                capped.append(min(1.0, max(0.0, a.progress or 0.0)))
        if not capped:
            return cls(counts, None, "no-data")
        score = sum(capped) / len(capped)
        return cls(counts, score, "achieved" if score >= 1.0 else grade(score))

    @property
    def assessed(self) -> int:
        return sum(n for status, n in self.counts.items() if status != "no-data")
