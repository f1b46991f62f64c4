"""Independent calls in several processes, with the results of one process: the one place smartplan starts them.

Knows nothing of plans. map_in_processes forks its calls, not pickling them: each child inherits the
function and its items and sends back only its result; where fork is missing, or other threads run (serve),
or there is one job, everything runs here, one call after the other. map_in_workers runs every call in a
worker, never here, for work that must not leave its state in this process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What the forked workers run: set just before the pool forks them, so it is inherited, never pickled.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def map_in_processes(function: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """[function(item) for item in items]: the first here, the others at the same time in up to jobs - 1 children.

    A call that fails in a child is run again here, so its error is raised exactly as without children.
    """
    if jobs < 2 or len(items) < 2 or not _can_fork():
        return [function(item) for item in items]
    import multiprocessing  # here: a small plan, checked at every commit, never starts a process
    from concurrent.futures import ProcessPoolExecutor

    global _work
    _work = (function, items)
    try:
        with ProcessPoolExecutor(min(jobs, len(items)) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_call, index) for index in range(1, len(items))]
            results = [function(items[0])]
            for future, item in zip(futures, items[1:], strict=True):
                results.append(function(item) if future.exception() is not None else future.result())
            return results
    finally:
        _work = None


def map_in_workers(
    function: Callable[[T], R], items: Sequence[T], jobs: int, done: Callable[[int, int], None] | None = None
) -> list[R]:
    """[function(item) for item in items], every call in a worker process, never here; `done(index, count)` as
    each finishes. For work that leaves state behind in the process that runs it (WeasyPrint keeps a file open
    for each PDF). The function and items are pickled, so they must be module-level and plain."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: list[Any] = [None] * len(items)
    with ProcessPoolExecutor(max(1, min(jobs, len(items)))) as pool:
        futures = {pool.submit(function, item): index for index, item in enumerate(items)}
        for count, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if done is not None:
                done(futures[future], count)
    return results


def _call(index: int) -> Any:
    """In a child: the inherited function on the inherited item."""
    assert _work is not None
    function, items = _work
    return function(items[index])


def _can_fork() -> bool:
    """Fork exists here, and no other thread runs that could hold a lock the child would then need."""
    return hasattr(os, "fork") and threading.active_count() == 1
