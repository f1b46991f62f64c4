"""Reporters: text for people, JSON for tools, GitHub annotations for CI. Each writes to a given stream."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Protocol, TextIO

from smartplan.errors import Diagnostic, Text, printable
from smartplan.problem_words import Languages, words


def _language_of(lang: Languages) -> Callable[[str], str]:
    return (lambda _file: lang) if isinstance(lang, str) else lang


def _counts(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _body(d: Diagnostic, lang: str) -> str:
    field = f"{d.field}: " if d.field else ""
    hint = f" ({words(d.hint, lang)})" if d.hint else ""
    return f"{words(Text.of(f'severity.{d.severity}'), lang)}[{d.code}]: {field}{words(d.message, lang)}{hint}"


def format_text(d: Diagnostic, lang: str = "en") -> str:
    """One diagnostic as `file:line:col: severity[code]: field: message (hint)`."""
    return printable(f"{d.file}:{d.line}:{d.col}: {_body(d, lang)}")


def report_text(
    diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0, lang: Languages = "en"
) -> None:
    """`in_part`: files that the checks between files could see only in part, because of their own errors."""
    language_of = _language_of(lang)
    for d in diagnostics:
        stream.write(format_text(d, language_of(d.file)) + "\n")
    _summary(diagnostics, files, stream, in_part, language_of(""))


def summary(diagnostics: list[Diagnostic], files: int, in_part: int = 0) -> list[Text]:
    """The lines closing a report: how many files, errors and warnings; and what could not be checked."""
    errors, warnings = _counts(diagnostics)
    found = (
        Text.of(
            "summary.problems",
            errors=Text.of("count.errors", count=errors),
            warnings=Text.of("count.warnings", count=warnings),
        )
        if errors or warnings
        else Text.of("summary.no-problems")
    )
    lines = [Text.of("summary.checked", files=Text.of("count.files", count=files), found=found)]
    if in_part:  # what the errors in these files hide from the checks between files shows up once they are fixed
        lines.append(Text.of("summary.in-part", files=Text.of("count.files", count=in_part)))
    return lines


def _summary(diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int, lang: str) -> None:
    for line in summary(diagnostics, files, in_part):
        stream.write(words(line, lang) + "\n")


def report_json(
    diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0, lang: Languages = "en"
) -> None:
    language_of = _language_of(lang)
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
                "message": printable(words(d.message, language_of(d.file))),
                "hint": printable(words(d.hint, language_of(d.file))),
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


def report_github(
    diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0, lang: Languages = "en"
) -> None:
    """GitHub Actions workflow commands; every value escaped so YAML content cannot inject commands."""
    language_of = _language_of(lang)
    for d in diagnostics:
        level = "error" if d.is_error else "warning"
        properties = f"file={_escape_property(d.file)},line={d.line},col={d.col},title={_escape_property(d.code)}"
        stream.write(printable(f"::{level} {properties}::{_escape_data(_body(d, language_of(d.file)))}") + "\n")
    _summary(diagnostics, files, stream, in_part, language_of(""))


class Reporter(Protocol):
    def __call__(
        self, diagnostics: list[Diagnostic], files: int, stream: TextIO, in_part: int = 0, lang: Languages = "en"
    ) -> None: ...


REPORTERS: dict[str, Reporter] = {"text": report_text, "json": report_json, "github": report_github}
