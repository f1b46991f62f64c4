"""Independent calls in several processes, with the results of one process: the one place smartplan forks.

Knows nothing of plans. The calls are forked, not pickled: each child inherits the function and its
items, and sends back only its result. Where fork is missing, or other threads run (serve), or there
is one job, everything runs here, one call after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
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


def _call(index: int) -> Any:
    """In a child: the inherited function on the inherited item."""
    assert _work is not None
    function, items = _work
    return function(items[index])


def _can_fork() -> bool:
    """Fork exists here, and no other thread runs that could hold a lock the child would then need."""
    return hasattr(os, "fork") and threading.active_count() == 1
