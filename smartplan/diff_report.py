"""Reporters of `smartplan diff`: text for the terminal, Markdown for a pull-request comment, JSON for tools."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from smartplan import report as validate_report
from smartplan.comparing import Comparison
from smartplan.diffing import Diff, FieldChange, IndicatorChange, ItemChange, Total
from smartplan.errors import printable

AXIS_TITLES = {
    "dimension": "by dimension",
    "year": "by year",
    "funding": "by funding source",
    "agency": "by lead agency",
}
_SHORT = 60  # characters of a text value shown in text and Markdown; JSON has them whole


def money(amount: int, sign: bool = False) -> str:
    """Rupiah with thousands separators, `+` in front of a rise when `sign`."""
    return f"{amount:+,}" if sign else f"{amount:,}"


def value(v: Any) -> str:
    """A value as the reports show it: text quoted and shortened, `(none)` for an absent one."""
    if v is None:
        return "(none)"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, str):
        text = v if len(v) <= _SHORT else v[: _SHORT - 1] + "…"
        return json.dumps(text, ensure_ascii=False)
    return json.dumps(v, ensure_ascii=False)


def _baseline(b: tuple[int, float] | None) -> str:
    return "(none)" if b is None else f"{value(b[1])} ({b[0]})"


def indicator_lines(change: IndicatorChange) -> Iterator[str]:
    """What differs in one indicator, a phrase each."""
    if change.baseline_before != change.baseline_after:
        yield f"baseline: {_baseline(change.baseline_before)} → {_baseline(change.baseline_after)}"
    for year, before, after in change.targets:
        yield f"target {year}: {value(before)} → {value(after)}"


def item_title(item: ItemChange) -> str:
    renamed = f" (was {item.old_id})" if item.status == "renamed" else ""
    return f"{item.status} {item.kind} {item.id}{renamed}: {item.name}"


def field_line(change: FieldChange) -> str:
    return f"{change.path}: {value(change.before)} → {value(change.after)}"


def changed_totals(diff: Diff) -> Iterator[tuple[str, list[Total]]]:
    """Each axis of the budget with the rows whose total moved, for axes that have any."""
    for axis, rows in diff.budget.items():
        moved = [t for t in rows if t.difference]
        if moved:
            yield axis, moved


def grand_total(diff: Diff) -> tuple[int, int]:
    rows = diff.budget["year"]
    return sum(t.before for t in rows), sum(t.after for t in rows)


def summary(diff: Diff) -> str:
    """One line: how many changes of each kind, or that there are none."""
    if not diff.has_changes:
        return "no differences"
    counts: dict[str, int] = {}
    for item in diff.items:
        counts[item.status] = counts.get(item.status, 0) + 1
    parts = [f"{n} {status}" for status, n in counts.items()]
    if diff.indicators:
        parts.append(f"{validate_report.plural(len(diff.indicators), 'indicator')} with new baselines or targets")
    items = len(diff.items)
    return f"{validate_report.plural(items, 'item')} {'differs' if items == 1 else 'differ'}: " + ", ".join(parts)


def report_text(comparison: Comparison, stream: TextIO) -> None:
    if comparison.diff is None:
        return _report_broken(comparison, stream, "text")
    diff = comparison.diff
    out: list[str] = [f"comparing {comparison.before} with {comparison.after}"]
    before, after = grand_total(diff)
    out.append(f"budget total (Rp): {money(before)} → {money(after)} ({money(after - before, sign=True)})")
    for axis, rows in changed_totals(diff):
        out.append(f"  {AXIS_TITLES[axis]}:")
        out += [f"    {t.name}: {money(t.before)} → {money(t.after)} ({money(t.difference, True)})" for t in rows]
    for item in diff.items:
        out.append(item_title(item))
        out += [f"  {field_line(f)}" for f in item.fields]
    for change in diff.indicators:
        out.append(f"indicator {change.id}: {change.name}")
        out += [f"  {line}" for line in indicator_lines(change)]
    out += [f"monitoring {field_line(f)}" for f in diff.monitoring]
    out.append(summary(diff))
    stream.write("".join(printable(line) + "\n" for line in out))


# Inline Markdown (and GitHub's: mentions, math, strikethrough, entities). `-`, `.` only matter at the start
# of a line and `(` after a `]`: no plan text starts a line here, and every `]` is escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~@#&$])")


def md(text: str) -> str:
    """Plan text made inert in Markdown (no emphasis, links, HTML, @mentions, table cells), on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def report_markdown(comparison: Comparison, stream: TextIO) -> None:
    """Short, for a pull-request comment: the money first, the details folded."""
    if comparison.diff is None:
        return _report_broken(comparison, stream, "markdown")
    diff = comparison.diff
    before, after = grand_total(diff)
    out = [f"### Plan changes: {md(comparison.before)} → {md(comparison.after)}", "", f"**{summary(diff)}**", ""]
    out += ["| budget (Rp) | before | after | difference |", "|---|--:|--:|--:|"]
    for axis, rows in changed_totals(diff):
        out += [
            f"| {md(t.name)} ({AXIS_TITLES[axis]}) | {money(t.before)} | {money(t.after)} | "
            f"{money(t.difference, True)} |"
            for t in rows
        ]
    out += [f"| **total** | {money(before)} | {money(after)} | {money(after - before, True)} |", ""]
    room = [_COMMENT_ROOM - sum(len(line) + 1 for line in out)]
    items = [[f"- {md(item_title(i))}", *(f"  - {md(field_line(f))}" for f in i.fields)] for i in diff.items]
    out += _folded("Items", items, room)
    indicators = [
        [f"- {md(c.id)}: {md(c.name)}", *(f"  - {md(line)}" for line in indicator_lines(c))] for c in diff.indicators
    ]
    out += _folded("Indicators", indicators, room)
    stream.write("\n".join(out).rstrip("\n") + "\n")


# GitHub takes comments of up to 65,536 characters; what does not fit is left to the text or JSON report.
_COMMENT_ROOM = 60_000


def _folded(title: str, entries: list[list[str]], room: list[int]) -> list[str]:
    """A `<details>` list of entries, as many as the room left (shared, in characters) allows."""
    if not entries:
        return []
    out = [f"<details><summary>{title} ({len(entries)})</summary>", ""]
    for shown, entry in enumerate(entries):
        size = sum(len(line) + 1 for line in entry)
        if size > room[0]:
            out.append(f"- … {len(entries) - shown} more: see `smartplan diff --format text`")
            room[0] = 0
            break
        room[0] -= size
        out += entry
    return [*out, "", "</details>", ""]


def report_json(comparison: Comparison, stream: TextIO) -> None:
    if comparison.diff is None:
        return _report_broken(comparison, stream, "json")
    diff = comparison.diff
    document = {
        "before": comparison.before,
        "after": comparison.after,
        "changed": diff.has_changes,
        "items": [dataclasses.asdict(item) for item in diff.items],
        "budget": {
            axis: [{**dataclasses.asdict(t), "difference": t.difference} for t in rows]
            for axis, rows in diff.budget.items()
        },
        "indicators": [dataclasses.asdict(change) for change in diff.indicators],
        "monitoring": [dataclasses.asdict(change) for change in diff.monitoring],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _report_broken(comparison: Comparison, stream: TextIO, format: str) -> None:
    """A side with errors: its diagnostics as validate reports them (JSON for json, text otherwise)."""
    if format == "json":
        return validate_report.report_json(comparison.diagnostics, comparison.files, stream)
    if format == "text":
        return validate_report.report_text(comparison.diagnostics, comparison.files, stream)
    lines = io.StringIO()
    validate_report.report_text(comparison.diagnostics, comparison.files, lines)
    # An indented code block: no line of it can end the block, whatever a plan's text holds.
    stream.write("### The plan has errors: nothing compared\n\n")
    stream.write("".join(f"    {line}\n" for line in lines.getvalue().splitlines()))
    return None


Reporter = Callable[[Comparison, TextIO], None]
REPORTERS: dict[str, Reporter] = {"text": report_text, "markdown": report_markdown, "json": report_json}
