"""Monitoring files against the plan: known ids, years that can be reported, figures with sources, sane money."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.checks.ids import dangling
from smartplan.clock import today
from smartplan.errors import Diagnostic
from smartplan.models import Indicator, ProgramFile, QuickWinFile
from smartplan.monitoring.models import ActionProgress, MonitoringFile
from smartplan.plan import Loaded, Plan
from smartplan.source import Path_, stem

PERCENT_UNITS = frozenset({"persen", "%", "percent"})


def monitoring(plan: Plan) -> Iterator[Diagnostic]:
    if not plan.monitoring or plan.plan is None:
        return
    seen: dict[int, str] = {}
    for loaded in plan.monitoring:
        yield from _year(plan, loaded, seen)
        yield from _indicators(plan, loaded)
        yield from _actions(plan, loaded, "quickwins", {q.model.id: q.model for q in plan.quickwins})
        yield from _actions(plan, loaded, "programs", {p.model.id: p.model for p in plan.programs})


def _year(plan: Plan, loaded: Loaded[MonitoringFile], seen: dict[int, str]) -> Iterator[Diagnostic]:
    assert plan.plan is not None
    file, year = loaded.file, loaded.model.year
    name = stem(file)
    if name != str(year):
        yield at(
            file,
            ("year",),
            "year-mismatch",
            f"year {year} is reported in the file '{name}.yaml'",
            hint=f"rename the file to '{year}.yaml'" + (f" or set 'year: {name}'" if name.isdigit() else ""),
        )
    if year in seen:
        yield at(
            file,
            ("year",),
            "reported-twice",
            f"year {year} is already reported in {seen[year]}",
            hint="keep one file per year, named after it",
        )
    seen.setdefault(year, file)
    period = plan.plan.model.period
    if not period.start <= year <= period.end:
        yield at(
            file,
            ("year",),
            "out-of-period",
            f"year {year} is outside the plan period {period.start}-{period.end}",
            hint=f"use a year from {period.start} to {period.end}",
        )
    elif year > (now := today()).year:
        yield at(
            file,
            ("year",),
            "future-year",
            f"year {year} has not begun (today is {now.isoformat()})",
            hint="report a year once it has begun",
        )


def _indicators(plan: Plan, loaded: Loaded[MonitoringFile]) -> Iterator[Diagnostic]:
    assert plan.plan is not None
    file = loaded.file
    known: dict[str, Indicator] = {i.id: i for d in plan.dimensions for i in d.model.indicators}
    sources = {s.id for s in plan.plan.model.sources}
    first: set[str] = set()
    for i, entry in enumerate(loaded.model.indicators):
        path = ("indicators", i)
        if entry.indicator in first:
            yield _twice(file, (*path, "indicator"), "indicator", entry.indicator)
        first.add(entry.indicator)
        indicator = known.get(entry.indicator)
        if indicator is None and not plan.broken.get("dimensions"):
            yield dangling(file, (*path, "indicator"), entry.indicator, set(known), "indicator")
        if entry.source is not None and entry.source not in sources:
            yield dangling(file, (*path, "source"), entry.source, sources, "source")
        if entry.value is None:
            continue
        if entry.source is None:
            yield at(
                file,
                (*path, "value"),
                "no-source",
                f"the realised value of '{entry.indicator}' has no source",
                hint="add 'source:' naming a source of plan.yaml (one with 'placeholder: true' while unconfirmed)",
            )
        if indicator is not None and indicator.unit.casefold() in PERCENT_UNITS and not 0 <= entry.value <= 100:
            yield at(
                file,
                (*path, "value"),
                "wrong-unit",
                f"{entry.value:g} is not a percentage; '{indicator.id}' is measured in {indicator.unit}",
                hint="write a value from 0 to 100",
            )


def _twice(file: str, path: Path_, what: str, ident: str) -> Diagnostic:
    return at(
        file, path, "reported-twice", f"{what} '{ident}' is reported twice this year", hint=f"keep one entry per {what}"
    )


def _actions(
    plan: Plan, loaded: Loaded[MonitoringFile], kind: str, known: dict[str, QuickWinFile] | dict[str, ProgramFile]
) -> Iterator[Diagnostic]:
    assert plan.plan is not None
    file, year = loaded.file, loaded.model.year
    funding = {f.id for f in plan.plan.model.funding_sources}
    what = "quick win" if kind == "quickwins" else "program"
    other = "programs" if kind == "quickwins" else "quickwins"
    other_ids = {a.model.id for a in getattr(plan, other)}
    first: set[str] = set()
    entries: list[ActionProgress] = getattr(loaded.model, kind)
    for i, entry in enumerate(entries):
        path = (kind, i)
        if entry.id in first:
            yield _twice(file, (*path, "id"), what, entry.id)
        first.add(entry.id)
        action = known.get(entry.id)
        if action is None and not plan.broken.get(kind):
            found = dangling(file, (*path, "id"), entry.id, set(known), what)
            if entry.id in other_ids:
                found = at(
                    file, (*path, "id"), "dangling-ref", f"unknown {what} '{entry.id}'", hint=f"list it under '{other}'"
                )
            yield found
        spent: dict[str, int] = defaultdict(int)
        for j, line in enumerate(entry.realised):
            if line.funding not in funding:
                yield dangling(file, (*path, "realised", j, "funding"), line.funding, funding, "funding source")
            if line.amount < 0:
                yield at(
                    file,
                    (*path, "realised", j, "amount"),
                    "negative-amount",
                    f"amount {line.amount} is negative",
                    hint="budgets are zero or more Rupiah",
                )
            spent[line.funding] += line.amount
        if action is not None:
            yield from _over_budget(file, path, entry, action, year, spent)
        if entry.status == "done" and not entry.evidence and not any(line.amount > 0 for line in entry.realised):
            yield at(
                file,
                (*path, "status"),
                "done-without-evidence",
                f"{what} '{entry.id}' is done, yet nothing is realised and no evidence is given",
                hint="add the realised budget or an 'evidence:' document, or correct the status",
            )


def _over_budget(
    file: str, path: Path_, entry: ActionProgress, action: QuickWinFile | ProgramFile, year: int, spent: dict[str, int]
) -> Iterator[Diagnostic]:
    """A warning at the first line of each funding source that realised more than the year's budget planned."""
    planned: dict[str, int] = defaultdict(int)
    for budget in action.budget:
        if budget.year == year:
            planned[budget.funding] += budget.amount
    said: set[str] = set()
    kind = "quickwins" if isinstance(action, QuickWinFile) else "programs"
    for j, line in enumerate(entry.realised):
        if spent[line.funding] > planned[line.funding] and line.funding not in said:
            said.add(line.funding)
            yield at(
                file,
                (*path, "realised", j, "amount"),
                "over-budget",
                f"{spent[line.funding]:,} realised from '{line.funding}' in {year}, "
                f"more than the {planned[line.funding]:,} planned",
                hint=f"check the amount, or the budget in {kind}/{entry.id}.yaml",
                severity="warning",
            )
