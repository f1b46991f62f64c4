"""The last pass over a rendered document, made in one copy of it.

Markdown: one blank line between blocks and after each heading, one newline at the end. HTML: tables
and figures numbered, the table of contents and their lists filled in (navigation.py). Each rule used
to be a pass of its own over the whole text, which copied all of it, and a document of a large plan
holds tens of megabytes. Here each rule only finds where it applies, and the text
is copied once with every edit in place.
"""

from __future__ import annotations

import bisect
import re

from smartplan.i18n import Language
from smartplan.navigation import (
    EMPTY_LISTS,
    FIGURE,
    LISTS,
    LISTS_FROM,
    TABLE,
    TOC,
    add_lists,
    add_toc,
    caption_number,
    list_of,
    table_of_contents,
)

Edit = tuple[int, int, str]  # text[begin:end] is replaced by the string

_BLANK_RUNS = re.compile(r"\n\n\n+")
_BARE_HEADING = re.compile(r"#{1,6} [^\n]*\n(?!\n)")  # a heading line with no blank line after it
# The newline before such a line: a pattern that starts with a fixed character is found fast.
_BEFORE_BARE_HEADING = re.compile(r"\n(?=(#{1,6} [^\n]*\n)(?!\n))")


def splice(text: str, edits: list[Edit], start: int = 0, stop: int | None = None) -> str:
    """`text[start:stop]` with the edits, sorted and not overlapping, made in one copy."""
    pieces: list[str] = []
    done = start
    for begin, end, new in edits:
        pieces += (text[done:begin], new)
        done = end
    pieces.append(text[done:stop])
    return "".join(pieces)


def tidy_markdown(text: str) -> str:
    """One blank line between blocks, whatever the template's own spacing; a blank line after each heading."""
    start, stop = 0, len(text)
    while start < stop and text[start] == "\n":
        start += 1
    while stop > start and text[stop - 1] == "\n":
        stop -= 1
    first = _BARE_HEADING.match(text, start, stop)
    after = [m.end(1) for m in _BEFORE_BARE_HEADING.finditer(text, start, stop)]
    edits = [(at, at, "\n") for at in ([first.end()] if first else []) + after]
    edits += [(m.start(), m.end(), "\n\n") for m in _BLANK_RUNS.finditer(text, start, stop)]
    return splice(text, [*sorted(edits), (stop, stop, "\n")], start, stop)


def finish_html(html: str, lang: Language) -> str:
    """`add_lists(add_toc(html), lang)`, in one copy when the edits cannot touch one another.

    They cannot when the toc's marker comes before every table and figure and no table starts inside
    a figure, as in smartplan's own templates; with a plan's own templates that may differ, the passes
    run one after the other.
    """
    tables, figures = list(TABLE.finditer(html)), list(FIGURE.finditer(html))
    toc_at = html.find(TOC)
    first = min([m.start() for m in tables[:1] + figures[:1]], default=len(html))
    starts = [f.start() for f in figures]
    nested = any((i := bisect.bisect(starts, t.start())) and figures[i - 1].end() > t.start() for t in tables)
    if toc_at > first or nested:
        return add_lists(add_toc(html), lang)
    edits: list[Edit] = []
    if toc_at >= 0:
        edits.append((toc_at, toc_at + len(TOC), table_of_contents(html)))
    table_list = [(m.group(2), m.group(3)) for m in tables]
    figure_list = [(m.group(2), m.group(4)) for m in figures]
    for n, m in enumerate(tables, start=1):
        edits.append((m.start(3), m.start(3), caption_number(lang, "table_word", n)))
    for n, m in enumerate(figures, start=1):
        edits.append((m.start(3), m.start(3), caption_number(lang, "figure_word", n)))
    if len(tables) + len(figures) < LISTS_FROM:
        empty = EMPTY_LISTS.search(html)
        if empty:
            edits.append((empty.start(), empty.end(), ""))
    elif (lists_at := html.find(LISTS)) >= 0:
        edits.append((lists_at, lists_at + len(LISTS), list_of(lang, table_list, figure_list)))
    return splice(html, sorted(edits))
