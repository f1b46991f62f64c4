"""The pipeline, read top to bottom: load -> validate -> cross-check -> (render -> write)."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from smartplan import parallel
from smartplan.checks import check_plan
from smartplan.errors import LIMIT_CODES, Diagnostic, ExitCode
from smartplan.loader import load_plan
from smartplan.parallel import default_jobs
from smartplan.plan import Plan
from smartplan.progress import Progress
from smartplan.reading import read_file
from smartplan.source import DEFAULT_LIMITS, Limits


@dataclass
class Outcome:
    """What a command found: every diagnostic, how many files were read, and the exit code."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    written: list[Path] = field(default_factory=list)

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        if any(d.code in LIMIT_CODES for d in self.diagnostics):
            return ExitCode.LIMIT
        if any(d.is_error or strict for d in self.diagnostics):
            return ExitCode.INVALID
        return ExitCode.OK


P = ParamSpec("P")
R = TypeVar("R")


def _gc_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the cyclic garbage collector paused; reference counting still frees everything.

    Loading a plan makes millions of small objects and no reference cycles: the collector found nothing
    to free, yet scanning them again and again took a quarter of validate's time on 10,000 files. In a
    build it also walked the whole heap of each forked renderer, which copied every page (2.5 s CPU on
    10,000 files); what few cycles Jinja makes are collected once the build is done.
    """

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_gc_paused
def check(plan_dir: Path, limits: Limits = DEFAULT_LIMITS, jobs: int = 1) -> tuple[Plan, list[Diagnostic], int]:
    """Load one plan folder (in `jobs` processes if it is large) and run every check; diagnostics placed and sorted."""
    plan, problems = load_plan(plan_dir, _display(plan_dir), limits, jobs)
    return (plan, *_checked(plan, problems, limits))


def _display(plan_dir: Path) -> str:
    return plan_dir.as_posix().rstrip("/") or "."


def _checked(plan: Plan, problems: list[Diagnostic], limits: Limits) -> tuple[list[Diagnostic], int]:
    """The problems found loading the plan and by the cross-file checks, placed and sorted; and the files read."""
    broken = sum(len(stems) for stems in plan.broken.values())  # plan.yaml among them if it is broken
    files = (plan.plan is not None) + len(plan.dimensions) + len(plan.actions) + broken
    if files:  # a plan over a plan-wide limit is not read at all, so there is nothing to cross-check
        problems.extend(_placed(check_plan(plan), limits))
    return sorted(problems), files


def plan_folders(paths: list[Path]) -> list[Path]:
    """The plan folders holding these files (the nearest folder above each with a plan.yaml), each once."""
    found: dict[Path, None] = {}
    for path in paths:
        start = path if path.is_dir() else path.parent
        folder = next((f for f in (start, *start.parents) if (f / "plan.yaml").is_file()), None)
        if folder is not None:
            found.setdefault(folder, None)
    return list(found)


# Paused for the whole command, not just check(): switched on again while a plan is still alive, the collector
# would first scan all of it (0.35 s on 10,000 files).
@_gc_paused
def validate(plan_dirs: list[Path], limits: Limits = DEFAULT_LIMITS, jobs: int | None = None) -> Outcome:
    """Check each plan folder; nothing is written. `jobs`: processes for large plans, default one per CPU."""
    outcome = Outcome()
    for plan_dir in plan_dirs:
        _, problems, files = check(plan_dir, limits, jobs or default_jobs())
        outcome.diagnostics.extend(problems)
        outcome.files += files
    return outcome


def _unwatched(what: str, done: int, total: int) -> None:
    """Progress that nobody watches."""


@_gc_paused
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
    report = progress or _unwatched
    report("checking the plan", 0, 0)
    jobs = jobs or default_jobs()
    plan, problems = load_plan(plan_dir, _display(plan_dir), limits, jobs)
    early = _start_early(plan, problems, plan_dir, formats, lang, jobs)
    try:
        problems, files = _checked(plan, problems, limits)
        outcome = Outcome(problems, files)
        if outcome.exit_code(strict=strict) != ExitCode.OK:
            return outcome
        from smartplan import copies
        from smartplan.output import check_target, staged
        from smartplan.render import render_documents

        shown = out or Path("build") / plan_dir.resolve().name
        target = check_target(shown, plan_dir)
        with staged(target) as write:  # each document written as soon as it is made, the folder swapped in at the end
            write = copies.converting(write, formats, jobs, report)  # PDF and Word files made from the HTML
            names = render_documents(plan, plan_dir, copies.rendered(formats), lang, write, report, jobs, early)
            report("writing the documents", 0, 0)
    finally:
        if early is not None:
            early.cancel()  # not needed after all: the plan has problems, or the output folder is refused
    outcome.written = [shown / name for name in sorted(copies.names(names, formats))]
    return outcome


def _start_early(
    plan: Plan, problems: list[Diagnostic], plan_dir: Path, formats: tuple[str, ...], lang: str | None, jobs: int
) -> parallel.Forked[dict[str, Any]] | None:
    """For a large plan that loaded cleanly: a child starts on the budget tables and charts (render.start_early).

    They take as long as the cross-file checks, which run here meanwhile; without them the other
    processor waited.
    """
    if not parallel.spread(len(plan.actions), jobs) or plan.plan is None or any(d.is_error for d in problems):
        return None
    from smartplan.render import start_early

    return start_early(plan, plan_dir, formats, lang)


def _placed(diagnostics: list[Diagnostic], limits: Limits) -> list[Diagnostic]:
    """Give cross-check diagnostics their line:column by reading again only the files they name."""
    placed: list[Diagnostic] = []
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.file, []).append(d)
    for file, items in by_file.items():
        path = Path(file)
        lines = read_file(path, file, limits).lines if path.is_file() and not path.is_symlink() else None
        for d in items:
            line, col = lines.find(d.path) if lines else (1, 1)
            placed.append(d.located(line, col))
    return placed
