"""The quickest reader: a plan file in the everyday shape of YAML, read line by line.

Plan files are written in a small part of YAML: `key: value` lines nested by indentation, lists of
`- item`, `|` and `>` blocks of text, `[a, b]` and `{a: 1}` on one line, quoted text on one line,
and comments. This reader takes that part only: one regular expression cuts every line into its
indentation, dash, key and value, and one pass builds the data, with half the instructions quick.py
needs to build it from libyaml's events (whose Python objects cost more than the parsing itself).

At anything else it gives up and returns None, and quick.py reads the file (and the careful
builder, if there is a problem to report): a tab, a line break other than LF or CRLF, a value that
runs on to the next line, a more-indented line in a `>` block, an escape, a tag, an anchor or alias,
a quoted key, a duplicate key, a key that is not text or a whole number, a value near a limit, a
line of another shape. It never accepts what the careful builder refuses, and what it accepts it
builds identically (tests/test_linewise.py holds it to that, on every example file and on generated
YAML).
"""

from __future__ import annotations

import re
from typing import Any

from smartplan.scalars import NUMBER_START, SPECIAL_WORDS, resolve_plain
from smartplan.source import Limits

# A line: its indentation, `- ` (with the spaces after it), `key:` (with the spaces after it: they are
# not kept) and the rest. Every line matches.
_NAME = "[A-Za-z0-9_][A-Za-z0-9_-]*"  # a key this reader takes: a plain word or number
_LINE = re.compile(rf"^( *)(?:(- +))?(?:({_NAME}):(?: +|$))?(.*)$", re.M)
# Characters left to the other readers wherever they are: tabs, the line breaks YAML knows besides LF
# and CRLF (a CR still there once each CRLF is an LF stands alone), and the byte-order mark.
_UNUSUAL = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")
# What YAML reads as more than text at the start of a value; here a `-` may only start a number.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?\Z")  # 'text', '' for a quote, and maybe a comment
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?\Z')  # "text" without escapes, and maybe a comment
_FLOW_UNUSUAL = re.compile(r"[\[\]{}'\"#:]")  # in an item of [a, b] or a key or value of {a: 1}
_KEY = re.compile(rf"{_NAME}\Z")
MAX_KEY = 128  # characters; libyaml refuses a key of over 1,024, and no field name comes near either


class _GiveUp(Exception):
    """Not the everyday shape: the file is left to quick.py."""


def linewise_data(text: str, limits: Limits) -> dict[str, Any] | None:
    """The file's fields if it is everyday YAML well within the limits; None means: read it another way.

    `text` is as reading.py hands it on: decoded, and without the characters no plan may hold.
    """
    if "\r" in text:  # Windows line ends are read as LF, as libyaml reads them
        text = text.replace("\r\n", "\n")
    for character in _UNUSUAL:
        if character in text:
            return None
    try:
        return _Reader(text, limits).read()
    except (_GiveUp, ValueError):  # ValueError: a number too large for the resolver
        return None


class _Reader:
    def __init__(self, text: str, limits: Limits) -> None:
        self.text = text
        self.lines: list[str] | None = None  # the raw lines, split only for a `|` or `>` block
        # A little below the careful builder's limits: what is near them is left to it to judge exactly.
        self.max_open = limits.max_depth - 2  # open collections; a flow collection in the last adds a level
        self.max_chars = limits.max_scalar_chars
        self.max_nodes = limits.max_nodes - 1
        self.flow_nodes = 0

    def read(self) -> dict[str, Any]:  # noqa: C901 - one loop over the lines, kept flat for speed
        # Values a line adds, at most: `- key: value` adds a mapping, a key and its value. A file of more
        # lines than that allows is left to the others before its lines are cut up.
        count = self.text.count("\n") + 1
        if 1 + 3 * count > self.max_nodes:
            raise _GiveUp
        rows = _LINE.findall(self.text)  # one row per line
        max_open, max_chars, max_key = self.max_open, self.max_chars, min(MAX_KEY, self.max_chars)
        root: dict[Any, Any] = {}
        columns = [0]  # the column of each open collection, the root first
        open_: list[Any] = [root]  # the open collections
        waiting: dict[Any, Any] | None = None  # a mapping whose last key's value is on the lines below
        waiting_key: Any = None
        waiting_column = 0
        i = 0
        while i < count:
            indent, dash, key, rest = rows[i]
            i += 1
            if not key and not dash:
                if rest and rest[0] != "#":
                    raise _GiveUp  # text running on from a line above, a document marker, a line out of place
                continue  # a blank line or a comment
            column = len(indent)
            if waiting is not None:  # the value of `key:` is a collection below it, or nothing
                if column > waiting_column or (column == waiting_column and dash):
                    new: Any = [] if dash else {}
                    waiting[waiting_key] = new
                    columns.append(column)
                    open_.append(new)
                    if len(columns) > max_open:
                        raise _GiveUp
                waiting = None
            while columns[-1] > column:
                columns.pop()
                open_.pop()
            if columns[-1] != column:
                raise _GiveUp  # between the columns of two open collections
            top = open_[-1]
            if rest and rest[-1] == " ":
                rest = rest.rstrip(" ")
            if dash:
                if type(top) is not list:
                    raise _GiveUp
                if not key:  # `- value`
                    if not rest or rest[0] == "#":
                        raise _GiveUp  # an item on the lines below its dash
                    value, i = self.value(rest, i, column)
                    top.append(value)
                    continue
                item: dict[Any, Any] = {}  # `- key: value`: a mapping whose keys are at the key's column
                top.append(item)
                columns.append(column + len(dash))
                open_.append(item)
                if len(columns) > max_open:
                    raise _GiveUp
                column, top = columns[-1], item
            elif type(top) is not dict:
                if len(columns) < 2 or columns[-2] != column:
                    raise _GiveUp
                columns.pop()  # the end of a list written at its key's column
                open_.pop()
                top = open_[-1]
            name: Any = key
            if key[0] in NUMBER_START or key in SPECIAL_WORDS:
                name = resolve_plain(key)
                if type(name) is not str and type(name) is not int:
                    raise _GiveUp  # true, null or 1.5 as a key: the careful builder keeps its text
            if name in top or len(key) > max_key:
                raise _GiveUp
            if not rest or rest[0] == "#":
                top[name] = None
                waiting, waiting_key, waiting_column = top, name, column
            elif rest[0] in _INDICATORS or ": " in rest or " #" in rest or rest[-1] == ":" or len(rest) > max_chars:
                top[name], i = self.value(rest, i, column)  # the others, or a problem
            else:  # plain text on one line, as most values are
                top[name] = rest if rest[0] not in NUMBER_START and rest not in SPECIAL_WORDS else resolve_plain(rest)
        if not root or 1 + 3 * count + self.flow_nodes > self.max_nodes:
            raise _GiveUp  # empty: the careful builder says so
        return root

    def value(self, rest: str, i: int, column: int) -> tuple[Any, int]:
        """The value written on a line after `key: ` or `- `, in a collection at `column`; and the next line."""
        if len(rest) > self.max_chars:
            raise _GiveUp
        first = rest[0]
        if first not in _INDICATORS:
            return self.plain(rest), i
        if first == "|" or first == ">":
            return self.block(rest, i, column)
        if first == "'":
            match = _SINGLE.match(rest)
            if match is None:
                raise _GiveUp
            return match.group(1).replace("''", "'"), i
        if first == '"':
            match = _DOUBLE.match(rest)
            if match is None:
                raise _GiveUp
            return match.group(1), i
        if first == "[" or first == "{":
            return self.flow(rest), i
        return self.plain(rest), i

    def plain(self, text: str) -> Any:
        """Text without quotes on one line, resolved the strict way (scalars.py); a comment after it is dropped."""
        first = text[0]
        if first in _INDICATORS and (first != "-" or text[1:2] == "" or text[1] not in "0123456789."):
            raise _GiveUp
        if ": " in text or text[-1] == ":":
            raise _GiveUp
        if " #" in text:
            text = text.partition(" #")[0].rstrip(" ")
        if first in NUMBER_START or text in SPECIAL_WORDS:
            return resolve_plain(text)
        return text

    def flow(self, text: str) -> Any:
        """`[a, b]` or `{a: 1, b: 2}` on one line, of plain words and numbers only."""
        text = text.partition(" #")[0].rstrip(" ")
        close = "]" if text[0] == "[" else "}"
        if text[-1] != close:
            raise _GiveUp  # more after it, or it goes on below
        inner = text[1:-1]
        if not inner.strip(" "):
            return [] if close == "]" else {}
        if close == "]":
            if _FLOW_UNUSUAL.search(inner):
                raise _GiveUp
            items = inner.split(",")
            self.flow_nodes += len(items)
            return [self.plain(_word(item)) for item in items]
        pairs: dict[Any, Any] = {}
        for pair in inner.split(","):
            key, colon, value = pair.partition(": ")
            if not colon or _FLOW_UNUSUAL.search(key) or _FLOW_UNUSUAL.search(value):
                raise _GiveUp
            word = _word(key)
            name = resolve_plain(word) if _KEY.match(word) and len(word) <= MAX_KEY else None
            if (type(name) is not str and type(name) is not int) or name in pairs:
                raise _GiveUp
            self.flow_nodes += 2
            pairs[name] = self.plain(_word(value))
        return pairs

    def block(self, header: str, i: int, column: int) -> tuple[str, int]:
        """A `|` (literal) or `>` (folded) block of text, clipped to one line break at its end (`-`: none)."""
        if header not in ("|", "|-", ">", ">-"):
            raise _GiveUp  # keep (+), an indentation indicator or a comment: left to the others
        lines = self.lines
        if lines is None:
            lines = self.lines = self.text.split("\n")
        first = lines[i] if i < len(lines) else ""
        width = len(first) - len(first.lstrip(" "))
        if width == len(first) or width <= column:
            raise _GiveUp  # empty, blank lines first, or not indented below its key
        body: list[str] = []
        end = last = i
        while end < len(lines):
            line = lines[end]
            if line[:width].strip(" "):  # less indented than the block: its end
                break
            if line.strip(" "):
                body.append(line[width:])
                last = end
            elif len(line) > width:
                raise _GiveUp  # spaces beyond the block's indentation on a blank line are text
            else:
                body.append("")
            end += 1
        del body[last - i + 1 :]  # the blank lines at its end
        text = _folded(body) if header[0] == ">" else "\n".join(body)
        if header[-1] != "-" and last < len(lines) - 1:  # its last line has a line break, unless the file ends
            text += "\n"
        if len(text) > self.max_chars:
            raise _GiveUp
        return text, end


def _word(part: str) -> str:
    word = part.strip(" ")
    if not word:
        raise _GiveUp  # an empty item, as in [a, , b] or [a, b, ]
    return word


def _folded(body: list[str]) -> str:
    """The lines of a `>` block: joined by a space, each blank line between them a line break."""
    out: list[str] = []
    blanks = 0
    for line in body:
        if not line:
            blanks += 1
            continue
        if line[0] == " ":
            raise _GiveUp  # a more-indented line keeps its line breaks: left to the others
        if out:
            out.append("\n" * blanks if blanks else " ")
        out.append(line)
        blanks = 0
    return "".join(out)
