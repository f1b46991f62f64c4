"""The spreadsheets of a plan as values: sheets of typed columns and rows, for XLSX and CSV alike. No I/O."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from smartplan.context import Action, View
from smartplan.models import Indicator, QuickWinFile
from smartplan.tables import budget_years

Kind = Literal["text", "integer", "rupiah", "number"]  # text; a count or a year; Rupiah; a figure in its unit


class Percent(float):
    """A figure of an indicator measured in percent, as a fraction: 55 % is Percent(0.55)."""


Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    meaning: str


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV file): its columns and rows; a row's cells match the columns, None is an empty cell."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


PLACEHOLDER = "yes when the figure rests on a source marked placeholder: to be confirmed by the agency (OPD)"
_PERCENT_UNITS = ("%", "persen")


def _flag(view: View, source: str | None) -> str:
    return "yes" if view.is_placeholder(source) else "no"


def _action_columns(when: tuple[Column, ...]) -> tuple[Column, ...]:
    return (
        Column("id", "text", "id, as in the plan's file name"),
        Column("name", "text", "name"),
        *when,
        Column("dimension", "text", "dimension (name)"),
        Column("element", "text", "element of the dimension (name)"),
        Column("lead_agency", "text", "lead agency (OPD), short name"),
        Column("supporting_agencies", "text", "supporting agencies, short names separated by '; '"),
        Column("status", "text", "planned, ongoing, done, delayed or cancelled"),
        Column("budget_total", "rupiah", "indicative budget, all years and funding sources, in Rupiah"),
        Column("budget_source", "text", "id of the source of the budget figures"),
        Column("placeholder", "text", PLACEHOLDER),
    )


def _action_row(view: View, action: Action, when: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return (
        action.id,
        action.name,
        *when,
        view.dimension[action.dimension].name,
        view.element(action.dimension, action.element).name,
        view.agency_name(action.lead_agency),
        "; ".join(view.agency_name(a) for a in action.supporting_agencies),
        action.status,
        view.total_budget(action),
        action.source,
        _flag(view, action.source),
    )


def programs(view: View) -> Sheet:
    when = (
        Column("term", "text", "medium or long term"),
        Column("start", "integer", "first year"),
        Column("end", "integer", "last year"),
    )
    rows = tuple(_action_row(view, p, (p.term, p.start, p.end)) for p in view.programs)
    return Sheet("programs", "Programs", _action_columns(when), rows)


def quickwins(view: View) -> Sheet:
    when = (Column("year", "integer", "year of delivery"),)
    rows = tuple(_action_row(view, q, (q.year,)) for q in view.quickwins)
    return Sheet("quickwins", "Quick wins", _action_columns(when), rows)


def is_percent(indicator: Indicator) -> bool:
    """An indicator measured in percent: its figures are written as percentages (55 % stored as 0.55)."""
    return indicator.unit.strip().lower().startswith(_PERCENT_UNITS)


def realised_values(view: View) -> dict[str, dict[int, float]]:
    """Each indicator's realised values by year, from the plan's monitoring files; a value not reported is absent."""
    realised: dict[str, dict[int, float]] = {}
    for report in view.monitoring:
        for value in report.indicators:
            if value.value is not None:
                realised.setdefault(value.indicator, {})[report.year] = value.value
    return realised


def _figure(indicator: Indicator, value: float | None) -> float | None:
    if value is None or not is_percent(indicator):
        return value
    return Percent(round(value / 100, 12))  # 0.57 rather than 0.5700000000000001


def indicators(view: View) -> Sheet:
    """Every indicator with its baseline, its target for each year of the plan and its realised values."""
    years = view.years
    realised = realised_values(view)
    realised_years = sorted({y for values in realised.values() for y in values})
    columns = (
        Column("dimension", "text", "dimension (name)"),
        Column("id", "text", "indicator id"),
        Column("name", "text", "indicator"),
        Column("element", "text", "element of the dimension (name)"),
        Column("unit", "text", "unit; values in percent are shown as percentages"),
        Column("type", "text", "output, outcome or impact"),
        Column("direction", "text", "higher or lower is better"),
        Column("baseline_year", "integer", "year of the baseline"),
        Column("baseline", "number", "baseline value"),
        Column("baseline_placeholder", "text", PLACEHOLDER),
        *(Column(f"target_{y}", "number", f"target for {y}") for y in years),
        Column("target_placeholder", "text", PLACEHOLDER),
        *(Column(f"realised_{y}", "number", f"realised value in {y}") for y in realised_years),
    )
    rows = []
    for dim in view.dimensions:
        for ind in dim.indicators:
            base = ind.baseline
            rows.append(
                (
                    dim.name,
                    ind.id,
                    ind.name,
                    view.element(dim.id, ind.element).name,
                    ind.unit,
                    ind.type,
                    ind.direction,
                    base.year if base else None,
                    _figure(ind, base.value) if base else None,
                    _flag(view, base.source) if base else None,
                    *(_figure(ind, ind.targets.get(y)) for y in years),
                    _flag(view, ind.source),
                    *(_figure(ind, realised.get(ind.id, {}).get(y)) for y in realised_years),
                )
            )
    return Sheet("indicators", "Indicators", columns, tuple(rows))


def budget(view: View) -> Sheet:
    """The budget matrix: funding source by year, in Rupiah, with totals (the books' table of the same name)."""
    years = budget_years(view)
    cells: dict[tuple[str, int], int] = defaultdict(int)
    for (_, year, funding), amount in view.budget_cube.items():
        cells[(funding, year)] += amount
    columns = (
        Column("funding_source", "text", "funding source (name); the last row is the total"),
        *(Column(str(y), "rupiah", f"budget in {y}, in Rupiah") for y in years),
        Column("total", "rupiah", "all years, in Rupiah"),
    )
    rows: list[tuple[Cell, ...]] = []
    for source in view.plan.funding_sources:
        values = [cells.get((source.id, y), 0) for y in years]
        rows.append((source.name, *values, sum(values)))
    totals = [sum(cells.get((s.id, y), 0) for s in view.plan.funding_sources) for y in years]
    rows.append(("Total", *totals, sum(totals)))
    return Sheet("budget", "Budget by funding source and year", columns, tuple(rows))


def budget_lines(view: View) -> Sheet:
    """Every budget line of every quick win and program, one a row: the data behind the matrix, for pivot tables."""
    columns = (
        Column("action_id", "text", "id of the quick win or program"),
        Column("kind", "text", "quick win or program"),
        Column("dimension", "text", "dimension (name)"),
        Column("year", "integer", "budget year"),
        Column("funding_source", "text", "funding source (name)"),
        Column("amount", "rupiah", "amount in Rupiah"),
        Column("placeholder", "text", PLACEHOLDER),
    )
    rows = tuple(
        (
            a.id,
            "quick win" if isinstance(a, QuickWinFile) else "program",
            view.dimension[a.dimension].name,
            line.year,
            view.funding[line.funding].name,
            line.amount,
            _flag(view, a.source),
        )
        for a in view.actions
        for line in a.budget
    )
    return Sheet("budget_lines", "Budget lines", columns, rows)


def agencies(view: View) -> Sheet:
    """Each agency (OPD): how many quick wins and programs it leads and supports, and the budget it leads."""
    leads = Counter(a.lead_agency for a in view.actions)
    supports = Counter(s for a in view.actions for s in set(a.supporting_agencies))
    led: dict[str, int] = defaultdict(int)
    for action in view.actions:
        led[action.lead_agency] += view.total_budget(action)
    columns = (
        Column("id", "text", "agency id"),
        Column("name", "text", "agency (OPD)"),
        Column("short_name", "text", "short name"),
        Column("leads", "integer", "quick wins and programs it leads"),
        Column("supports", "integer", "quick wins and programs it supports"),
        Column("budget_led", "rupiah", "budget of the quick wins and programs it leads, in Rupiah"),
    )
    rows = tuple((a.id, a.name, a.short_name, leads[a.id], supports[a.id], led[a.id]) for a in view.plan.agencies)
    return Sheet("agencies", "Agencies", columns, rows)


def readme(view: View, sheets: list[Sheet]) -> Sheet:
    """What each sheet and column holds, and which figures are placeholders."""
    plan = view.plan
    rows: list[tuple[Cell, ...]] = [
        ("", "", f"{plan.document.title}, version {plan.document.version} ({plan.document.status})"),
        ("", "", f"{plan.city.name}, {plan.period.start}-{plan.period.end}; amounts in Rupiah"),
        ("", "", "Columns named placeholder say 'yes' where a figure is illustrative, to be confirmed by the agency"),
        ("", "", "Indicators in percent are stored as fractions and shown as percentages: 55 % is the number 0.55"),
    ]
    for sheet in sheets:
        rows.append((sheet.name, "", sheet.title))
        rows += [(sheet.name, c.name, c.meaning) for c in sheet.columns]
    columns = (
        Column("sheet", "text", "sheet (or CSV file)"),
        Column("column", "text", "column"),
        Column("meaning", "text", "what the column holds"),
    )
    return Sheet("README", "What each sheet and column holds", columns, tuple(rows))


def workbook(view: View) -> list[Sheet]:
    """The README sheet, then programs, quick wins, indicators, the budget matrix, budget lines, agencies."""
    sheets = [programs(view), quickwins(view), indicators(view), budget(view), budget_lines(view), agencies(view)]
    return [readme(view, sheets), *sheets]
