"""Work on large plans in several processes; the results are those of one process.

Below PARALLEL_FILES files, or with one job, everything runs in this process: starting workers
would cost more than it saves. Above it, worker processes read and validate the files and send back,
per file, either its diagnostics (placed in the worker, so line maps never leave it) or the plain data
of a valid file, which is cheaper to send than pydantic models and is validated again here in a tenth
of the time it took to read. Results come back in file order, so every report is the same as
with one process. `in_forks` runs independent calls (such as rendering each output format) in
forked children.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from smartplan.errors import Diagnostic
from smartplan.loader import load_file, validate_document
from smartplan.plan import Loaded
from smartplan.source import Limits, read_file

PARALLEL_FILES = 400
Task = tuple[Any, str, type[BaseModel], Limits]  # (path, file as shown, model, limits): load_file's arguments
Result = tuple[Loaded[Any] | None, list[Diagnostic]]
R = TypeVar("R")


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
    import threading

    methods = multiprocessing.get_all_start_methods()
    threads = threading.active_count() > 1  # a forked child could block on a lock another thread held
    context = multiprocessing.get_context("fork" if "fork" in methods and not threads else "spawn")
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


def in_forks(calls: Sequence[Callable[[], R]]) -> list[R]:
    """Each call's result, in order: the first call runs here, the others at the same time in forked children.

    Where fork is missing or unsafe (another thread could hold a lock the child needs), they all run
    here one after the other. A child that fails sends nothing back and its call is run again here,
    so that the error is raised exactly as without children.
    """
    import threading

    if len(calls) < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [call() for call in calls]
    children = [_fork(call) for call in calls[1:]]
    try:
        results = [calls[0]()]
    finally:
        sent = [_collect(child) for child in children]
    for call, payload in zip(calls[1:], sent, strict=True):
        results.append(pickle.loads(payload) if payload else call())
    return results


def _fork(call: Callable[[], object]) -> tuple[int, int]:
    """Start `call` in a child process that writes its pickled result to a pipe; return (pid, read end)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no return from here, and no atexit handlers or buffered output of the parent
        os.close(read)
        try:
            payload = pickle.dumps(call(), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # the parent runs the call again and raises the error itself
            payload = b""
        try:
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _collect(child: tuple[int, int]) -> bytes:
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    return payload
