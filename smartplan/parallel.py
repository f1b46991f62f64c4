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


def map_in_processes(
    function: Callable[[T], R], items: Sequence[T], jobs: int, done: Callable[[int, int], None] | None = None
) -> list[R]:
    """[function(item) for item in items], at the same time in up to `jobs` children; `done(index, count)` here as
    each result is taken, in order.

    This process only waits meanwhile: a busy one would take the children's results through the pipe slowly, a
    piece each time its thread gets a turn, and hold them up. A call that fails in a child is run again here, so
    its error is raised exactly as without children, from the first item that has one.
    """
    if jobs < 2 or len(items) < 2 or not _can_fork():
        results = []
        for index, item in enumerate(items):
            results.append(function(item))
            if done is not None:
                done(index, index + 1)
        return results
    import multiprocessing  # here: a small plan, checked at every commit, never starts a process
    from concurrent.futures import ProcessPoolExecutor

    global _work
    _work = (function, items)
    try:
        with ProcessPoolExecutor(min(jobs, len(items)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_call, index) for index in range(len(items))]
            results = []
            for index, (future, item) in enumerate(zip(futures, items, strict=True)):
                results.append(function(item) if future.exception() is not None else future.result())
                if done is not None:
                    done(index, index + 1)
            return results
    finally:
        _work = None


def map_in_runs(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int) -> list[R]:
    """`function` on equal runs of the items, one run per process, its results joined in order: for many small
    calls, each too short to be worth sending to a process of its own."""
    size = max(1, -(-len(items) // jobs))
    runs = [items[start : start + size] for start in range(0, len(items), size)]
    return [result for results in map_in_processes(function, runs, jobs) for result in results]


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
