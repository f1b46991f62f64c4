"""Tables computed from the plan, never typed by hand; every total is the sum of the cells it closes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from smartplan.context import View
from smartplan.i18n import places, unnested
from smartplan.models import DIMENSION_IDS, DimensionFile, District, QuickWinFile

PLACEHOLDER_MARK = "†"


@dataclass(frozen=True)
class Table:
    """A titled grid of formatted cells; the first column heads each row, `total` closes the table."""

    key: str
    caption: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    numeric: bool = True  # cells after the first column are numbers, aligned right
    note: str = ""
    widths: list[int] = field(default_factory=list)


def _mark(view: View, source: str | None) -> str:
    # Written against the figure, as the templates write it: after a space, the † wrapped onto a line of its own
    # in narrow columns, and a no-break space made the ten-year tables too wide for A4.
    return PLACEHOLDER_MARK if view.is_placeholder(source) else ""


def _note(view: View, sources: list[str | None]) -> str:
    return view.lang.label("placeholder_note") if any(view.is_placeholder(s) for s in sources) else ""


def budget_years(view: View) -> list[int]:
    return sorted({line.year for action in view.actions for line in action.budget})


def _budget_matrix(
    view: View,
    cube: dict[tuple[str, int, str], int],
    key: str,
    corner: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    axes: tuple[int, int],
) -> Table:
    """Sum the budget cube along two of its axes (0 dimension, 1 year, 2 funding source), in millions of Rupiah."""
    lang = view.lang
    pick: dict[tuple[str, str], int] = defaultdict(int)
    for coordinates, amount in cube.items():
        pick[(str(coordinates[axes[0]]), str(coordinates[axes[1]]))] += amount
    body = []
    column_totals = [0] * len(columns)
    for row_id, row_name in rows:
        values = [pick.get((row_id, col_id), 0) for col_id, _ in columns]
        column_totals = [a + b for a, b in zip(column_totals, values, strict=True)]
        body.append([row_name, *(lang.millions(v) if v else "–" for v in values), lang.millions(sum(values))])
    total = [lang.label("total"), *(lang.millions(v) for v in column_totals), lang.millions(sum(column_totals))]
    note = _note(view, [a.source for a in view.actions if a.budget])
    caption = f"{lang.label('table_' + key.replace('-', '_'))} ({lang.label('in_millions')})"
    return Table(key, caption, [corner, *(name for _, name in columns), lang.label("total")], body, total, note=note)


def budget_tables(view: View) -> list[Table]:
    """The budget by dimension and year, by funding source and year, and by dimension and funding source."""
    label = view.lang.label
    dimensions = [(d.id, d.name) for d in view.dimensions]
    sources = [(f.id, f.name) for f in view.plan.funding_sources]
    # As column headers, the short names: a long name in a narrow column broke mid-word ("termasu k").
    source_columns = [(f.id, f.short_name or f.name) for f in view.plan.funding_sources]
    years = [(str(y), str(y)) for y in budget_years(view)]
    cube = view.budget_cube
    return [
        _budget_matrix(view, cube, "budget-dimension-year", label("dimension"), dimensions, years, (0, 1)),
        _budget_matrix(view, cube, "budget-source-year", label("funding_source"), sources, years, (2, 1)),
        _budget_matrix(view, cube, "budget-dimension-source", label("dimension"), dimensions, source_columns, (0, 2)),
    ]


def program_years(view: View) -> Table:
    """Which quick win or program runs in which year of the plan, with its budget that year."""
    lang = view.lang
    rows = []
    for action in sorted(view.actions, key=lambda a: DIMENSION_IDS.index(a.dimension)):
        by_year: dict[int, int] = defaultdict(int)
        for line in action.budget:
            by_year[line.year] += line.amount
        active = view.active_years(action)
        cells = [lang.millions(by_year[y]) if by_year.get(y) else ("●" if y in active else "") for y in view.years]
        rows.append([action.name + _mark(view, action.source), *cells])
    header = [lang.label("program"), *(str(y) for y in view.years)]
    # The legend explains only the signs the matrix uses: it named "●" also where every cell held a budget.
    used = {"running": any("●" in row for row in rows), "amount": any(c not in ("", "●") for r in rows for c in r[1:])}
    legend = "; ".join(lang.label(f"matrix_legend_{key}") for key, shown in used.items() if shown)
    note = " ".join(n for n in (f"{legend}." if legend else "", _note(view, [a.source for a in view.actions])) if n)
    return Table("program-year", lang.label("table_program_year"), header, rows, note=note)


def agencies(view: View) -> Table:
    """Agency x dimension: how many quick wins and programs each agency leads / supports in each dimension."""
    lang = view.lang

    def cell(leads: int, supports: int) -> str:
        return f"{leads} / {supports}" if leads or supports else "–"

    # Counted in one pass over the actions: a scan of them per agency and dimension was quadratic.
    leads = Counter((a.lead_agency, a.dimension) for a in view.actions)
    supports = Counter((s, a.dimension) for a in view.actions for s in set(a.supporting_agencies))
    rows = []
    for agency in view.plan.agencies:
        counts = [(leads[(agency.id, dim.id)], supports[(agency.id, dim.id)]) for dim in view.dimensions]
        total = (sum(c[0] for c in counts), sum(c[1] for c in counts))
        rows.append([agency.short_name or agency.name, *(cell(*c) for c in counts), cell(*total)])
    header = [lang.label("agency"), *(d.name.removeprefix("Smart ") for d in view.dimensions), lang.label("total")]
    return Table("agencies", lang.label("table_agencies"), header, rows, note=lang.label("agencies_legend"))


def coverage(view: View) -> Table:
    """How many quick wins, programs and indicators each element of each dimension has."""
    lang = view.lang
    quickwins = Counter((q.dimension, q.element) for q in view.quickwins)
    programs = Counter((p.dimension, p.element) for p in view.programs)
    rows = []
    for dim in view.dimensions:
        for element in dim.elements:
            indicators = sum(1 for i in dim.indicators if i.element == element.id)
            counts = (quickwins[(dim.id, element.id)], programs[(dim.id, element.id)], indicators)
            rows.append([f"{dim.name}: {element.name}", *(str(c) for c in counts)])
    total = [lang.label("total"), *(str(sum(int(r[i]) for r in rows)) for i in (1, 2, 3))]
    header = [lang.label("element"), lang.label("quick_wins"), lang.label("programs"), lang.label("indicators")]
    empty = [r[0] for r in rows if r[1] == r[2] == "0"]
    note = lang.format("coverage_gaps", elements="; ".join(empty)) if empty else ""
    return Table("coverage", lang.label("table_coverage"), header, rows, total, note=note)


def indicators(view: View, dim: DimensionFile) -> Table:
    """The dimension's indicators: baseline and the target of every year that has one."""
    lang = view.lang
    years = sorted({y for i in dim.indicators for y in i.targets})
    rows = []
    for ind in dim.indicators:
        digits = places([*([ind.baseline.value] if ind.baseline else []), *ind.targets.values()])  # one per indicator
        baseline = "–"
        if ind.baseline:
            baseline = (
                f"{lang.fixed(ind.baseline.value, digits)} ({ind.baseline.year}){_mark(view, ind.baseline.source)}"
            )
        targets = [
            lang.fixed(ind.targets[y], digits) + _mark(view, ind.target_source(y)) if y in ind.targets else "–"
            for y in years
        ]
        kind = f"{lang.label('type_' + ind.type)}; {lang.label('direction_' + ind.direction)}"
        name = f"{ind.name} ({unnested(ind.unit)}; {kind})"
        rows.append([name, baseline, *targets])
    header = [lang.label("indicator"), lang.label("baseline"), *(str(y) for y in years)]
    sources = [i.source for i in dim.indicators] + [i.baseline.source for i in dim.indicators if i.baseline]
    sources += [i.target_source(y) for i in dim.indicators for y in i.targets]
    caption = f"{lang.label('table_indicators')} {dim.name}"
    return Table(f"indicators-{dim.id}", caption, header, rows, note=_note(view, sources))


def districts(view: View) -> Table | None:
    """The sub-districts; population figures of different years are not summed, each is given with its year."""
    lang = view.lang
    items = view.plan.profile.districts
    if not items:
        return None
    one_year = len({d.population_year for d in items}) == 1

    def population(d: District) -> str:
        year = "" if one_year else f" ({d.population_year})"
        return f"{lang.number(d.population)}{year}{_mark(view, d.source)}"

    rows = [[d.name, lang.number(d.area_km2), str(d.villages), str(d.kelurahan), population(d)] for d in items]
    total = [
        lang.label("total"),
        lang.number(round(sum(d.area_km2 for d in items), 2)),
        str(sum(d.villages for d in items)),
        str(sum(d.kelurahan for d in items)),
        lang.number(sum(d.population for d in items)) if one_year else "–",
    ]
    people = lang.label("population")
    header = [
        lang.label("district"),
        lang.label("area_km2"),
        lang.label("villages"),
        lang.label("kelurahan"),
        f"{people} ({items[0].population_year})" if one_year else people,
    ]
    notes = [_note(view, [d.source for d in items]), "" if one_year else lang.label("population_years_differ")]
    return Table("districts", lang.label("table_districts"), header, rows, total, note=" ".join(n for n in notes if n))


def program_list(view: View) -> Table:
    """Every quick win and program on one line: where it belongs, who leads it, when, and its budget."""
    lang = view.lang
    rows = []
    for action in view.actions:
        years = view.active_years(action)
        when = str(years.start) if len(years) == 1 else f"{years.start}–{years.stop - 1}"
        kind = lang.label("quick_win" if isinstance(action, QuickWinFile) else "term_" + action.term)
        rows.append(
            [
                action.name,
                f"{view.dimension[action.dimension].name}: {view.element(action.dimension, action.element).name}",
                view.agency_name(action.lead_agency),
                f"{when} ({kind})",
                lang.budget(view.total_budget(action)) + _mark(view, action.source),
            ]
        )
    total = [lang.label("total"), "", "", "", lang.money(sum(view.total_budget(a) for a in view.actions))]
    header = [
        lang.label("program"),
        lang.label("element"),
        lang.label("lead_agency"),
        lang.label("period"),
        lang.label("indicative_budget"),
    ]
    note = _note(view, [a.source for a in view.actions])
    return Table("program-list", lang.label("table_program_list"), header, rows, total, numeric=False, note=note)


def readiness_summary(view: View) -> Table:
    """How many readiness items of each aspect were rated good, moderate and poor."""
    lang = view.lang
    ratings = ("good", "moderate", "poor")
    rows = []
    for aspect in ("structure", "infrastructure", "superstructure"):
        items = getattr(view.plan.readiness, aspect)
        counts = [sum(1 for i in items if i.assessment == r) for r in ratings]
        rows.append([lang.label("readiness_" + aspect), *(str(c) for c in counts), str(len(items))])
    total = [lang.label("total"), *(str(sum(int(r[n]) for r in rows)) for n in range(1, 5))]
    header = [lang.label("readiness_aspect"), *(lang.label("assessment_" + r) for r in ratings), lang.label("total")]
    return Table("readiness-summary", lang.label("table_readiness_summary"), header, rows, total)


def monitoring(view: View) -> Table:
    """Each indicator with how it is measured and the quick wins and programs that aim at it (traceability)."""
    lang = view.lang
    aiming: dict[str, list[str]] = defaultdict(list)  # indicator -> names of the actions aiming at it, in order
    for action in view.actions:
        for indicator in dict.fromkeys(t.indicator for t in action.indicators):
            aiming[indicator].append(action.name)
    rows = []
    for dim in view.dimensions:
        for ind in dim.indicators:
            aimed = aiming.get(ind.id, [])
            rows.append(
                [
                    ind.name,
                    lang.label("type_" + ind.type),
                    lang.label("frequency_" + ind.frequency),
                    ind.data_source,
                    "; ".join(ind.references) or "–",
                    "; ".join(aimed) or "–",
                ]
            )
    header = [
        lang.label("indicator"),
        lang.label("type"),
        lang.label("frequency"),
        lang.label("data_source"),
        lang.label("references"),
        lang.label("aimed_at_by"),
    ]
    return Table("monitoring", lang.label("table_monitoring"), header, rows, numeric=False)
