"""Targets and money together: what a reviewer asks of each indicator's quick wins and programs.

An indicator is linked to the quick wins and programs that name it under `indicators:`; a year is funded
when one of them has a budget line above zero in it. These checks need every action file: with one broken,
an indicator's links are unknown, and they stay quiet rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.errors import Diagnostic, Text
from smartplan.models import Indicator, ProgramFile, QuickWinFile
from smartplan.plan import Loaded, Plan

Action = Loaded[QuickWinFile] | Loaded[ProgramFile]


def _complete(plan: Plan) -> bool:
    return not plan.broken.get("quickwins") and not plan.broken.get("programs")


def _in_period(plan: Plan, ind: Indicator) -> bool:
    """Whether every target lies in the plan period; one outside is an error already, and what it meant is unknown."""
    if plan.plan is None or not ind.targets:
        return True
    period = plan.plan.model.period
    return period.start <= min(ind.targets) and max(ind.targets) <= period.end


def _funded(action: QuickWinFile | ProgramFile) -> set[int]:
    return {line.year for line in action.budget if line.amount > 0}


def _start(action: QuickWinFile | ProgramFile) -> int:
    return action.year if isinstance(action, QuickWinFile) else action.start


Funded = list[tuple[Action, set[int]]]  # quick wins and programs with the years each is funded in


def _links(funded: Funded) -> dict[str, Funded]:
    """Each indicator id with the quick wins and programs that name it (each once) and their funded years."""
    linked: dict[str, Funded] = {}
    for item, years in funded:
        for name in {target.indicator for target in item.model.indicators}:
            linked.setdefault(name, []).append((item, years))
    return linked


def funding(plan: Plan) -> Iterator[Diagnostic]:
    """Targets that improve in unfunded years, start before their first action, or outlast its budget."""
    if not _complete(plan):
        return
    funded = [(item, _funded(item.model)) for item in plan.actions]  # once each: one may name many indicators
    linked = _links(funded)
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            if not _in_period(plan, ind):
                continue
            links = linked.get(ind.id, [])
            # At most one entry per year of models.Year's range: linear in the links.
            in_years = set().union(*(years for _, years in links))
            yield from _unfunded_rise(dim.file, i, ind, in_years)
            yield from _before_start(dim.file, i, ind, [action for action, _ in links])
    yield from _funding_stops(plan, funded, linked)


def _unfunded_rise(file: str, i: int, ind: Indicator, funded: set[int]) -> Iterator[Diagnostic]:
    sign = 1 if ind.direction == "higher" else -1
    before = ind.baseline.value if ind.baseline is not None else None
    unfunded = []
    for year in sorted(ind.targets):
        value = ind.targets[year]
        if before is not None and (value - before) * sign > 0 and year not in funded:
            unfunded.append(year)
        before = value
    if unfunded:
        shown = ", ".join(map(str, unfunded))
        yield at(
            file,
            ("indicators", i, "targets", unfunded[0]),
            "unfunded-target",
            Text.of("unfunded-target", id=ind.id, years=shown),
            hint=Text.of("unfunded-target.hint"),
            severity="warning",
        )


def _before_start(file: str, i: int, ind: Indicator, actions: list[Action]) -> Iterator[Diagnostic]:
    # Only an output counts what a quick win or program creates; outcomes and impacts exist before it.
    if ind.type != "output" or not actions or not ind.targets:
        return
    first = min(ind.targets)
    earliest = min(actions, key=lambda a: _start(a.model))
    start = _start(earliest.model)
    if first < start:
        yield at(
            file,
            ("indicators", i, "targets", first),
            "target-before-start",
            Text.of("target-before-start", id=ind.id, first=first, action=earliest.model.id, start=start),
            hint=Text.of("target-before-start.hint", start=start),
            severity="warning",
        )


def _funding_stops(plan: Plan, funded: Funded, linked: dict[str, Funded]) -> Iterator[Diagnostic]:
    """Running costs: a quick win's or program's budget ends while its indicators still have targets."""
    last_target = {
        ind.id: max(ind.targets)
        for d in plan.dimensions
        for ind in d.model.indicators
        if ind.targets and _in_period(plan, ind)
    }
    last_funded = {
        name: max((max(years, default=0) for _, years in links), default=0) for name, links in linked.items()
    }
    for item, years in funded:
        if not years:
            continue
        action, stop = item.model, max(years)
        # Only the last funder of an indicator answers for it: a successor program pays its later years.
        late = [
            (last_target[t.indicator], t.indicator)
            for t in action.indicators
            if t.indicator in last_target and last_funded[t.indicator] == stop < last_target[t.indicator]
        ]
        if late:
            until, name = max(late)
            line = max(i for i, b in enumerate(action.budget) if b.year == stop and b.amount > 0)
            yield at(
                item.file,
                ("budget", line, "year"),
                "funding-stops",
                Text.of("funding-stops", stop=stop, id=name, until=until),
                hint=Text.of("funding-stops.hint", until=until),
                severity="warning",
            )
