"""Read and validate a large plan's files in several processes; the results are those of one process.

Below PARALLEL_FILES files, or with one job, everything runs in this process: starting workers
would cost more than it saves. Above it, worker processes read and validate the files and send back,
per file, either its diagnostics (placed in the worker, so line maps never leave it) or the plain data
of a valid file, which is cheaper to send than pydantic models and is validated again here in a tenth
of the time it took to read. Results come back in file order, so every report is the same as
with one process.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel

from smartplan.errors import Diagnostic
from smartplan.loader import load_file, validate_document
from smartplan.plan import Loaded
from smartplan.source import Limits, read_file

PARALLEL_FILES = 400
Task = tuple[Any, str, type[BaseModel], Limits]  # (path, file as shown, model, limits): load_file's arguments
Result = tuple[Loaded[Any] | None, list[Diagnostic]]


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def load_files(tasks: list[Task], jobs: int) -> list[Result]:
    """load_file for every task, in order, spread over `jobs` processes when there are enough files."""
    if jobs < 2 or len(tasks) < PARALLEL_FILES:
        return [load_file(*task) for task in tasks]
    import multiprocessing  # only large plans pay for it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(16, len(tasks) // (jobs * 16))  # small enough to balance the load, large enough to batch
    with context.Pool(jobs) as pool:
        sent = pool.imap(_read, tasks, chunksize=chunk)
        return [
            (None if data is None else Loaded(task[1], task[2].model_validate(data)), problems)
            for task, (data, problems) in zip(tasks, sent, strict=True)
        ]


def _read(task: Task) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """In a worker: load one file; a valid one comes back as its plain data."""
    path, file, model, limits = task
    document = read_file(path, file, limits)
    loaded, problems = validate_document(document, model)
    return (None if loaded is None else document.data), problems
