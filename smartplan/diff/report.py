"""Reporters of `smartplan diff`: text for the terminal, Markdown for a pull-request comment, JSON for tools."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import TextIO

from smartplan import report as validate_report
from smartplan.diff.changes import Diff, Total
from smartplan.diff.comparing import Comparison
from smartplan.diff.words import DiffWords, in_sentence
from smartplan.errors import printable


def changed_totals(diff: Diff) -> Iterator[tuple[str, list[Total]]]:
    """Each axis of the budget with the rows whose total moved, for axes that have any."""
    for axis, rows in diff.budget.items():
        moved = [t for t in rows if t.difference]
        if moved:
            yield axis, moved


def grand_total(diff: Diff) -> tuple[int, int]:
    rows = diff.budget["year"]
    return sum(t.before for t in rows), sum(t.after for t in rows)


def report_text(comparison: Comparison, stream: TextIO, lang: str = "en") -> None:
    if comparison.diff is None:
        return _report_broken(comparison, stream, "text", lang)
    diff, said = comparison.diff, DiffWords.of(lang)
    out: list[str] = [said.say("comparing", before=comparison.before, after=_after(comparison, said))]
    before, after = grand_total(diff)
    out.append(
        said.say(
            "budget-total",
            before=said.amount(before),
            after=said.amount(after),
            difference=said.amount(after - before, True),
        )
    )
    for axis, rows in changed_totals(diff):
        out.append(f"  {said.axis(axis)}:")
        out += [
            f"    {t.name}: {said.amount(t.before)} → {said.amount(t.after)} ({said.amount(t.difference, True)})"
            for t in rows
        ]
    for item in diff.items:
        out.append(said.item_title(item))
        out += [f"  {said.field_line(f)}" for f in item.fields]
    for change in diff.indicators:
        out.append(f"{said.kind('indicator')} {change.id}: {change.name}")
        out += [f"  {line}" for line in said.indicator_lines(change)]
    out += [said.monitoring_line(f) for f in diff.monitoring]
    out.append(said.summary(diff))
    stream.write("".join(printable(line) + "\n" for line in out))


def _after(comparison: Comparison, said: DiffWords) -> str:
    """The newer side as named to the reader: `v2:plans/kota`, or the plan folder in the working tree."""
    return said.say("working-tree", path=comparison.working_tree) if comparison.working_tree else comparison.after


# Inline Markdown (and GitHub's: mentions, math, strikethrough, entities). `-`, `.` only matter at the start
# of a line and `(` after a `]`: no plan text starts a line here, and every `]` is escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~@#&$])")


def md(text: str) -> str:
    """Plan text made inert in Markdown (no emphasis, links, HTML, @mentions, table cells), on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def report_markdown(comparison: Comparison, stream: TextIO, lang: str = "en") -> None:
    """Short, for a pull-request comment: the money first, the details folded."""
    if comparison.diff is None:
        return _report_broken(comparison, stream, "markdown", lang)
    diff, said = comparison.diff, DiffWords.of(lang)
    before, after = grand_total(diff)
    heading = said.say("md.heading", before=md(comparison.before), after=md(_after(comparison, said)))
    out = [f"### {heading}", "", f"**{md(said.summary(diff))}**", ""]
    columns = (said.say(key) for key in ("md.budget", "md.before", "md.after", "md.difference"))
    out += [f"| {' | '.join(columns)} |", "|---|--:|--:|--:|"]
    for axis, rows in changed_totals(diff):
        out += [_row(said, f"{md(t.name)} ({md(said.axis(axis))})", t.before, t.after) for t in rows]
    out += [_row(said, f"**{md(in_sentence(said.lang.label('total')))}**", before, after), ""]
    room = [_COMMENT_ROOM - sum(len(line) + 1 for line in out)]
    items = [[f"- {md(said.item_title(i))}", *(f"  - {md(said.field_line(f))}" for f in i.fields)] for i in diff.items]
    out += _folded(said, said.say("md.items"), items, room)
    indicators = [
        [f"- {md(c.id)}: {md(c.name)}", *(f"  - {md(line)}" for line in said.indicator_lines(c))]
        for c in diff.indicators
    ]
    out += _folded(said, md(said.lang.label("indicators")), indicators, room)
    stream.write("\n".join(out).rstrip("\n") + "\n")


def _row(said: DiffWords, name: str, before: int, after: int) -> str:
    return f"| {name} | {said.amount(before)} | {said.amount(after)} | {said.amount(after - before, True)} |"


# GitHub takes comments of up to 65,536 characters; what does not fit is left to the text or JSON report.
_COMMENT_ROOM = 60_000


def _folded(said: DiffWords, title: str, entries: list[list[str]], room: list[int]) -> list[str]:
    """A `<details>` list of entries, as many as the room left (shared, in characters) allows."""
    if not entries:
        return []
    out = [f"<details><summary>{title} ({said.lang.number(len(entries))})</summary>", ""]
    for shown, entry in enumerate(entries):
        size = sum(len(line) + 1 for line in entry)
        if size > room[0]:
            out.append(f"- {said.say('md.more', count=len(entries) - shown)}")
            room[0] = 0
            break
        room[0] -= size
        out += entry
    return [*out, "", "</details>", ""]


def report_json(comparison: Comparison, stream: TextIO, lang: str = "en") -> None:
    """For tools: English keys, the plan's own ids and names, amounts as numbers; a broken side's messages in `lang`."""
    if comparison.diff is None:
        return _report_broken(comparison, stream, "json", lang)
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


def _report_broken(comparison: Comparison, stream: TextIO, format: str, lang: str) -> None:
    """A side with errors: its diagnostics as validate reports them (JSON for json, text otherwise)."""
    if format == "json":
        return validate_report.report_json(comparison.diagnostics, comparison.files, stream, lang=lang)
    if format == "text":
        return validate_report.report_text(comparison.diagnostics, comparison.files, stream, lang=lang)
    lines = io.StringIO()
    validate_report.report_text(comparison.diagnostics, comparison.files, lines, lang=lang)
    # An indented code block: no line of it can end the block, whatever a plan's text holds.
    stream.write(f"### {DiffWords.of(lang).say('md.errors')}\n\n")
    stream.write("".join(f"    {line}\n" for line in lines.getvalue().splitlines()))
    return None


Reporter = Callable[[Comparison, TextIO, str], None]
REPORTERS: dict[str, Reporter] = {"text": report_text, "markdown": report_markdown, "json": report_json}
