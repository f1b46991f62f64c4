"""Realised against target over the years, one SVG per indicator with data: the evaluation report's figures."""

from __future__ import annotations

from smartplan.charts import DIMENSION_COLOURS, Chart, _svg, _text
from smartplan.context import View
from smartplan.i18n import unnested
from smartplan.models import Indicator
from smartplan.monitoring.evaluation import realised_series


def realised_path(view: View, dimension: str, indicator: Indicator) -> Chart | None:
    """The target line (baseline and targets, dashed) and the realised values (solid); None without any value."""
    lang = view.lang
    realised = realised_series(view, indicator.id)
    if not realised:
        return None
    planned = ([(indicator.baseline.year, indicator.baseline.value)] if indicator.baseline else []) + sorted(
        indicator.targets.items()
    )
    points = planned + realised
    width, height, left, right, top, bottom = 330, 160, 40.0, 16.0, 16.0, 40.0
    low, high = min(v for _, v in points), max(v for _, v in points)
    pad = (high - low) * 0.15 or max(1.0, abs(high) * 0.15)
    low, high = low - pad, high + pad
    first, last = min(y for y, _ in points), max(y for y, _ in points)
    span = max(1, last - first)

    def at(year: int, value: float) -> tuple[float, float]:
        x = left + (width - left - right) * (year - first) / span
        y = top + (height - top - bottom) * (high - value) / ((high - low) or 1.0)
        return x, y

    colour = DIMENSION_COLOURS.get(dimension, "#1f4e79")
    base = height - bottom
    body = [f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#999"/>']
    for year in sorted({y for y, _ in points}):
        body.append(_text(at(year, low)[0], base + 14, f"'{year % 100:02d}", "middle"))
    if planned:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(*p) for p in planned))
        body.append(f'<polyline points="{line}" fill="none" stroke="#888" stroke-width="1.5" stroke-dasharray="4 3"/>')
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(*p) for p in realised))
    body.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for year, value in realised:
        x, y = at(year, value)
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
        body.append(_text(x, y - 7, lang.number(value), "middle"))
    key = height - 10  # the legend: a dashed key for the targets, a solid one for what was realised
    body.append(f'<line x1="{left}" y1="{key}" x2="{left + 18}" y2="{key}" stroke="#888" stroke-dasharray="4 3"/>')
    body.append(_text(left + 22, key + 4, lang.label("target")))
    body.append(f'<line x1="{left + 110}" y1="{key}" x2="{left + 128}" y2="{key}" stroke="{colour}" stroke-width="2"/>')
    body.append(_text(left + 132, key + 4, lang.label("realised")))
    desc = lang.format(
        "chart_realised_desc",
        name=indicator.name,
        unit=indicator.unit,
        targets="; ".join(f"{y}: {lang.number(v)}" for y, v in planned) or "–",
        realised="; ".join(f"{y}: {lang.number(v)}" for y, v in realised),
    )
    return _svg(
        f"chart-realised-{indicator.id}", f"{indicator.name} ({unnested(indicator.unit)})", desc, height, body, width
    )
