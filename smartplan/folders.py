"""Which plan folders a path given on the command line means: itself, or the plan folders just below it; and
which plan folder a path lies in, for the error that it is not one itself."""

from __future__ import annotations

import os
from pathlib import Path

from smartplan.errors import PlanNotFoundError

# A plan's files lie at most two levels below its plan.yaml: plan/quickwins/qw-2025-living.yaml.
_LEVELS_UP = 2


def plan_folders_in(paths: list[Path]) -> list[Path]:
    """Each path that holds a plan.yaml, or else the folders right below it that do (`plans/` -> `plans/banjar`)."""
    found: list[Path] = []
    for path in paths:
        below = [] if (path / "plan.yaml").exists() or not path.is_dir() else _plans_below(path)
        # A folder with no plan anywhere near is kept, so that validate says plan.yaml is missing there.
        found.extend(below or [path])
    return found


def _plans_below(folder: Path) -> list[Path]:
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    return [child for child in children if child.is_dir() and not child.is_symlink() and (child / "plan.yaml").exists()]


def not_a_plan_folder(path: Path, shown: str) -> PlanNotFoundError:
    """The error for `path` without a plan.yaml; where it lies inside a plan (a file of one, its quickwins/
    folder), the error names that plan's folder, as the user would write it from here."""
    start = path.absolute()
    for folder in [start, *start.parents][1 : _LEVELS_UP + 2]:
        if (folder / "plan.yaml").is_file():
            return PlanNotFoundError(shown, above=os.path.relpath(folder))
    return PlanNotFoundError(shown)
