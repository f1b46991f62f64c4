"""`smartplan diff`'s arguments and its result: the two sides as named to the user, and their diff (api.diff)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smartplan.diff import revisions
from smartplan.diff.changes import Diff
from smartplan.errors import Diagnostic, ExitCode, Outcome, Text


@dataclass(frozen=True)
class Comparison:
    """The two sides as named to the user, and their diff; or, if a side has errors, its diagnostics."""

    before: str
    after: str
    diff: Diff | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    language: str | None = None  # the newer side's plan's `language`, else the older's; None if neither was read
    working_tree: str = ""  # the plan folder, when the newer side is the working tree (`after` names it in English)

    def exit_code(self, *, exit_code: bool = False) -> ExitCode:
        """As validate's when a side is invalid; else 0, or 1 with --exit-code when something differs."""
        if self.diff is None:
            return Outcome(self.diagnostics, self.files).exit_code()
        return ExitCode.INVALID if exit_code and self.diff.has_changes else ExitCode.OK


def split_arguments(arguments: list[str]) -> tuple[str, str | None, Path]:
    """REV1, REV2 and PLAN_DIR from `[REV1 [REV2]] [PLAN_DIR]`: the last is the folder if it is one, or the third."""
    if len(arguments) > 3:
        raise revisions.RevisionError(Text.of("diff.too-many-arguments"))
    plan_dir = Path()
    if arguments and (len(arguments) == 3 or Path(arguments[-1]).is_dir()):
        plan_dir = Path(arguments[-1])
        arguments = arguments[:-1]
    before = arguments[0] if arguments else "HEAD"
    return before, arguments[1] if len(arguments) > 1 else None, plan_dir
