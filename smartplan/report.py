"""Reporters: text for people, JSON for tools, GitHub annotations for CI. Each writes to a given stream."""

from __future__ import annotations

import json
from typing import Protocol, TextIO

from smartplan.errors import Diagnostic, printable


def _counts(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _body(d: Diagnostic) -> str:
    field = f"{d.field}: " if d.field else ""
    hint = f" ({d.hint})" if d.hint else ""
    return f"{d.severity}[{d.code}]: {field}{d.message}{hint}"


def format_text(d: Diagnostic) -> str:
    """One diagnostic as `file:line:col: severity[code]: field: message (hint)`."""
    return printable(f"{d.file}:{d.line}:{d.col}: {_body(d)}")


def report_text(diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0) -> None:
    """`in_part`: files that the checks between files could see only in part, because of their own errors."""
    for d in diagnostics:
        stream.write(format_text(d) + "\n")
    _summary(diagnostics, files, stream, in_part)


def _summary(diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int) -> None:
    errors, warnings = _counts(diagnostics)
    checked = f"checked {plural(files, 'file')}"
    if errors or warnings:
        stream.write(f"{checked}: {plural(errors, 'error')}, {plural(warnings, 'warning')}\n")
    else:
        stream.write(f"{checked}: no problems\n")
    if in_part:  # what the errors in these files hide from the checks between files shows up once they are fixed
        stream.write(
            f"some checks between files could not run on {plural(in_part, 'file')} with errors: "
            "fix them and validate again\n"
        )


def report_json(diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0) -> None:
    errors, warnings = _counts(diagnostics)
    document = {
        "files": files,
        "files_not_fully_checked": in_part,
        "errors": errors,
        "warnings": warnings,
        "diagnostics": [
            {
                "file": printable(d.file),  # a folder name need not be UTF-8; JSON must be
                "line": d.line,
                "column": d.col,
                "severity": d.severity,
                "code": d.code,
                "field": printable(d.field),
                "message": printable(d.message),
                "hint": printable(d.hint),
            }
            for d in diagnostics
        ],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0) -> None:
    """GitHub Actions workflow commands; every value escaped so YAML content cannot inject commands."""
    for d in diagnostics:
        level = "error" if d.is_error else "warning"
        properties = f"file={_escape_property(d.file)},line={d.line},col={d.col},title={_escape_property(d.code)}"
        stream.write(printable(f"::{level} {properties}::{_escape_data(_body(d))}") + "\n")
    _summary(diagnostics, files, stream, in_part)


class Reporter(Protocol):
    def __call__(self, diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0) -> None: ...


REPORTERS: dict[str, Reporter] = {"text": report_text, "json": report_json, "github": report_github}
