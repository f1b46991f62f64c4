"""Diagnostics (problems as values) and the one root exception."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import IntEnum
from functools import total_ordering
from pathlib import Path
from typing import TypeAlias

# A field of a Text: words from the user's file (str), a figure (int), or another Text put into words too.
Value: TypeAlias = "str | int | float | Text"


@total_ordering
@dataclass(frozen=True, eq=True)
class Text:
    """Words to be said in the reader's language: a key of the problem catalogue and the values of its {fields}.

    A field named `count` is a quantity: written as the language writes numbers, and picking the key's plural
    form (`key.one`) where the language has one.
    """

    key: str
    fields: tuple[tuple[str, Value], ...] = ()

    @classmethod
    def of(cls, key: str, /, **fields: Value) -> Text:
        return cls(key, tuple(fields.items()))

    def __bool__(self) -> bool:
        return bool(self.key)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.key, repr(self.fields)) < (other.key, repr(other.fields))


NO_TEXT = Text("")


class ExitCode(IntEnum):
    """Process exit codes, documented in --help and README."""

    OK = 0
    INVALID = 1
    USAGE = 2
    LIMIT = 3
    INTERNAL = 4


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a plan, with where it is and how to fix it."""

    file: str
    line: int
    col: int
    code: str
    message: Text
    severity: str = "error"  # "error" or "warning"
    field: str = ""
    hint: Text = NO_TEXT
    # Path inside the YAML document, used to find line:col for cross-file checks.
    path: tuple[str | int, ...] = dataclasses.field(default=(), compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def located(self, line: int, col: int) -> Diagnostic:
        """Return a copy placed at line:col."""
        return Diagnostic(
            self.file, line, col, self.code, self.message, self.severity, self.field, self.hint, self.path
        )


def printable(text: str) -> str:
    """Text safe for a terminal or CI log: undecodable bytes, controls and bidi overrides as escapes."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else (f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else ascii(ch)[1:-1])
        for ch in text
    )


# Diagnostic codes that mean a resource limit was hit (exit code 3).
LIMIT_CODES = frozenset(
    {"file-too-large", "too-deep", "too-many-nodes", "value-too-long", "too-many-files", "plan-too-large"}
)


@dataclass
class Outcome:
    """What a command found: every diagnostic, how many files were read, and the exit code."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    written: list[Path] = field(default_factory=list)
    in_part: int = 0  # files the checks between files saw only in part, because of their own errors
    # Each plan folder (as shown in the report) with its `language`, None where plan.yaml could not be read.
    languages: dict[str, str | None] = field(default_factory=dict)

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        if any(d.code in LIMIT_CODES for d in self.diagnostics):
            return ExitCode.LIMIT
        if any(d.is_error or strict for d in self.diagnostics):
            return ExitCode.INVALID
        return ExitCode.OK


class SmartplanError(Exception):
    """Root of every error smartplan raises on purpose; carries an exit code."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str | Text, hint: str | Text = "") -> None:
        super().__init__(message)
        self.message = message  # a Text is said in the user's language (problem_words), plain text in English
        self.hint = hint

    def __str__(self) -> str:
        """The message in English, for logs and tracebacks; the CLI says it in the user's language."""
        from smartplan.problem_words import say

        return say(self.message, "en")


class UsageError(SmartplanError):
    """The command line asked for something impossible (exit 2)."""


class NoMonitoringYearError(UsageError):
    def __init__(self, plan: str, year: int, years: list[int]) -> None:
        hint = Text.of("no-monitoring-year.hint", years=", ".join(map(str, years)))
        super().__init__(
            Text.of("no-monitoring-year", plan=plan, year=year),
            hint=hint if years else Text.of("no-monitoring-year.hint.none", year=year),
        )


class PlanNotFoundError(UsageError):
    def __init__(self, path: str, above: str | None = None) -> None:
        """`above`: the plan folder that `path` lies in, if it lies in one."""
        hint = Text.of("plan-not-found.above", folder=above) if above else Text.of("plan-not-found.hint")
        super().__init__(Text.of("plan-not-found", path=path), hint=hint)


class UnsafeOutputError(UsageError):
    def __init__(self, path: str, reason: str, **fields: str) -> None:
        """`reason`: the key of why, under `unsafe-output.` in the problem catalogue."""
        super().__init__(
            Text.of("unsafe-output", path=path, reason=Text.of(f"unsafe-output.{reason}", **fields)),
            hint=Text.of("unsafe-output.hint"),
        )


class CannotWriteError(UsageError):
    """A plan file or schema could not be written: a file stands where a folder must be, no permission, a full
    disk. The user's to fix, not a bug."""

    def __init__(self, path: Path, error: OSError) -> None:
        where = Path(error.filename).as_posix() if isinstance(error.filename, str) else path.as_posix()
        reason = error.strerror or type(error).__name__
        super().__init__(Text.of("new.cannot-write", path=where, reason=reason), hint=Text.of("new.cannot-write.hint"))


class OutputError(UsageError):
    """The documents could not be written (a full disk, no permission); the earlier build is left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(Text.of("output-error", path=path, reason=reason), hint=Text.of("output-error.hint"))


class RenderError(SmartplanError):
    """A template failed; names the template and line."""

    exit_code = ExitCode.INVALID

    def __init__(self, template: str, line: int | None, reason: str) -> None:
        """`reason`: Jinja's or Python's own words, passed through in English as libyaml's are."""
        where = f"{template}:{line}" if line else template
        super().__init__(Text.of("template-error", where=where, reason=reason))
        self.template = template
        self.line = line


class MissingToolError(UsageError):
    """A program or library that one output format needs is not installed (exit 2)."""

    def __init__(self, output: str, what: str, name: str, command: str, made_by: str = "") -> None:
        """`what`: package, library or program; `made_by`: the make target that installs it, if one does."""
        hint = Text.of("missing-tool.hint", command=command, target=made_by) if made_by else command
        super().__init__(
            Text.of("missing-tool", output=output, what=Text.of(f"missing-tool.{what}", name=name)), hint=hint
        )
