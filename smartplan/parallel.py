"""Work on large plans in several processes; the results are those of one process.

Below PARALLEL_FILES files, or with one job, everything runs in this process: starting workers
would cost more than it saves. Above it, forked children read and validate runs of files and send
back, per file, either its diagnostics (placed in the child, so line maps never leave it) or the plain
data of a valid file, which is cheaper to send than pydantic models and is validated again here in a
tenth of the time it took to read. Results are put back in file order, so every report is the same as
with one process. `in_forks` runs other independent calls (such as rendering each output format) in
forked children. Where fork is missing, or other threads run (serve), everything runs here.
"""

from __future__ import annotations

import functools
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from smartplan.errors import Diagnostic
from smartplan.loader import load_file, validate_document
from smartplan.plan import Loaded
from smartplan.reading import read_file
from smartplan.source import Limits

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
    """load_file for every task, in order; with `jobs` > 1 and many files, in that many processes.

    The files are cut into `jobs` runs: this process reads the first run itself while forked
    children (in_forks) read the others, each sending back its run's results in one piece once done.
    """
    if jobs < 2 or len(tasks) < PARALLEL_FILES or not _can_fork():
        return [load_file(*task) for task in tasks]
    size = -(-len(tasks) // jobs)
    first, *others = [tasks[start : start + size] for start in range(0, len(tasks), size)]
    calls: list[Callable[[], Any]] = [lambda: [load_file(*task) for task in first]]
    calls += [functools.partial(_read_run, run) for run in others]
    mine, *sent = in_forks(calls)
    results: list[Result] = mine
    for run, read in zip(others, sent, strict=True):
        results += [
            (None if data is None else Loaded(task[1], task[2].model_validate(data)), problems)
            for task, (data, problems) in zip(run, read, strict=True)
        ]
    return results


def _read_run(run: list[Task]) -> list[tuple[dict[str, Any] | None, list[Diagnostic]]]:
    """In a child: load each file; a valid one is sent back as its plain data, cheaper to send than models."""
    read: list[tuple[dict[str, Any] | None, list[Diagnostic]]] = []
    for path, file, model, limits in run:
        document = read_file(path, file, limits)
        loaded, problems = validate_document(document, model)
        read.append(((None if loaded is None else document.data), problems))
    return read


def in_forks(calls: Sequence[Callable[[], R]]) -> list[R]:
    """Each call's result, in order: the first call runs here, the others at the same time in forked children.

    Where fork is missing or unsafe (another thread could hold a lock the child needs), they all run
    here one after the other. A child that fails sends nothing back, or not all of it, and its call is
    run again here, so that the error is raised exactly as without children.
    """
    if len(calls) < 2 or not _can_fork():
        return [call() for call in calls]
    children = [_fork(call) for call in calls[1:]]
    try:
        results = [calls[0]()]
    finally:
        sent = [_receive(child) for child in children]
    for call, (ok, result) in zip(calls[1:], sent, strict=True):
        results.append(result if ok else call())
    return results


def _receive(child: tuple[int, int]) -> tuple[bool, Any]:
    """(True, the child's result), read as it comes; (False, None) if the child failed and sent none, or not all."""
    pid, read = child
    try:
        with os.fdopen(read, "rb") as pipe:
            return True, pickle.load(pipe)
    except Exception:  # closed first, so that a child still writing stops, and the wait below ends
        return False, None
    finally:
        os.waitpid(pid, 0)


def _can_fork() -> bool:
    """Fork exists here, and no other thread runs that could hold a lock the child would then need."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _fork(call: Callable[[], object]) -> tuple[int, int]:
    """Start `call` in a child process that pickles its result straight into a pipe; return (pid, read end).

    Straight in, not pickled whole first: documents of 50 MB are not copied once more (three times
    faster). A child that fails may leave part of a result in the pipe; _receive tells.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no return from here, and no atexit handlers or buffered output of the parent
        os.close(read)
        try:
            result = call()
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # the parent runs the call again and raises the error itself
            pass
        finally:
            os._exit(0)
    os.close(write)
    return pid, read
