"""`smartplan status` for people: the roll-up of `status_data` as terminal text, in the reader's language.

The statuses and column names are the monitoring book's labels (messages/<lang>.yaml, built-in), so that the
terminal and the book agree; the sentences around them are in the built-in `cli` catalogue. Numbers, amounts
and dates are written as the language writes them. Plan text goes through `printable` before colour codes
are added, so a plan cannot drive the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from smartplan.errors import Text, printable
from smartplan.i18n import Language, builtin_messages
from smartplan.monitoring.tables import percent, status_label
from smartplan.problem_words import words

COLOURS = {"achieved": "green", "on-track": "green", "needs-attention": "yellow", "off-track": "red"}
COLOURS.update({"done": "green", "running": "green", "delayed": "yellow", "cancelled": "red"})
ABSORPTION = ("dimension", "funding", "agency")  # the roll-ups of `status_data`'s absorption, in print order


def _inside(label: str) -> str:
    """A label, which begins a table cell in the book, as a word inside a line of text."""
    return label[:1].lower() + label[1:]


class _Words:
    """What the status text says in one language: the book's labels, the cli sentences, its numbers."""

    def __init__(self, lang: str) -> None:
        self.lang = Language(lang, dict(builtin_messages(lang)))

    def label(self, key: str) -> str:
        """A book label as a word inside a line: `Realisasi` -> `realisasi`."""
        return _inside(self.lang.label(key))

    def status(self, status: str | None) -> str:
        """A status as the book names it, inside a line: `Sesuai jalur` -> `sesuai jalur`."""
        return _inside(status_label(self.lang, status))

    def say(self, key: str, **fields: str) -> str:
        return words(Text.of(key, **fields), self.lang.code)

    def number(self, value: float | None) -> str:
        return "–" if value is None else self.lang.number(value)

    def percent(self, ratio: float | None) -> str:
        return percent(self.lang, ratio)


def _summary(roll: dict[str, Any], paint: Callable[[str | None], str], said: _Words) -> str:
    counts = ", ".join(f"{said.number(n)} {said.status(s)}" for s, n in roll["counts"].items() if n)
    return f"{paint(roll['status'])} ({said.percent(roll['score'])}): {counts or said.say('status.no-indicators')}"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  "
        + "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _with_status(table: list[str], heading: str, painted: list[str]) -> list[str]:
    """A status column added after the others are aligned, so that colour codes do not count as width."""
    width = max(len(line) for line in table)
    return [printable(table[0].ljust(width)) + "  " + heading] + [
        printable(line.ljust(width)) + "  " + word for line, word in zip(table[1:], painted, strict=True)
    ]


def status_text(data: dict[str, Any], lang: str, colour: bool = False) -> str:
    """The roll-up for a terminal: the plan, a table per dimension, quick wins and programs, absorption."""
    import click

    said = _Words(lang)

    def paint(status: str | None) -> str:
        word = said.status(status)
        return click.style(word, fg=COLOURS.get(status or ""), bold=True) if colour else word

    year, label = str(data["year"]), said.label
    reported = said.lang.date(date.fromisoformat(data["reported"]))
    heading = said.say("status.heading", city=data["city"], year=year, date=reported, reporter=data["reporter"])
    lines = [printable(heading), said.say("status.plan", summary=_summary(data["plan"], paint, said))]
    for dim in data["dimensions"]:
        lines += ["", f"{printable(dim['name'])}: {_summary(dim, paint, said)}"]
        rows = [[label(key) for key in ("indicator", "unit", "target", "realised", "achievement")]]
        for ind in dim["indicators"]:
            value = said.number(ind["value"]) + ("†" if ind["placeholder"] else "")
            rows.append([ind["id"], ind["unit"], said.number(ind["target"]), value, said.percent(ind["progress"])])
        lines += _with_status(
            _table(rows, {2, 3, 4}), label("status"), [paint(ind["status"]) for ind in dim["indicators"]]
        )
    if data["actions"]:
        lines += ["", said.say("status.actions", year=year)]
        rows = [[said.say("status.id"), *(label(key) for key in ("kind", "planned", "realised", "evidence"))]]
        for a in data["actions"]:
            kind = label("quick_win" if a["kind"] == "quickwin" else "program")
            amounts = [said.number(a["planned"]), said.number(a["realised"]), said.number(len(a["evidence"]))]
            rows.append([a["id"], kind, *amounts])
        lines += _with_status(_table(rows, {2, 3, 4}), label("status"), [paint(a["status"]) for a in data["actions"]])
    total = data["absorption"]["total"]
    realised, planned, ratio = said.number(total["realised"]), said.number(total["planned"]), total["ratio"]
    lines += [
        "",
        said.say("status.absorption", year=year, realised=realised, planned=planned, ratio=said.percent(ratio)),
    ]
    for key in ABSORPTION:
        rows = [[said.say(f"status.by.{key}"), *(label(k) for k in ("planned", "realised", "absorption"))]]
        rows += [
            [r["id"], said.number(r["planned"]), said.number(r["realised"]), said.percent(r["ratio"])]
            for r in data["absorption"][key]
        ]
        lines += _table(rows, {1, 2, 3})
    if any(ind["placeholder"] for dim in data["dimensions"] for ind in dim["indicators"]):
        lines += ["", said.lang.label("placeholder_note")]
    return "".join(line + "\n" for line in lines)  # plan text made printable above, before any colour
