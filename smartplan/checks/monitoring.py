"""Monitoring files against the plan: known ids, years that can be reported, figures with sources, sane money."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.checks.ids import dangling
from smartplan.clock import today
from smartplan.errors import Diagnostic, Text
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
            Text.of("year-mismatch", year=year, name=name),
            hint=Text.of("year-mismatch.hint" + (".or-year" if name.isdigit() else ""), year=year, name=name),
        )
    if year in seen:
        yield at(
            file,
            ("year",),
            "reported-twice",
            Text.of("reported-twice.year", year=year, file=seen[year]),
            hint=Text.of("reported-twice.year.hint"),
        )
    seen.setdefault(year, file)
    period = plan.plan.model.period
    if not period.start <= year <= period.end:
        yield at(
            file,
            ("year",),
            "out-of-period",
            Text.of("out-of-period", what=Text.of("year.year"), year=year, span=f"{period.start}-{period.end}"),
            hint=Text.of("out-of-period.hint", first=period.start, last=period.end),
        )
    elif year > (now := today()).year:
        yield at(
            file,
            ("year",),
            "future-year",
            Text.of("future-year", year=year, today=now.isoformat()),
            hint=Text.of("future-year.hint"),
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
                Text.of("no-source", id=entry.indicator),
                hint=Text.of("no-source.hint"),
            )
        if indicator is not None and indicator.unit.casefold() in PERCENT_UNITS and not 0 <= entry.value <= 100:
            yield at(
                file,
                (*path, "value"),
                "wrong-unit",
                Text.of("wrong-unit", value=f"{entry.value:g}", id=indicator.id, unit=indicator.unit),
                hint=Text.of("wrong-unit.hint"),
            )


def _twice(file: str, path: Path_, what: str, ident: str) -> Diagnostic:
    """`what`: the kind of thing reported twice (thing.<what> in the catalogue)."""
    thing = Text.of(f"thing.{what}")
    return at(
        file,
        path,
        "reported-twice",
        Text.of("reported-twice", what=thing, id=ident),
        hint=Text.of("reported-twice.hint", what=thing),
    )


def _actions(
    plan: Plan, loaded: Loaded[MonitoringFile], kind: str, known: dict[str, QuickWinFile] | dict[str, ProgramFile]
) -> Iterator[Diagnostic]:
    assert plan.plan is not None
    file, year = loaded.file, loaded.model.year
    funding = {f.id for f in plan.plan.model.funding_sources}
    what = "quickwin" if kind == "quickwins" else "program"
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
                    file,
                    (*path, "id"),
                    "dangling-ref",
                    Text.of("dangling-ref", what=Text.of(f"thing.{what}"), id=entry.id),
                    hint=Text.of("dangling-ref.list-under", list=other),
                )
            yield found
        spent: dict[str, int] = defaultdict(int)
        for j, line in enumerate(entry.realised):
            if line.funding not in funding:
                yield dangling(file, (*path, "realised", j, "funding"), line.funding, funding, "funding-source")
            if line.amount < 0:
                yield at(
                    file,
                    (*path, "realised", j, "amount"),
                    "negative-amount",
                    Text.of("negative-amount", amount=line.amount),
                    hint=Text.of("negative-amount.hint"),
                )
            spent[line.funding] += line.amount
        if action is not None:
            yield from _over_budget(file, path, entry, action, year, spent)
        if entry.status == "done" and not entry.evidence and not any(line.amount > 0 for line in entry.realised):
            yield at(
                file,
                (*path, "status"),
                "done-without-evidence",
                Text.of("done-without-evidence", what=Text.of(f"thing.{what}"), id=entry.id),
                hint=Text.of("done-without-evidence.hint"),
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
                Text.of(
                    "over-budget",
                    spent=Text.of("amount", count=spent[line.funding]),
                    funding=line.funding,
                    year=year,
                    planned=Text.of("amount", count=planned[line.funding]),
                ),
                hint=Text.of("over-budget.hint", file=f"{kind}/{entry.id}.yaml"),
                severity="warning",
            )
