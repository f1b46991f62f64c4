"""The spreadsheets of a plan as values: sheets of typed columns and rows, for XLSX and CSV alike. No I/O."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from smartplan.context import Action, View
from smartplan.errors import Text
from smartplan.models import Indicator, QuickWinFile
from smartplan.problem_words import words
from smartplan.tables import budget_years

Kind = Literal["text", "integer", "rupiah", "number"]  # text; a count or a year; Rupiah; a figure in its unit


class Percent(float):
    """A figure of an indicator measured in percent, as a fraction: 55 % is Percent(0.55)."""


Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    meaning: Text  # of the built-in sheets catalogue: worded in the README sheet


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV file): its columns and rows; a row's cells match the columns, None is an empty cell."""

    name: str
    title: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


PLACEHOLDER = Text.of("placeholder")
_PERCENT_UNITS = ("%", "persen")


def _flag(view: View, source: str | None) -> str:
    return "yes" if view.is_placeholder(source) else "no"


def _action_columns(when: tuple[Column, ...]) -> tuple[Column, ...]:
    return (
        Column("id", "text", Text.of("action.id")),
        Column("name", "text", Text.of("action.name")),
        *when,
        Column("dimension", "text", Text.of("dimension")),
        Column("element", "text", Text.of("element")),
        Column("lead_agency", "text", Text.of("lead_agency")),
        Column("supporting_agencies", "text", Text.of("supporting_agencies")),
        Column("status", "text", Text.of("status")),
        Column("budget_total", "rupiah", Text.of("budget_total")),
        Column("budget_source", "text", Text.of("budget_source")),
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
        Column("term", "text", Text.of("action.term")),
        Column("start", "integer", Text.of("action.start")),
        Column("end", "integer", Text.of("action.end")),
    )
    rows = tuple(_action_row(view, p, (p.term, p.start, p.end)) for p in view.programs)
    return Sheet("programs", Text.of("title.programs"), _action_columns(when), rows)


def quickwins(view: View) -> Sheet:
    when = (Column("year", "integer", Text.of("action.year")),)
    rows = tuple(_action_row(view, q, (q.year,)) for q in view.quickwins)
    return Sheet("quickwins", Text.of("title.quickwins"), _action_columns(when), rows)


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
        Column("dimension", "text", Text.of("dimension")),
        Column("id", "text", Text.of("indicator.id")),
        Column("name", "text", Text.of("indicator.name")),
        Column("element", "text", Text.of("element")),
        Column("unit", "text", Text.of("unit")),
        Column("type", "text", Text.of("type")),
        Column("direction", "text", Text.of("direction")),
        Column("baseline_year", "integer", Text.of("indicator.baseline_year")),
        Column("baseline", "number", Text.of("indicator.baseline")),
        Column("baseline_placeholder", "text", PLACEHOLDER),
        *(Column(f"target_{y}", "number", Text.of("target", year=y)) for y in years),
        Column("target_placeholder", "text", PLACEHOLDER),
        *(Column(f"realised_{y}", "number", Text.of("realised", year=y)) for y in realised_years),
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
    return Sheet("indicators", Text.of("title.indicators"), columns, tuple(rows))


def budget(view: View) -> Sheet:
    """The budget matrix: funding source by year, in Rupiah, with totals (the books' table of the same name)."""
    years = budget_years(view)
    cells: dict[tuple[str, int], int] = defaultdict(int)
    for (_, year, funding), amount in view.budget_cube.items():
        cells[(funding, year)] += amount
    columns = (
        Column("funding_source", "text", Text.of("budget.funding_source")),
        *(Column(str(y), "rupiah", Text.of("budget.year", year=y)) for y in years),
        Column("total", "rupiah", Text.of("budget.total")),
    )
    rows: list[tuple[Cell, ...]] = []
    for source in view.plan.funding_sources:
        values = [cells.get((source.id, y), 0) for y in years]
        rows.append((source.name, *values, sum(values)))
    totals = [sum(cells.get((s.id, y), 0) for s in view.plan.funding_sources) for y in years]
    rows.append(("Total", *totals, sum(totals)))
    return Sheet("budget", Text.of("title.budget"), columns, tuple(rows))


def budget_lines(view: View) -> Sheet:
    """Every budget line of every quick win and program, one a row: the data behind the matrix, for pivot tables."""
    columns = (
        Column("action_id", "text", Text.of("line.action_id")),
        Column("kind", "text", Text.of("line.kind")),
        Column("dimension", "text", Text.of("dimension")),
        Column("year", "integer", Text.of("line.year")),
        Column("funding_source", "text", Text.of("line.funding_source")),
        Column("amount", "rupiah", Text.of("line.amount")),
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
    return Sheet("budget_lines", Text.of("title.budget_lines"), columns, rows)


def agencies(view: View) -> Sheet:
    """Each agency (OPD): how many quick wins and programs it leads and supports, and the budget it leads."""
    leads = Counter(a.lead_agency for a in view.actions)
    supports = Counter(s for a in view.actions for s in set(a.supporting_agencies))
    led: dict[str, int] = defaultdict(int)
    for action in view.actions:
        led[action.lead_agency] += view.total_budget(action)
    columns = (
        Column("id", "text", Text.of("agency.id")),
        Column("name", "text", Text.of("agency.name")),
        Column("short_name", "text", Text.of("agency.short_name")),
        Column("leads", "integer", Text.of("agency.leads")),
        Column("supports", "integer", Text.of("agency.supports")),
        Column("budget_led", "rupiah", Text.of("agency.budget_led")),
    )
    rows = tuple((a.id, a.name, a.short_name, leads[a.id], supports[a.id], led[a.id]) for a in view.plan.agencies)
    return Sheet("agencies", Text.of("title.agencies"), columns, rows)


def readme(view: View, sheets: list[Sheet]) -> Sheet:
    """What each sheet and column holds, and which figures are placeholders."""
    plan, lang = view.plan, view.lang.code
    document = plan.document
    about = [
        Text.of("about.document", title=document.title, version=document.version, status=document.status),
        Text.of("about.city", city=plan.city.name, start=plan.period.start, end=plan.period.end),
        Text.of("about.placeholder"),
        Text.of("about.percent"),
    ]
    rows: list[tuple[Cell, ...]] = [("", "", words(text, lang)) for text in about]
    for sheet in sheets:
        rows.append((sheet.name, "", words(sheet.title, lang)))
        rows += [(sheet.name, c.name, words(c.meaning, lang)) for c in sheet.columns]
    columns = (
        Column("sheet", "text", Text.of("readme.sheet")),
        Column("column", "text", Text.of("readme.column")),
        Column("meaning", "text", Text.of("readme.meaning")),
    )
    return Sheet("README", Text.of("title.README"), columns, tuple(rows))


def workbook(view: View) -> list[Sheet]:
    """The README sheet, then programs, quick wins, indicators, the budget matrix, budget lines, agencies."""
    sheets = [programs(view), quickwins(view), indicators(view), budget(view), budget_lines(view), agencies(view)]
    return [readme(view, sheets), *sheets]
