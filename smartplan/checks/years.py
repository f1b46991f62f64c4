"""Time and money: years inside the plan period, a quick win within its year, no negative amounts."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.errors import Diagnostic, Text
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
            Text.of("end-before-start.plan", end=last, start=first),
            hint=Text.of("end-before-start.plan.hint"),
        )
        return
    span = f"{first}-{last}"

    def outside(file: str, path: Path_, year: int, what: str) -> Diagnostic:
        """A year outside the period (`what`: which year, a key); each caller tests the year first."""
        return at(
            file,
            path,
            "out-of-period",
            Text.of("out-of-period", what=Text.of(what), year=year, span=span),
            Text.of("out-of-period.hint", first=first, last=last),
        )

    for i, phase in enumerate(plan.plan.model.phases):
        for end in ("start", "end"):
            if not first <= getattr(phase, end) <= last:
                yield outside(plan.plan.file, ("phases", i, end), getattr(phase, end), f"year.phase-{end}")
        if phase.end < phase.start:
            yield at(
                plan.plan.file,
                ("phases", i, "end"),
                "end-before-start",
                Text.of("end-before-start.phase", end=phase.end, start=phase.start),
                hint=Text.of("end-before-start.phase.hint"),
            )
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            for year in ind.targets:
                if not first <= year <= last:
                    yield outside(dim.file, ("indicators", i, "targets", year), year, "year.target")
    for quickwin in plan.quickwins:
        if not first <= quickwin.model.year <= last:
            yield outside(quickwin.file, ("year",), quickwin.model.year, "year.year")
        yield from _quickwin_span(quickwin)
    for loaded in plan.programs:
        file, program = loaded.file, loaded.model
        if not first <= program.start <= last:
            yield outside(file, ("start",), program.start, "year.start")
        if not first <= program.end <= last:
            yield outside(file, ("end",), program.end, "year.end")
        if program.end < program.start:
            yield at(
                file,
                ("end",),
                "end-before-start",
                Text.of("end-before-start.program", end=program.end, start=program.start),
                hint=Text.of("end-before-start.hint", start=program.start),
            )
        for i, milestone in enumerate(program.milestones):
            if not first <= milestone.year <= last:
                yield outside(file, ("milestones", i, "year"), milestone.year, "year.milestone")
        yield from _program_span(loaded, first, last)
    for item in plan.actions:
        # A quick win's own year is checked once, above; its budget and targets in that year add nothing.
        own = item.model.year if isinstance(item.model, QuickWinFile) else None
        for i, line in enumerate(item.model.budget):
            if line.year != own and not first <= line.year <= last:
                yield outside(item.file, ("budget", i, "year"), line.year, "year.budget")
        for i, target in enumerate(item.model.indicators):
            if target.year is not None and target.year != own and not first <= target.year <= last:
                yield outside(item.file, ("indicators", i, "year"), target.year, "year.target")


def _program_span(item: Loaded[ProgramFile], first: int, last: int) -> Iterator[Diagnostic]:
    """Budget lines and milestones fall within the program's own years (outside the period is reported apart)."""
    program = item.model
    if program.end < program.start:
        return
    start, end = program.start, program.end
    dated = (
        ("year.budget", "budget", [line.year for line in program.budget]),
        ("year.milestone", "milestones", [milestone.year for milestone in program.milestones]),
    )
    for what, field, years in dated:
        for i, year in enumerate(years):
            if first <= year <= last and not start <= year <= end:
                yield at(
                    item.file,
                    (field, i, "year"),
                    "outside-program",
                    Text.of("outside-program", what=Text.of(what), year=year, span=f"{start}-{end}"),
                    hint=Text.of("outside-program.hint", first=start, last=end),
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
                Text.of("end-before-start.activity", end=step.end, start=step.start),
                hint=Text.of("end-before-start.hint", start=step.start),
            )
    if qw.schedule:
        start = min(_months(s.start) for s in qw.schedule)
        end = max(_months(s.end) for s in qw.schedule)
        if end - start + 1 > 12:
            yield at(
                item.file,
                ("schedule",),
                "quickwin-too-long",
                Text.of("quickwin-too-long", count=end - start + 1),
                hint=Text.of("quickwin-too-long.hint"),
            )
        if start // 12 != qw.year:
            yield at(
                item.file,
                ("schedule", 0, "start"),
                "out-of-period",
                Text.of("out-of-period.schedule", start=start // 12, year=qw.year),
                hint=Text.of("out-of-period.schedule.hint", year=qw.year),
            )
    years = {qw.year} | {_months(s.end) // 12 for s in qw.schedule}
    for i, line in enumerate(qw.budget):
        if line.year not in years:
            yield at(
                item.file,
                ("budget", i, "year"),
                "quickwin-too-long",
                Text.of("quickwin-too-long.budget", budget=line.year, year=qw.year),
                hint=Text.of("quickwin-too-long.budget.hint"),
            )


def amounts(plan: Plan) -> Iterator[Diagnostic]:
    for item in plan.actions:
        for i, line in enumerate(item.model.budget):
            if line.amount < 0:
                yield at(
                    item.file,
                    ("budget", i, "amount"),
                    "negative-amount",
                    Text.of("negative-amount", amount=line.amount),
                    hint=Text.of("negative-amount.hint"),
                )
