"""YAML syntax errors in plain words, placed where the mistake is rather than where the parser gave up."""

from __future__ import annotations

import re
from typing import Any

import yaml

from smartplan.errors import Diagnostic, Text

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# Spaces YAML does not take for spaces: no-break and other wide spaces, as copied from a word processor or a web page.
_ODD = "[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]"
# ... where YAML needs a space: in the indentation, after a list's '-' or after a field's ':'
_STRUCTURE = re.compile(r"^\s*(?:-\s|[A-Za-z_][\w.-]*:\s)")  # a line that starts a list item or a field
_FIELD_LINE = re.compile(r"^( *)[A-Za-z_][\w.-]*:(?:\s|$)")
_FIELD_WITH_VALUE = re.compile(r"^( *(?:- +)?)([A-Za-z_][\w.-]*):[ \t]+[^\s#|>]")  # a field and its value on one line
_GLUED_COLON = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w.-]*):(?!//)([^\s:#].*)$")  # 'year:2026', not 'http://'
DASH_GLUED = re.compile(r"^-[^\s-]")  # '-Portal layanan': a list item's dash without its space
ODD_DASH = re.compile(f"^-({_ODD})")  # a list item that YAML reads as text starting with '-'
_ODD_SPACE = re.compile(f"^[ ]*({_ODD})|^[ ]*-({_ODD})|^[ ]*(?:- +)?[^\\s:#'\"][^:#]*:({_ODD})")
_INDENTATION = "syntax.indentation.hint"
SHOWN = 100  # characters of a value the hint writes out again
_ITEM = re.compile(r"\s*- ")
_VALUE_START = re.compile(r"\s*(?:-\s+)*(?:[A-Za-z0-9_.-]+:\s+)?")  # indentation, list dashes, a plain key

# (words in libyaml's message, key of the plain message, key of the hint, whether the mistake is at the context
# mark). The context mark is where the unfinished thing began: the opening quote, bracket or key.
_PLAIN: list[tuple[str, str, str, bool]] = [
    ("end of stream (while scanning a quoted scalar", "syntax.unclosed-quote", "syntax.unclosed-quote.hint", True),
    ("could not find expected ':'", "syntax.no-colon", "syntax.no-colon.hint", True),
    ("expected ',' or ']'", "syntax.unclosed-list", "syntax.unclosed-list.hint", True),
    ("expected ',' or '}'", "syntax.unclosed-group", "syntax.unclosed-group.hint", True),
    ("mapping values are not allowed", "syntax.colon-in-value", "syntax.colon-in-value.hint", False),
    ("cannot start any token", "syntax.bad-start", "syntax.bad-start.hint", False),
    ("did not find expected key", "syntax.expected-key", _INDENTATION, False),
    ("expected '-' indicator", "syntax.expected-item", _INDENTATION, False),
]


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    """The Diagnostic for a YAML syntax error: a tab in the indentation, or the parser's problem in plain words."""
    mark: Any = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    tab = _tab_near(text, line)
    if tab:
        return Diagnostic(file, *tab, "tab", Text.of("tab"), hint=Text.of("tab.hint"))
    odd = _odd_space_near(text, line)
    if odd:
        where, char = odd
        said = Text.of("syntax.odd-space", code=f"U+{ord(char):04X}")
        return Diagnostic(
            file, *where, "syntax", Text.of("syntax", problem=said), hint=Text.of("syntax.odd-space.hint")
        )
    runaway = _runaway_quote(text, line)
    if runaway:
        (line, col), quote = runaway
        said, hint = Text.of("syntax.runaway-quote"), Text.of("syntax.runaway-quote.hint", quote=quote, line=line)
        return Diagnostic(file, line, col, "syntax", Text.of("syntax", problem=said), hint=hint)
    closed = _closed_before(text, line, col)
    if closed:
        message, hint = _requoted(text.split("\n")[line - 1], closed)
        return Diagnostic(file, line, col, "syntax", Text.of("syntax", problem=message), hint=hint)
    problem = (exc.problem or "invalid YAML").strip()
    if exc.context:
        problem = f"{problem} ({exc.context.strip()})"
    glued = None
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        glued = _glued_colon(text, [exc.context_mark.line + 1])
    elif "mapping values are not allowed" in problem:  # the line before, read as text, held the field
        glued = _glued_colon(text, [line - 1, line])
    if glued:
        (line, col), key, value = glued
        said, hint = (
            Text.of("syntax.colon-space"),
            Text.of("syntax.colon-space.hint", written=quoted(f"{key}: {value}")),
        )
        return Diagnostic(file, line, col, "syntax", Text.of("syntax", problem=said), hint=hint)
    deeper = _deeper_than_field_above(text, line)  # never valid YAML, whatever the parser calls it
    if deeper:
        (line, col), key, column = deeper
        said = Text.of("syntax.too-deep", name=key)
        hint = Text.of("syntax.too-deep.hint", name=key, column=column)
        return Diagnostic(file, line, col, "syntax", Text.of("syntax", problem=said), hint=hint)
    for words, plain, how, at_context in _PLAIN:
        if words in problem:
            context: Any = exc.context_mark
            if at_context and context is not None:
                line, col = context.line + 1, context.column + 1
            said = Text.of(plain, char=_char_at(text, line, col)) if plain == "syntax.bad-start" else Text.of(plain)
            return Diagnostic(file, line, col, "syntax", Text.of("syntax", problem=said), hint=Text.of(how))
    return Diagnostic(
        file,
        line,
        col,
        "syntax",
        Text.of("syntax", problem=problem),
        hint=Text.of("syntax.hint"),
    )


def _tab_near(text: str, line: int) -> tuple[int, int] | None:
    """Where a tab indents this line or the one before, if one does."""
    tab_line, counted = 1, 0
    for tab in _TAB_INDENT.finditer(text):
        tab_line += text.count("\n", counted, tab.start())
        counted = tab.start()
        if tab_line > line:
            return None
        if tab_line >= line - 1:
            return tab_line, tab.end() - tab.start()
    return None


def _runaway_quote(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """Where a quote left open on its line swallowed the lines after it (fields, list items) up to the next quote,
    so that the parser stumbles only there, at `line`."""
    last: Any = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > line:  # the scanner reads on past where the parser stopped
                break
            quoted_text = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            if quoted_text and token.end_mark.line + 1 == line and token.start_mark.line < token.end_mark.line:
                last = token  # a quoted text that ends on the line where the parser stumbled
                break
    except yaml.YAMLError:
        pass
    if last is None:
        return None
    rows = text.split("\n")[last.start_mark.line + 1 : last.end_mark.line + 1]
    if not any(_STRUCTURE.match(row) for row in rows):
        return None  # a quoted text written over several lines on purpose
    return (last.start_mark.line + 1, last.start_mark.column + 1), last.style


def _deeper_than_field_above(text: str, line: int) -> tuple[tuple[int, int], str, int] | None:
    """A 'field: value' line indented deeper than the field with a value just above it, so that it reads as the
    continuation of that value: '- year: 2026' then '      amount: 0'."""
    rows = text.split("\n")
    if not 1 < line <= len(rows):
        return None
    here = _FIELD_LINE.match(rows[line - 1])
    above = next((row for row in reversed(rows[: line - 1]) if row.strip() and not row.lstrip().startswith("#")), "")
    there = _FIELD_WITH_VALUE.match(above)
    if not here or not there or len(here.group(1)) <= there.start(2):
        return None
    return (line, len(here.group(1)) + 1), there.group(2), there.start(2) + 1


def _glued_colon(text: str, lines: list[int]) -> tuple[tuple[int, int], str, str] | None:
    """'year:2026' on one of these lines: a field's ':' without a space after it, which makes the line plain text."""
    rows = text.split("\n")
    for number in lines:
        found = _GLUED_COLON.match(rows[number - 1]) if 0 < number <= len(rows) else None
        if found:
            return (number, found.end(1) + 1), found.group(1).lstrip(" -"), found.group(2).rstrip()
    return None


def _odd_space_near(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """Where a no-break (or other odd) space stands for a space on this line or the one before."""
    rows = text.split("\n")
    for number in (line - 1, line):
        found = _ODD_SPACE.match(rows[number - 1]) if 0 < number <= len(rows) else None
        if found:
            group = next(i for i in (1, 2, 3) if found.group(i))
            return (number, found.start(group) + 1), found.group(group)
    return None


def _closed_before(text: str, line: int, col: int) -> str:
    """'quote' or 'bracket' when the mistake is text following a closed quote or bracket on its line."""
    lines = text.split("\n")
    before = lines[line - 1][: col - 1].rstrip() if line <= len(lines) else ""
    if ":" not in before and not _ITEM.match(before):
        return ""
    if before.endswith(('"', "'")):
        return "quote"
    return "bracket" if before.endswith(("]", "}")) else ""


def _requoted(row: str, closed: str) -> tuple[Text, Text]:
    """The message and a hint that writes the line's value out, quoted so that it reads as the text meant."""
    start = _VALUE_START.match(row)
    raw = row[start.end() if start else 0 :].rstrip()
    if not raw or raw[0] not in "'\"[{" or len(raw) > SHOWN:
        return Text.of(f"syntax.after-{closed}"), Text.of("syntax.after.hint")
    opening = raw[0]
    if closed == "bracket":
        kind = "list" if opening == "[" else "group"
        return (
            Text.of(f"syntax.after-{kind}"),
            Text.of("syntax.after-bracket.hint", opening=opening, quoted=quoted(raw)),
        )
    # 'Jum'at Bersih': the quote inside ended the text early; "Portal" Layanan: the quotes were meant as text.
    inner = len(raw) > 1 and raw.endswith(opening)
    meant = raw[1:-1] if inner else raw
    message = Text.of("syntax.inner-quote" if inner else "syntax.after-quote")
    rule = Text.of("syntax.quote-rule.both" if "'" in meant and '"' in meant else "syntax.quote-rule")
    return message, Text.of("syntax.requote.hint", quoted=quoted(meant), rule=rule)


def quoted(text: str) -> str:
    """`text` as a YAML scalar in the quotes it does not contain; in '...' with doubled quotes if it has both."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _char_at(text: str, line: int, col: int) -> str | Text:
    lines = text.split("\n")
    row = lines[line - 1] if line <= len(lines) else ""
    return repr(row[col - 1]) if col <= len(row) else Text.of("syntax.this-character")
