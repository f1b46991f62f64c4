"""Operating and maintenance after the build years: when it starts, what it costs each year of the plan."""

from __future__ import annotations

from collections import defaultdict

from smartplan.context import Action, View
from smartplan.models import ProgramFile
from smartplan.tables import Table, _mark, _note


def upkeep_start(action: Action) -> int:
    """The first year of operation and maintenance: as given, else the year after the build years."""
    assert action.operating_cost is not None
    if action.operating_cost.start is not None:
        return action.operating_cost.start
    return action.end + 1 if isinstance(action, ProgramFile) else action.year + 1


def upkeep_by_year(view: View) -> dict[int, int]:
    """Operating and maintenance costs summed by year of the plan."""
    by_year: dict[int, int] = defaultdict(int)
    for action in view.actions:
        if action.operating_cost:
            for year in range(upkeep_start(action), view.plan.period.end + 1):
                by_year[year] += action.operating_cost.per_year
    return dict(by_year)


def upkeep(view: View) -> Table:
    """Operating and maintenance costs of each quick win or program after its build years, within the plan."""
    lang = view.lang
    last = view.plan.period.end
    rows = []
    grand = 0
    for action in view.actions:
        cost = action.operating_cost
        if cost is None:
            continue
        start = upkeep_start(action)
        years = max(0, last - start + 1)
        grand += years * cost.per_year
        rows.append(
            [
                action.name,
                years_of(view, action),
                str(start),
                lang.money(cost.per_year) + _mark(view, cost.source),
                view.funding[cost.funding].name,
                lang.money(years * cost.per_year),
            ]
        )
    header = [
        lang.label("program"),
        lang.label("build_years"),
        lang.label("upkeep_from"),
        lang.label("upkeep_per_year"),
        lang.label("funding_source"),
        lang.format("upkeep_in_plan", end=last),
    ]
    total = [lang.label("total"), "", "", "", "", lang.money(grand)] if rows else None
    note = _note(view, [a.operating_cost.source for a in view.actions if a.operating_cost])
    return Table("upkeep", lang.label("table_upkeep"), header, rows, total, note=note)


def yearly_cost(view: View) -> Table:
    """Per year of the plan: the build budget, the upkeep of what was built, and both together."""
    lang = view.lang
    build: dict[int, int] = defaultdict(int)
    for action in view.actions:
        for line in action.budget:
            build[line.year] += line.amount
    running = upkeep_by_year(view)
    rows = []
    for year in view.years:
        b, r = build.get(year, 0), running.get(year, 0)
        rows.append([str(year), lang.millions(b), lang.millions(r), lang.millions(b + r)])
    total_b, total_r = sum(build.values()), sum(running.values())
    total = [lang.label("total"), lang.millions(total_b), lang.millions(total_r), lang.millions(total_b + total_r)]
    header = [lang.label("year"), lang.label("build_cost"), lang.label("upkeep_cost"), lang.label("total")]
    caption = f"{lang.label('table_yearly_cost')} ({lang.label('in_millions')})"
    sources = [a.source for a in view.actions] + [a.operating_cost.source for a in view.actions if a.operating_cost]
    return Table("yearly-cost", caption, header, rows, total, note=_note(view, sources))


def years_of(view: View, action: Action) -> str:
    """The years an action runs, as `2025` or `2025–2029`."""
    years = view.active_years(action)
    return str(years.start) if len(years) == 1 else f"{years.start}–{years.stop - 1}"
