"""Charts as inline SVG: no script, no fonts or images fetched, a <title> and <desc> for screen readers.

Every chart also has a table with the same figures next to it in the documents (its text alternative).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from smartplan.context import View
from smartplan.i18n import places, unnested
from smartplan.models import DIMENSION_IDS, Indicator, QuickWinFile

# Colour per dimension, dark enough for white text and distinct in greyscale print.
DIMENSION_COLOURS = {
    "governance": "#1f4e79",
    "branding": "#8e3b8e",
    "economy": "#b8860b",
    "living": "#2e7d32",
    "society": "#c0392b",
    "environment": "#00796b",
}
SOURCE_COLOURS = ("#1f4e79", "#e08e0b", "#2e7d32", "#8e3b8e", "#c0392b", "#5d6d7e", "#00796b", "#a04000")
WIDTH = 700
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


@dataclass(frozen=True)
class Chart:
    """An SVG drawing and the words that describe it."""

    key: str
    title: str
    desc: str
    svg: Markup


def _svg(key: str, title: str, desc: str, height: float, body: list[str], width: int = WIDTH) -> Chart:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" '
        f'height="{height:.0f}" role="img" aria-labelledby="{key}-title {key}-desc" class="chart" {FONT} '
        f'font-size="11"><title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(desc)}</desc>'
    )
    return Chart(key, title, desc, Markup(head + "".join(body) + "</svg>"))


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _legend(items: list[tuple[str, str]], x0: float, y: float) -> tuple[list[str], float]:
    """Coloured keys laid out left to right, wrapping at the chart's width; returns the parts and the last line's y."""
    body: list[str] = []
    x = x0
    for colour, text in items:
        label = _short(text, 60)
        width = 24 + 6.3 * len(label)
        if x > x0 and x + width > WIDTH:
            x, y = x0, y + 16
        body.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(x + 14, y, label))
        x += width
    return body, y


def timeline(view: View) -> Chart:
    """The roadmap: one bar per quick win or program across the years it runs, coloured by dimension."""
    lang = view.lang
    years = view.years
    left, top, row = 265.0, 28.0, 18.0
    step = (WIDTH - left - 10) / len(years)
    actions = sorted(view.actions, key=lambda a: DIMENSION_IDS.index(a.dimension))
    height = top + row * max(1, len(actions)) + 40
    body = [_text(left + step * i + step / 2, 16, str(y), "middle", ' font-weight="bold"') for i, y in enumerate(years)]
    for i in range(len(years) + 1):
        x = left + step * i
        body.append(f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 36:.1f}" stroke="#ccc"/>')
    for n, action in enumerate(actions):
        y = top + n * row
        active = view.active_years(action)
        first = years.index(max(active.start, years[0])) if active.start <= years[-1] else len(years)
        span = len([y_ for y_ in active if y_ in years])
        colour = DIMENSION_COLOURS[action.dimension]
        body.append(_text(left - 6, y + 12, _short(action.name, 46), "end", ' font-size="9.5"'))
        if span:
            kind = lang.label("quick_win" if isinstance(action, QuickWinFile) else "term_" + action.term)
            tip = f"{action.name}: {kind}, {active.start}–{active.stop - 1}"
            body.append(
                f'<rect x="{left + step * first + 2:.1f}" y="{y + 2:.1f}" width="{step * span - 4:.1f}" '
                f'height="{row - 5:.1f}" rx="3" fill="{colour}"><title>{escape(tip)}</title></rect>'
            )
        for milestone in getattr(action, "milestones", []):
            if milestone.year in years:  # a white diamond in the middle of the milestone's year
                cx, cy = left + step * years.index(milestone.year) + step / 2, y + 2 + (row - 5) / 2
                points = f"{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}"
                tip = f"{milestone.year}: {milestone.milestone}"
                body.append(
                    f'<polygon points="{points}" fill="#fff" stroke="{colour}"><title>{escape(tip)}</title></polygon>'
                )
    legend, last = _legend([(DIMENSION_COLOURS[d.id], d.name) for d in view.dimensions], 10.0, height - 18)
    body.extend(legend)
    height = last + 8
    desc = lang.format("chart_timeline_desc", count=len(actions), start=years[0], end=years[-1])
    return _svg("chart-timeline", lang.label("chart_timeline"), desc, height, body)


def budget(view: View) -> Chart:
    """Total budget per dimension as a horizontal bar, split by funding source."""
    lang = view.lang
    cube = view.budget_cube
    sources = [f.id for f in view.plan.funding_sources]
    colours = {s: SOURCE_COLOURS[i % len(SOURCE_COLOURS)] for i, s in enumerate(sources)}
    totals = {d.id: sum(v for (dim, _, _), v in cube.items() if dim == d.id) for d in view.dimensions}
    largest = max(totals.values(), default=0) or 1
    left, top, row, bar_area = 160.0, 10.0, 26.0, WIDTH - 160.0 - 110.0
    body = []
    for n, dim in enumerate(view.dimensions):
        y = top + n * row
        body.append(_text(left - 6, y + 15, dim.name, "end"))
        x = left
        for source in sources:
            amount = sum(v for (d, _, f), v in cube.items() if d == dim.id and f == source)
            if not amount:
                continue
            width = bar_area * amount / largest
            tip = f"{dim.name}, {view.funding[source].name}: {lang.money(amount)}"
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{max(width, 1):.1f}" height="{row - 8:.1f}" '
                f'fill="{colours[source]}"><title>{escape(tip)}</title></rect>'
            )
            x += width
        body.append(_text(x + 6, y + 15, lang.money_short(totals[dim.id]) if totals[dim.id] else "–"))
    legend, last = _legend(
        [(colours[f], view.funding[f].name) for f in sources], 10.0, top + len(view.dimensions) * row + 16
    )
    body.extend(legend)
    grand = sum(totals.values())
    desc = lang.format("chart_budget_desc", total=lang.money(grand), sources=len(sources))
    return _svg("chart-budget", lang.label("chart_budget"), desc, last + 8, body)


def indicator_path(view: View, indicator: Indicator) -> Chart | None:
    """One indicator from its baseline to its yearly targets (None when it has neither)."""
    lang = view.lang
    points = ([(indicator.baseline.year, indicator.baseline.value)] if indicator.baseline else []) + sorted(
        indicator.targets.items()
    )
    if not points:
        return None
    digits = places(v for _, v in points)  # every figure of the indicator with the same decimals
    lowest, highest = min(v for _, v in points), max(v for _, v in points)
    ticks = [lang.fixed(v, digits) for v in sorted({lowest, highest})]
    # The value axis is labelled with the lowest and highest figure; the margin fits the longer label.
    width, height, right, top, bottom = 330, 150, 16.0, 16.0, 28.0
    left = max(40.0, 7.0 * max(len(t) for t in ticks) + 10)
    pad = (highest - lowest) * 0.15 or max(1.0, abs(highest) * 0.15)  # 1e17 + 1.0 is still 1e17
    low, high = lowest - pad, highest + pad
    first, last = points[0][0], points[-1][0]
    span = max(1, last - first)

    def at(year: int, value: float) -> tuple[float, float]:
        x = left + (width - left - right) * (year - first) / span
        y = top + (height - top - bottom) * (high - value) / ((high - low) or 1.0)
        return x, y

    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#999"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#999"/>',
    ]
    for value, label in zip(sorted({lowest, highest}), ticks, strict=True):
        _, y = at(first, value)
        body.append(f'<line x1="{left - 3}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(_text(left - 5, y + 4, label, "end", ' class="axis"'))
    coords = [at(year, value) for year, value in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    body.append(f'<polyline points="{path}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
    dense = len(points) > 6  # then years are written '25 and every other value is left to the table
    for n, ((year, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        hollow = n == 0 and indicator.baseline is not None
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{"#fff" if hollow else "#1f4e79"}" stroke="#1f4e79"/>'
        )
        final = n == len(points) - 1
        if not dense or n % 2 == 0 or final:
            # The last figure ends at its point: centred on it, a long one ran past the chart's edge ("20.00").
            body.append(_text(x + 4 if final else x, y - 7, lang.fixed(value, digits), "end" if final else "middle"))
        body.append(_text(x, height - bottom + 14, f"'{year % 100:02d}" if dense else str(year), "middle"))
    desc = lang.format(
        "chart_indicator_desc",
        name=indicator.name,
        unit=unnested(indicator.unit),
        path="; ".join(f"{year}: {lang.fixed(value, digits)}" for year, value in points),
    )
    title = f"{indicator.name} ({unnested(indicator.unit)})"
    return _svg(f"chart-{indicator.id}", title, desc, height, body, width)


class Charts:
    """Every chart of the plan, each drawn the first time a template shows it: only HTML templates do."""

    def __init__(self, view: View, drawn: dict[str, Any] | None = None) -> None:
        self._view = view
        self.__dict__.update(drawn or {})  # charts drawn elsewhere, by draw(): a cached property reads them

    @cached_property
    def timeline(self) -> Chart:
        return timeline(self._view)

    @cached_property
    def budget(self) -> Chart:
        return budget(self._view)

    @cached_property
    def indicators(self) -> dict[str, Chart | None]:
        return {i.id: indicator_path(self._view, i) for d in self._view.dimensions for i in d.indicators}

    def draw(self) -> dict[str, Any]:
        """Draw them all now; what is drawn, which can be handed to the Charts of another process."""
        return {"timeline": self.timeline, "budget": self.budget, "indicators": self.indicators}
