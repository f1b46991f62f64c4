"""Which plan folders a path given on the command line means: itself, or the plan folders just below it."""

from __future__ import annotations

from pathlib import Path


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
