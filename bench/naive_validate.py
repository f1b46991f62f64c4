"""What a user would write instead of smartplan validate: libyaml load + pydantic validate, no CLI.

Usage: python bench/naive_validate.py PLAN_DIR [--jobs N]. Uses smartplan's own models (the schema)
and nothing else from smartplan: no positions, no strictness rules, no cross-file checks.
"""

from __future__ import annotations

import sys
from multiprocessing import Pool
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from smartplan.models import DimensionFile, PlanFile, ProgramFile, QuickWinFile

MODELS: dict[str, type[BaseModel]] = {
    "dimensions": DimensionFile,
    "quickwins": QuickWinFile,
    "programs": ProgramFile,
}


def check(job: tuple[str, str]) -> int:
    """Load one file with libyaml and validate it; return its number of errors."""
    path, kind = job
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    try:
        (PlanFile if kind == "plan" else MODELS[kind]).model_validate(data)
    except ValidationError as exc:
        return exc.error_count()
    return 0


def main(root: Path, jobs: int) -> int:
    files = [(str(root / "plan.yaml"), "plan")]
    files += [(str(p), kind) for kind in MODELS for p in sorted((root / kind).glob("*.yaml"))]
    if jobs > 1:
        with Pool(jobs) as pool:
            errors = sum(pool.map(check, files, chunksize=64))
    else:
        errors = sum(map(check, files))
    print(f"{len(files)} files, {errors} errors")
    return 0


if __name__ == "__main__":
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
    sys.exit(main(Path(sys.argv[1]), jobs))
