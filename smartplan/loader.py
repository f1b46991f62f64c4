"""Find a plan's files, read them, and validate each against its model.

Pydantic's errors become plain-worded Diagnostics (wording.py) placed at the key or value they
are about. Files that cannot be used are left out of the Plan, and named in `Plan.broken`, so
the cross-file checks can stay quiet about what is already reported.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import stat
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from smartplan import parallel
from smartplan.errors import Diagnostic, Text, printable
from smartplan.folders import not_a_plan_folder
from smartplan.models import (
    DimensionFile,
    PlanFile,
    ProgramFile,
    QuickWinFile,
)
from smartplan.monitoring.models import MonitoringFile
from smartplan.plan import Loaded, Plan, declared_language
from smartplan.reading import read_file
from smartplan.salvage import salvage
from smartplan.source import DEFAULT_LIMITS, Document, Limits, join, stem
from smartplan.wording import problem_from

FOLDERS: dict[str, type[BaseModel]] = {
    "dimensions": DimensionFile,
    "quickwins": QuickWinFile,
    "programs": ProgramFile,
    "monitoring": MonitoringFile,  # one file per year, named after it: monitoring/2025.yaml
}


def plan_files(
    root: Path, display: str, limits: Limits
) -> tuple[list[tuple[str, str, str]], list[Diagnostic], list[str]]:
    """(path, display name, kind) of every plan file below root, refusing links and odd names; and the problems,
    and the kinds whose folder is unusable (a link or a file)."""
    if not (root / "plan.yaml").exists() and not (root / "plan.yaml").is_symlink():
        raise not_a_plan_folder(root, display)
    found = [(str(root / "plan.yaml"), join(display, "plan.yaml"), "plan")]
    size = min(_size(root / "plan.yaml"), limits.max_file_bytes + 1)
    problems: list[Diagnostic] = []
    unusable: list[str] = []
    for folder in FOLDERS:
        path = root / folder
        name = join(display, folder)
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            problems.append(Diagnostic(name, 1, 1, "not-a-folder", Text.of("not-a-folder", folder=folder)))
            unusable.append(folder)
            continue
        seen: dict[str, str] = {}
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            file = f"{name}/{entry.name}"
            if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
                continue
            if entry.name.endswith((".yaml", ".yml")) and not entry.name.isprintable():
                # Undecodable bytes or control characters would reach terminals and CI logs as they are.
                problems.append(
                    Diagnostic(
                        f"{name}/{printable(entry.name)}",
                        1,
                        1,
                        "file-name",
                        Text.of("file-name.bytes"),
                        hint=Text.of("file-name.bytes.hint"),
                    )
                )
                continue
            base, dot, ending = entry.name.rpartition(".")
            if ending.lower() in ("yaml", "yml") and ending != "yaml":  # still read, so its content is checked too
                problems.append(
                    Diagnostic(
                        file,
                        1,
                        1,
                        "file-name",
                        Text.of("file-name.yml", ending=f"{dot}{ending}"),
                        hint=Text.of("file-name.yml.hint", name=f"{base}.yaml"),
                    )
                )
            elif ending != "yaml":
                problems.extend(_unread(entry.name, file))
                continue
            folded = entry.name.casefold()
            if folded in seen:
                problems.append(
                    Diagnostic(
                        file,
                        1,
                        1,
                        "case-clash",
                        Text.of("case-clash", name=seen[folded]),
                        hint=Text.of("case-clash.hint"),
                    )
                )
                continue
            seen[folded] = entry.name
            found.append((entry.path, file, folder))
            size += min(_size(entry), limits.max_file_bytes + 1)
    problems.extend(_misnamed_folders(root, display))
    # Over a plan-wide limit nothing is read: the time and memory a plan costs stay bounded.
    if len(found) > limits.max_files:
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                "too-many-files",
                Text.of("too-many-files", count=limits.max_files),
                hint=Text.of("plan-too-large.hint"),
            )
        )
        return [], problems, []
    if size > limits.max_plan_bytes:
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                "plan-too-large",
                Text.of("plan-too-large", count=limits.max_plan_bytes // 2**20),
                hint=Text.of("plan-too-large.hint"),
            )
        )
        return [], problems, []
    return found, problems, unusable


def _unread(name: str, file: str) -> list[Diagnostic]:
    """A warning for a file that looks meant as a plan file but is not read (`qw.yaml.txt`, as Notepad saves)."""
    found = re.search(r"\.ya?ml", name, re.IGNORECASE)
    if found is None:
        return []  # a README or a picture beside the files: not a plan file, nothing to say
    meant = f"{name[: found.start()]}.yaml"
    return [
        Diagnostic(
            file, 1, 1, "unread-file", Text.of("unread-file"), "warning", hint=Text.of("unread-file.hint", name=meant)
        )
    ]


def _misnamed_folders(root: Path, display: str) -> list[Diagnostic]:
    """A warning for a folder whose name is close to one smartplan reads (`quickwin/`): its files are not read."""
    problems = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name in FOLDERS or entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        close = difflib.get_close_matches(entry.name.lower(), FOLDERS, n=1, cutoff=0.8)
        if close:
            folder = join(display, entry.name)
            hint = Text.of("unread-folder.hint", folder=close[0])
            problems.append(Diagnostic(folder, 1, 1, "unread-folder", Text.of("unread-folder"), "warning", hint=hint))
    return problems


def _size(path: Path | os.DirEntry[str]) -> int:
    """Its size as listed, 0 if it is gone by now (reading it will tell)."""
    try:
        return path.stat(follow_symlinks=False).st_size
    except OSError:
        return 0


# Below this many files a plan is read in this process alone: starting another would cost more than it saves.
PARALLEL_FILES = 400


def load_plan(
    root: Path, display: str, limits: Limits = DEFAULT_LIMITS, jobs: int = 1
) -> tuple[Plan, list[Diagnostic]]:
    """Read and validate every file of the plan in `root`; a large plan is read in up to `jobs` processes."""
    files, problems, unusable = plan_files(root, display, limits)
    plan = Plan(display)
    for kind in unusable:  # the checks between files stay quiet about what they cannot see
        plan.add_unusable_folder(kind)
    unvalidated = _read_all(files, limits, jobs)[::-1]  # taken off the end: each read file is freed once validated
    for _, file, kind in files:
        document = unvalidated.pop()
        if kind == "plan":
            plan.language = declared_language(document.data)
        loaded, file_problems = validate_document(document, PlanFile if kind == "plan" else FOLDERS[kind])
        problems.extend(file_problems)
        plan.add(kind, stem(file), loaded)
    return plan, problems


def _read_all(files: list[tuple[str, str, str]], limits: Limits, jobs: int) -> list[Document]:
    """Every file read and parsed, in order: each process reads an equal run of them. Validating is left here."""
    jobs = jobs if len(files) >= PARALLEL_FILES else 1
    return parallel.map_in_runs(functools.partial(_read_run, limits=limits), files, jobs)


def _read_run(files: list[tuple[str, str, str]], limits: Limits) -> list[Document]:
    return [read_file(path, file, limits) for path, file, _ in files]


MAX_PROBLEMS_PER_FILE = 100


def validate_document(document: Document, model: type[BaseModel]) -> tuple[Loaded[Any] | None, list[Diagnostic]]:
    """Validate a read file against `model`; pydantic's errors become diagnostics placed by its line map.

    A file with errors still gives a model of its well-formed part where one can be salvaged (salvage.py).
    """
    file = document.file
    if document.data is None:
        return None, document.problems
    try:
        return Loaded(file, model.model_validate(document.data), document.lines), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    # Past a hundred, more messages help nobody and a hostile file could ask for 200,000 of them.
    problems = [problem_from(error, document, model) for error in errors[:MAX_PROBLEMS_PER_FILE]]
    if len(errors) > MAX_PROBLEMS_PER_FILE:
        line, col = document.lines.find(tuple(part for part in errors[MAX_PROBLEMS_PER_FILE]["loc"] if part != "[key]"))
        more = len(errors) - MAX_PROBLEMS_PER_FILE
        problems.append(
            Diagnostic(
                file,
                line,
                col,
                "too-many-problems",
                Text.of("too-many-problems", count=more),
                hint=Text.of("too-many-problems.hint"),
            )
        )
    kept = salvage(document.data, model, errors)
    if kept is None:
        return None, problems
    return Loaded(file, kept.model, document.lines, kept.dropped_ids), problems
