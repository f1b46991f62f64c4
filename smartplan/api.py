"""The pipeline, read top to bottom: check (load -> validate -> cross-check) -> render -> write."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartplan import parallel
from smartplan.checks import check_plan
from smartplan.errors import Diagnostic, ExitCode, NoMonitoringYearError, Outcome, Text, printable
from smartplan.loader import load_plan
from smartplan.plan import Plan
from smartplan.progress import Progress
from smartplan.source import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from smartplan.diff.comparing import Comparison


def check(
    plan_dir: Path, limits: Limits = DEFAULT_LIMITS, jobs: int | None = None
) -> tuple[Plan, list[Diagnostic], int]:
    """Load one plan folder and run every check: the plan, its diagnostics placed and sorted, and the files read.

    A large plan is read in `jobs` processes, by default one per CPU.
    """
    with _collector_paused():
        plan, problems = load_plan(plan_dir, _display(plan_dir), limits, jobs or parallel.default_jobs())
        files = plan.files_read
        if files:  # a plan over a plan-wide limit is not read at all, so there is nothing to cross-check
            problems.extend(plan.placed(check_plan(plan)))
    return plan, sorted(problems), files


def validate(plan_dirs: list[Path], limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """Check each plan folder; nothing is written."""
    outcome = Outcome()
    for plan_dir in plan_dirs:
        plan, problems, files = check(plan_dir, limits)
        outcome.diagnostics.extend(problems)
        outcome.files += files
        outcome.in_part += plan.files_in_part
        outcome.languages[plan.root] = _language(plan)
    return outcome


def _outcome(plan: Plan, problems: list[Diagnostic], files: int) -> Outcome:
    """What checking one plan found, with the plan's language for the report."""
    return Outcome(problems, files, in_part=plan.files_in_part, languages={plan.root: _language(plan)})


def _language(plan: Plan) -> str | None:
    """The plan's `language`, also when its plan.yaml has errors; None if it could not be read at all."""
    return plan.plan.model.language if plan.plan is not None else plan.language


def build(
    plan_dir: Path,
    out: Path | None = None,
    formats: tuple[str, ...] = ("md", "html"),
    lang: str | None = None,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> Outcome:
    """Check the plan exactly as validate does; only if it passes, render every document and swap them in."""
    from smartplan import copies
    from smartplan.output import check_target, write_atomically
    from smartplan.render import render_documents
    from smartplan.templating import TemplateSet

    if progress is not None:
        progress(Text.of("progress.checking"), 0, 0)
    jobs = jobs or parallel.default_jobs()
    plan, problems, files = check(plan_dir, limits, jobs)
    outcome = _outcome(plan, problems, files)
    if outcome.exit_code(strict=strict) != ExitCode.OK:
        return outcome
    shown = out or Path("build") / plan_dir.resolve().name
    target = check_target(shown, plan_dir)
    copies.check_tools(formats)  # a missing program or library is reported before any document is made
    documents = render_documents(plan, TemplateSet.of(plan_dir), copies.rendered(formats), lang, progress, jobs)
    documents = copies.with_copies(documents, formats, jobs, progress)  # PDF and Word files made from the HTML
    if progress is not None:
        progress(Text.of("progress.writing"), 0, 0)
    write_atomically(target, documents)
    outcome.written = [shown / name for name in sorted(documents)]
    return outcome


def export(
    plan_dir: Path,
    out: Path | None = None,
    format: str = "xlsx",
    *,
    lang: str | None = None,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Outcome:
    """Check the plan exactly as validate does; only if it passes, write its sheets (export.py) into `out`."""
    from smartplan import export as sheets
    from smartplan.context import View
    from smartplan.i18n import Language
    from smartplan.output import check_target, write_atomically

    plan, problems, files = check(plan_dir, limits)
    outcome = _outcome(plan, problems, files)
    if outcome.exit_code(strict=strict) != ExitCode.OK:
        return outcome
    assert plan.plan is not None, "a plan that passed its checks has its plan.yaml"
    name = plan_dir.resolve().name
    shown = out or Path("build") / f"{name}-export"
    target = check_target(shown, plan_dir)
    # Only the README sheet is worded, in `lang` else the plan's language; figures are numbers, not text.
    view = View.of(plan, Language(lang or plan.plan.model.language, {}))
    written = sheets.files(view, name, format)
    write_atomically(target, written)
    outcome.written = [shown / file for file in sorted(written)]
    return outcome


def diff(plan_dir: Path, before: str = "HEAD", after: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Comparison:
    """Compare the plan in `plan_dir` at revision `before` with `after` (default: the working tree), both checked."""
    from smartplan.diff import revisions
    from smartplan.diff.changes import compare
    from smartplan.diff.comparing import Comparison

    repo = revisions.repository(plan_dir)
    for revision in (before, after):
        if revision is not None:
            revisions.commit_of(repo, revision)  # both names checked before anything is read
    sides = []
    for revision in (before, after):
        if revision is None:
            plan, problems, files = check(plan_dir, limits)
            sides.append((f"{printable(plan_dir.as_posix())} (working tree)", plan, problems, files))
            continue
        name = f"{printable(revision)}:{repo.plan_path or '.'}"
        with revisions.checked_out(repo, revision, limits) as folder:
            plan, problems, files = check(folder, limits)
            sides.append((name, plan, revisions.shown_as(problems, folder, name), files))
    (old_name, old, old_problems, old_files), (new_name, new, new_problems, new_files) = sides
    language = _language(new) or _language(old)  # the report's language, unless --lang says otherwise
    working_tree = "" if after is not None else printable(plan_dir.as_posix())
    broken = [d for d in (*old_problems, *new_problems) if d.is_error]
    if broken:
        return Comparison(old_name, new_name, None, broken, old_files + new_files, language, working_tree)
    return Comparison(old_name, new_name, compare(old, new), language=language, working_tree=working_tree)


def status(plan_dir: Path, year: int | None = None, limits: Limits = DEFAULT_LIMITS) -> tuple[Outcome, dict[str, Any]]:
    """Check the plan as validate does; if it passes, the roll-up of one monitoring year (default the latest)."""
    from smartplan.monitoring.evaluation import evaluations
    from smartplan.monitoring.status import status_data
    from smartplan.render import view_of
    from smartplan.templating import TemplateSet

    plan, problems, files = check(plan_dir, limits)
    outcome = _outcome(plan, problems, files)
    if outcome.exit_code() != ExitCode.OK:
        return outcome, {}
    years = evaluations(view_of(plan, TemplateSet.of(plan_dir)))
    if year is not None and year not in years:
        raise NoMonitoringYearError(_display(plan_dir), year, sorted(years))
    chosen = year if year is not None else max(years, default=None)
    return outcome, status_data(years[chosen]) if chosen is not None else {}


def plan_folders(paths: list[Path]) -> list[Path]:
    """The plan folders holding these files (the nearest folder above each with a plan.yaml), each once."""
    found: dict[Path, None] = {}
    for path in paths:
        start = path if path.is_dir() else path.parent
        folder = next((f for f in (start, *start.parents) if (f / "plan.yaml").is_file()), None)
        if folder is not None:
            found.setdefault(folder, None)
    return list(found)


def _display(plan_dir: Path) -> str:
    return plan_dir.as_posix().rstrip("/") or "."


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The one place smartplan steers the cyclic garbage collector.

    Checking makes many small objects and no reference cycles: the collector would scan them in vain,
    while checking and at every later collection. So it is paused while checking, and what is alive
    then is frozen (kept out of later collections; reference counting still frees it). Rendering runs
    with the collector on: templates, a plan's own among them, do make cycles. Frozen objects are also
    not written to by the collector of a forked process, so their memory stays shared.
    """
    if gc.get_freeze_count():  # a plan checked earlier in this process (serve): what it left may be collected
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
