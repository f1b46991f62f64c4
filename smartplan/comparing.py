"""`smartplan diff`: load a plan at two revisions (or one and the working tree), check both, compare them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smartplan import api, revisions
from smartplan.diffing import Diff, compare
from smartplan.errors import Diagnostic, ExitCode, printable
from smartplan.plan import Plan
from smartplan.source import DEFAULT_LIMITS, Limits


@dataclass(frozen=True)
class Comparison:
    """The two sides as named to the user, and their diff; or, if a side has errors, its diagnostics."""

    before: str
    after: str
    diff: Diff | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    def exit_code(self, *, exit_code: bool = False) -> ExitCode:
        """As validate's when a side is invalid; else 0, or 1 with --exit-code when something differs."""
        if self.diff is None:
            return api.Outcome(self.diagnostics, self.files).exit_code()
        return ExitCode.INVALID if exit_code and self.diff.has_changes else ExitCode.OK


def _side(
    repo: revisions.Repository, plan_dir: Path, revision: str | None, limits: Limits
) -> tuple[str, Plan, list[Diagnostic], int]:
    """One side: its name, the plan, its diagnostics (named as the user knows the files) and files read."""
    if revision is None:
        plan, problems, files = api.check(plan_dir, limits)
        return f"{printable(plan_dir.as_posix())} (working tree)", plan, problems, files
    name = f"{printable(revision)}:{repo.plan_path or '.'}"
    with revisions.checked_out(repo, revision, limits) as folder:
        plan, problems, files = api.check(folder, limits)
        return name, plan, revisions.shown_as(problems, folder, name), files


def compare_revisions(
    plan_dir: Path, before: str = "HEAD", after: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Comparison:
    """Compare the plan in `plan_dir` at revision `before` with `after` (default: the working tree)."""
    repo = revisions.repository(plan_dir)
    for revision in (before, after):
        if revision is not None:
            revisions.commit_of(repo, revision)  # both names checked before anything is read
    old_name, old, old_problems, old_files = _side(repo, plan_dir, before, limits)
    new_name, new, new_problems, new_files = _side(repo, plan_dir, after, limits)
    broken = [d for d in (*old_problems, *new_problems) if d.is_error]
    if broken:
        return Comparison(old_name, new_name, None, broken, old_files + new_files)
    return Comparison(old_name, new_name, compare(old, new))


def split_arguments(arguments: list[str]) -> tuple[str, str | None, Path]:
    """REV1, REV2 and PLAN_DIR from `[REV1 [REV2]] [PLAN_DIR]`: the last is the folder if it is one, or the third."""
    if len(arguments) > 3:
        raise revisions.RevisionError("too many arguments: expected [REV1 [REV2]] [PLAN_DIR]")
    plan_dir = Path()
    if arguments and (len(arguments) == 3 or Path(arguments[-1]).is_dir()):
        plan_dir = Path(arguments[-1])
        arguments = arguments[:-1]
    before = arguments[0] if arguments else "HEAD"
    return before, arguments[1] if len(arguments) > 1 else None, plan_dir
