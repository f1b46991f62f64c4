"""YAML syntax errors in plain words, placed where the mistake is rather than where the parser gave up."""

from __future__ import annotations

import re
from typing import Any

import yaml

from smartplan.errors import Diagnostic

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_INDENTATION = "check the indentation of this line and the one before"

# (words in libyaml's message, plain message, hint, whether the mistake is at the context mark).
# The context mark is where the unfinished thing began: the opening quote, bracket or key.
_PLAIN: list[tuple[str, str, str, bool]] = [
    ("end of stream (while scanning a quoted scalar", "quoted text is never closed", "add the closing quote", True),
    (
        "could not find expected ':'",
        "a line with no ':' after its field name",
        "write 'field: value', or indent the line to continue the text above",
        True,
    ),
    ("expected ',' or ']'", "a list in '[ ]' is not closed", "add the closing ']' and commas between items", True),
    ("expected ',' or '}'", "a group in '{ }' is not closed", "add the closing '}' and commas between entries", True),
    (
        "mapping values are not allowed",
        "unexpected ':' inside a value",
        "put text that contains ': ' in quotes, or check the indentation",
        False,
    ),
    (
        "cannot start any token",
        "a value cannot start with {char}",
        "put text that starts with @, ` or % in quotes",
        False,
    ),
    ("did not find expected key", "expected 'field: value' here", _INDENTATION, False),
    ("expected '-' indicator", "expected a list item ('- ...') here", _INDENTATION, False),
]


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    """The Diagnostic for a YAML syntax error: a tab in the indentation, or the parser's problem in plain words."""
    mark: Any = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    tab = _tab_near(text, line)
    if tab:
        return Diagnostic(file, *tab, "tab", "tab character used for indentation", hint="indent with spaces")
    closed = _closed_before(text, line, col)
    if closed:
        message = f"YAML syntax error: text after the closing {closed}"
        return Diagnostic(file, line, col, "syntax", message, hint="put the whole value in quotes, or remove the text")
    problem = (exc.problem or "invalid YAML").strip()
    if exc.context:
        problem = f"{problem} ({exc.context.strip()})"
    for words, message, hint, at_context in _PLAIN:
        if words in problem:
            context: Any = exc.context_mark
            if at_context and context is not None:
                line, col = context.line + 1, context.column + 1
            message = message.replace("{char}", _char_at(text, line, col))
            return Diagnostic(file, line, col, "syntax", f"YAML syntax error: {message}", hint=hint)
    return Diagnostic(
        file, line, col, "syntax", f"YAML syntax error: {problem}", hint="check quotes, colons and indentation here"
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


def _closed_before(text: str, line: int, col: int) -> str:
    """'quote' or 'bracket' when the mistake is text following a closed quote or bracket on its line."""
    lines = text.split("\n")
    before = lines[line - 1][: col - 1].rstrip() if line <= len(lines) else ""
    if before.endswith(('"', "'")) and ":" in before:
        return "quote"
    return "bracket" if before.endswith(("]", "}")) and ":" in before else ""


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    row = lines[line - 1] if line <= len(lines) else ""
    return repr(row[col - 1]) if col <= len(row) else "this character"
