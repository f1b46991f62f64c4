"""The executive summary's own figures: one figure per dimension, the money by year and source, this year's set."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import escape

from smartplan.charts import SOURCE_COLOURS, WIDTH, Chart, _legend, _svg, _text
from smartplan.context import View
from smartplan.models import DimensionFile, Indicator, QuickWinFile
from smartplan.tables import Table, _note


def headline(dim: DimensionFile) -> Indicator | None:
    """The dimension's one figure: the indicator it names, else the first with a baseline and a target."""
    if dim.headline_indicator is not None:
        return next((i for i in dim.indicators if i.id == dim.headline_indicator), None)
    return next((i for i in dim.indicators if i.baseline and i.targets), None)


@dataclass(frozen=True)
class DimensionLine:
    """A dimension in one sentence and one figure, with its share of the money."""

    dimension: DimensionFile
    indicator: Indicator | None
    budget: int
    share: float
    percent: int  # the share in whole percent; the lines' percents add up to 100


def dimension_lines(view: View) -> list[DimensionLine]:
    cube = view.budget_cube
    total = sum(cube.values())
    amounts = [sum(v for (d, _, _), v in cube.items() if d == dim.id) for dim in view.dimensions]
    percents = whole_percents(amounts)
    return [
        DimensionLine(dim, headline(dim), amount, amount / total if total else 0.0, percent)
        for dim, amount, percent in zip(view.dimensions, amounts, percents, strict=True)
    ]


def whole_percents(amounts: list[int]) -> list[int]:
    """Each amount's share of their sum in whole percent, adding up to 100 (largest remainders round up).

    Rounding each share alone can make the six dimensions' shares add up to 99 or 101, which a reader checks.
    """
    total = sum(amounts)
    if not total:
        return [0 for _ in amounts]
    exact = [100 * amount / total for amount in amounts]
    percents = [int(share) for share in exact]
    by_remainder = sorted(range(len(amounts)), key=lambda i: (-(exact[i] - percents[i]), i))
    for i in by_remainder[: 100 - sum(percents)]:
        percents[i] += 1
    return percents


def current_year(view: View) -> int | None:
    """The quick-win year the summary speaks of: the document's year, else the first after it, else the last."""
    years = view.quickwin_years
    if not years:
        return None
    now = view.plan.document.date.year
    return next((y for y in years if y >= now), years[-1])


def quickwins_now(view: View) -> list[QuickWinFile]:
    year = current_year(view)
    return [] if year is None else view.quickwins_in(year)


@dataclass(frozen=True)
class Money:
    """The budget by year and by funding source, with the year that needs most and the source that gives most."""

    by_year: dict[int, dict[str, int]]
    peak_year: int | None
    peak: int
    main_source: str | None
    main_share: float


def money(view: View) -> Money:
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_source: dict[str, int] = defaultdict(int)
    for (_, year, source), amount in view.budget_cube.items():
        by_year[year][source] += amount
        by_source[source] += amount
    totals = {year: sum(v.values()) for year, v in by_year.items()}
    peak_year = max(sorted(totals), key=lambda y: totals[y], default=None)
    main = max(sorted(by_source), key=lambda s: by_source[s], default=None)
    grand = sum(by_source.values())
    share = by_source[main] / grand if main and grand else 0.0
    years = {y: dict(by_year[y]) for y in sorted(by_year)}
    return Money(years, peak_year, totals.get(peak_year, 0) if peak_year else 0, main, share)


def money_chart(view: View) -> Chart:
    """The budget of each year as a column, stacked by funding source."""
    lang = view.lang
    found = money(view)
    sources = [f.id for f in view.plan.funding_sources]
    colours = {s: SOURCE_COLOURS[i % len(SOURCE_COLOURS)] for i, s in enumerate(sources)}
    years = view.years
    left, top, height = 20.0, 24.0, 180.0
    step = (WIDTH - left - 10) / max(1, len(years))
    largest = max((sum(v.values()) for v in found.by_year.values()), default=0) or 1
    body = []
    for n, year in enumerate(years):
        x, base = left + n * step, top + height
        amounts = found.by_year.get(year, {})
        for source in sources:
            amount = amounts.get(source, 0)
            if amount:
                bar = height * amount / largest
                base -= bar
                tip = f"{year}, {view.funding[source].name}: {lang.money(amount)}"
                body.append(
                    f'<rect x="{x + 6:.1f}" y="{base:.1f}" width="{step - 12:.1f}" height="{max(bar, 1):.1f}" '
                    f'fill="{colours[source]}"><title>{escape(tip)}</title></rect>'
                )
        total = sum(amounts.values())
        body.append(
            _text(x + step / 2, base - 4, lang.money_short(total) if total else "–", "middle", ' font-size="9"')
        )
        body.append(_text(x + step / 2, top + height + 14, str(year), "middle", ' font-weight="bold"'))
    legend, last = _legend([(colours[s], view.funding[s].name) for s in sources], 10.0, top + height + 36)
    body.extend(legend)
    desc = lang.format(
        "chart_money_desc", start=years[0], end=years[-1], total=lang.money(view.grand_total), sources=len(sources)
    )
    return _svg("chart-money-years", lang.label("chart_money"), desc, last + 8, body)


def money_table(view: View) -> Table:
    """The chart's figures: a row per year, a column per funding source, in millions of Rupiah."""
    lang = view.lang
    found = money(view)
    sources = view.plan.funding_sources
    rows = []
    for year, amounts in found.by_year.items():
        cells = [lang.millions(amounts[s.id]) if amounts.get(s.id) else "–" for s in sources]
        rows.append([str(year), *cells, lang.millions(sum(amounts.values()))])
    totals = [sum(a.get(s.id, 0) for a in found.by_year.values()) for s in sources]
    total = [lang.label("total"), *(lang.millions(t) for t in totals), lang.millions(sum(totals))]
    header = [lang.label("year"), *(s.name for s in sources), lang.label("total")]
    caption = f"{lang.label('chart_money')} ({lang.label('in_millions')})"
    note = _note(view, [a.source for a in view.actions if a.budget])
    return Table("money-years", caption, header, rows, total, note=note)


def context(view: View) -> dict[str, object]:
    """What the executive summary's templates see as `brief`."""
    return {
        "dimensions": dimension_lines(view),
        "year": current_year(view),
        "quickwins": quickwins_now(view),
        "money": money(view),
        "chart": money_chart(view),
        "table": money_table(view),
    }
