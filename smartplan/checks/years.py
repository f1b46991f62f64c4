"""Time and money: years inside the plan period, a quick win within its year, no negative amounts."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.errors import Diagnostic
from smartplan.models import ProgramFile, QuickWinFile
from smartplan.plan import Loaded, Plan
from smartplan.source import Path_


def years(plan: Plan) -> Iterator[Diagnostic]:
    if plan.plan is None:
        return
    period = plan.plan.model.period
    first, last = period.start, period.end
    if last < first:
        yield at(
            plan.plan.file,
            ("period", "end"),
            "end-before-start",
            f"the plan ends ({last}) before it starts ({first})",
            hint="swap period.start and period.end",
        )
        return
    span = f"{first}-{last}"

    def outside(file: str, path: Path_, year: int, what: str) -> Diagnostic:
        """A year outside the period; each caller tests the year first, which costs far less than a call."""
        return at(
            file,
            path,
            "out-of-period",
            f"{what} {year} is outside the plan period {span}",
            f"use a year from {first} to {last}",
        )

    for i, phase in enumerate(plan.plan.model.phases):
        for end in ("start", "end"):
            if not first <= getattr(phase, end) <= last:
                yield outside(plan.plan.file, ("phases", i, end), getattr(phase, end), f"phase {end} year")
        if phase.end < phase.start:
            yield at(
                plan.plan.file,
                ("phases", i, "end"),
                "end-before-start",
                f"the phase ends ({phase.end}) before it starts ({phase.start})",
                hint="swap start and end",
            )
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            for year in ind.targets:
                if not first <= year <= last:
                    yield outside(dim.file, ("indicators", i, "targets", year), year, "target year")
    for quickwin in plan.quickwins:
        if not first <= quickwin.model.year <= last:
            yield outside(quickwin.file, ("year",), quickwin.model.year, "year")
        yield from _quickwin_span(quickwin)
    for loaded in plan.programs:
        file, program = loaded.file, loaded.model
        if not first <= program.start <= last:
            yield outside(file, ("start",), program.start, "start year")
        if not first <= program.end <= last:
            yield outside(file, ("end",), program.end, "end year")
        if program.end < program.start:
            yield at(
                file,
                ("end",),
                "end-before-start",
                f"the program ends ({program.end}) before it starts ({program.start})",
                hint=f"set 'end' to {program.start} or later",
            )
        for i, milestone in enumerate(program.milestones):
            if not first <= milestone.year <= last:
                yield outside(file, ("milestones", i, "year"), milestone.year, "milestone year")
        yield from _program_span(loaded, first, last)
    for item in plan.actions:
        # A quick win's own year is checked once, above; its budget and targets in that year add nothing.
        own = item.model.year if isinstance(item.model, QuickWinFile) else None
        for i, line in enumerate(item.model.budget):
            if line.year != own and not first <= line.year <= last:
                yield outside(item.file, ("budget", i, "year"), line.year, "budget year")
        for i, target in enumerate(item.model.indicators):
            if target.year is not None and target.year != own and not first <= target.year <= last:
                yield outside(item.file, ("indicators", i, "year"), target.year, "target year")


def _program_span(item: Loaded[ProgramFile], first: int, last: int) -> Iterator[Diagnostic]:
    """Budget lines and milestones fall within the program's own years (outside the period is reported apart)."""
    program = item.model
    if program.end < program.start:
        return
    start, end = program.start, program.end
    dated = (
        ("budget year", "budget", [line.year for line in program.budget]),
        ("milestone year", "milestones", [milestone.year for milestone in program.milestones]),
    )
    for what, field, years in dated:
        for i, year in enumerate(years):
            if first <= year <= last and not start <= year <= end:
                yield at(
                    item.file,
                    (field, i, "year"),
                    "outside-program",
                    f"{what} {year} is outside the program's years {start}-{end}",
                    hint=f"use a year from {start} to {end}, or change 'start' or 'end'",
                )


def _months(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def _quickwin_span(item: Loaded[QuickWinFile]) -> Iterator[Diagnostic]:
    qw = item.model
    for i, step in enumerate(qw.schedule):
        if _months(step.end) < _months(step.start):
            yield at(
                item.file,
                ("schedule", i, "end"),
                "end-before-start",
                f"activity ends ({step.end}) before it starts ({step.start})",
                hint=f"set 'end' to {step.start} or later",
            )
    if qw.schedule:
        start = min(_months(s.start) for s in qw.schedule)
        end = max(_months(s.end) for s in qw.schedule)
        if end - start + 1 > 12:
            yield at(
                item.file,
                ("schedule",),
                "quickwin-too-long",
                f"the schedule spans {end - start + 1} months; a quick win is delivered within 12",
                hint="shorten the schedule, or make it a program in programs/",
            )
        if start // 12 != qw.year:
            yield at(
                item.file,
                ("schedule", 0, "start"),
                "out-of-period",
                f"the schedule starts in {start // 12}, not in the quick win's year {qw.year}",
                hint=f"start the schedule in {qw.year}, or change 'year'",
            )
    years = {qw.year} | {_months(s.end) // 12 for s in qw.schedule}
    for i, line in enumerate(qw.budget):
        if line.year not in years:
            yield at(
                item.file,
                ("budget", i, "year"),
                "quickwin-too-long",
                f"budget year {line.year} is outside the quick win's year {qw.year}",
                hint="a quick win is funded within its year; spread longer work over a program",
            )


def amounts(plan: Plan) -> Iterator[Diagnostic]:
    for item in plan.actions:
        for i, line in enumerate(item.model.budget):
            if line.amount < 0:
                yield at(
                    item.file,
                    ("budget", i, "amount"),
                    "negative-amount",
                    f"amount {line.amount} is negative",
                    hint="budgets are zero or more Rupiah",
                )
