"""Work on large plans in several processes; the results are those of one process.

Below PARALLEL_FILES files, or with one job, everything runs in this process: starting workers
would cost more than it saves. Above it, this process and forked children take chunks of files from
a shared queue, and the children send back, per file, either its diagnostics (placed in the child,
so line maps never leave it) or the plain data of a valid file, which is cheaper to send than
pydantic models and is validated again here in a tenth of the time it took to read. Results are
put back in file order, so every report is the same as with one process. `in_forks` and `Forked`
run other independent calls in forked children (rendering each output format; the budget tables
and charts while the plan is checked). Where fork is missing, or other threads run (serve),
everything runs here.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO, Generic, TypeVar

from pydantic import BaseModel

from smartplan.errors import Diagnostic
from smartplan.loader import load_file, validate_document
from smartplan.plan import Loaded
from smartplan.reading import read_file
from smartplan.source import Limits

PARALLEL_FILES = 400
CHUNK = 32  # files a process takes at a time: small enough that all finish together
QUEUE_SIZE = 16_384  # chunk numbers a pipe holds (64 KiB, its smallest size on Linux) before a write would wait
Task = tuple[Any, str, type[BaseModel], Limits]  # (path, file as shown, model, limits): load_file's arguments
Result = tuple[Loaded[Any] | None, list[Diagnostic]]
R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def spread(files: int, jobs: int) -> bool:
    """Whether work on this many files is worth spreading over `jobs` processes (loading, then rendering)."""
    return jobs > 1 and files >= PARALLEL_FILES


def load_files(tasks: list[Task], jobs: int) -> list[Result]:
    """load_file for every task, in order; with `jobs` > 1 and many files, in that many processes.

    The files are cut into chunks of at most CHUNK, whose numbers wait in a queue (a pipe). This process
    and `jobs` - 1 forked children each take the next number until none is left, so that all finish
    together however fast each one runs. A child sends each chunk's results as soon as it has them; this
    process takes them in between its own chunks, which keeps the pipes flowing and its share smaller.
    """
    if not spread(len(tasks), jobs) or not _can_fork():
        return [load_file(*task) for task in tasks]
    # Eight chunks a process or more, and no more chunks than the queue holds.
    size = max(-(-len(tasks) // QUEUE_SIZE), min(CHUNK, -(-len(tasks) // (jobs * 8))))
    chunks = [tasks[start : start + size] for start in range(0, len(tasks), size)]
    results: list[list[Result] | None] = [None] * len(chunks)
    queue = _queue(len(chunks))
    children: list[tuple[int, int]] = []
    try:
        forks = min(jobs, len(chunks)) - 1  # a process with no chunk to take would only cost its start
        children = [_fork(functools.partial(_send_chunks, chunks, queue)) for _ in range(forks)]
        inboxes = [_Inbox(read) for _, read in children]
        while (number := _take(queue)) is not None:
            results[number] = [load_file(*task) for task in chunks[number]]
            for inbox in inboxes:
                _take_in(inbox.ready(), chunks, results)
        for inbox in inboxes:
            _take_in(inbox.rest(), chunks, results)
    finally:
        os.close(queue)
        for pid, read in children:
            os.close(read)
            os.waitpid(pid, 0)
    # A child that failed sent nothing for the chunk it had taken: it is read again here, and fails the same way.
    return [
        result
        for number, chunk in enumerate(chunks)
        for result in (results[number] or [load_file(*task) for task in chunk])
    ]


def _queue(count: int) -> int:
    """The read end of a pipe holding the numbers 0 to count - 1, 4 bytes each; at most QUEUE_SIZE fit."""
    read, write = os.pipe()
    os.write(write, b"".join(number.to_bytes(4, "little") for number in range(count)))
    os.close(write)
    return read


def _take(queue: int) -> int | None:
    """The next number in the queue, None once it is empty. A read of 4 bytes takes one number whole."""
    taken = os.read(queue, 4)
    return int.from_bytes(taken, "little") if taken else None


def _send_chunks(chunks: list[list[Task]], queue: int, pipe: BinaryIO) -> None:
    """In a child: load the chunks taken from the queue; a valid file is sent as its plain data, cheaper than models."""
    while (number := _take(queue)) is not None:
        read: list[tuple[dict[str, Any] | None, list[Diagnostic]]] = []
        for path, file, model, limits in chunks[number]:
            document = read_file(path, file, limits)
            loaded, problems = validate_document(document, model)
            read.append(((None if loaded is None else document.data), problems))
        frame = pickle.dumps((number, read), protocol=pickle.HIGHEST_PROTOCOL)
        pipe.write(len(frame).to_bytes(8, "little"))
        pipe.write(frame)
        pipe.flush()


def _take_in(frames: Iterator[bytearray], chunks: list[list[Task]], results: list[list[Result] | None]) -> None:
    """Put a child's chunks among the results; a valid file's data is validated again here, in a tenth of the time."""
    for frame in frames:
        number, read = pickle.loads(frame)
        results[number] = [
            (None if data is None else Loaded(task[1], task[2].model_validate(data)), problems)
            for task, (data, problems) in zip(chunks[number], read, strict=True)
        ]


class _Inbox:
    """The frames (8 bytes of length, then as many bytes) a child writes into a pipe, taken as they arrive."""

    def __init__(self, read: int) -> None:
        self.read = read
        self.buffer = bytearray()
        os.set_blocking(read, False)

    def ready(self) -> Iterator[bytearray]:
        """The frames that have arrived whole by now; nothing waits."""
        try:
            while chunk := os.read(self.read, 1 << 20):
                self.buffer += chunk
        except BlockingIOError:
            pass
        return self._frames()

    def rest(self) -> Iterator[bytearray]:
        """Every frame still to come, until the child closes its end."""
        os.set_blocking(self.read, True)
        while chunk := os.read(self.read, 1 << 20):
            self.buffer += chunk
        return self._frames()

    def _frames(self) -> Iterator[bytearray]:
        start = 0
        buffer = self.buffer
        while len(buffer) - start >= 8:
            end = start + 8 + int.from_bytes(buffer[start : start + 8], "little")
            if end > len(buffer):
                break
            yield buffer[start + 8 : end]  # a copy already: the buffer is cut below
            start = end
        del buffer[:start]


def in_forks(calls: Sequence[Callable[[], R]]) -> list[R]:
    """Each call's result, in order: the first call runs here, the others at the same time in forked children.

    Where fork is missing or unsafe (another thread could hold a lock the child needs), they all run
    here one after the other. A child that fails sends nothing back, or not all of it, and its call is
    run again here, so that the error is raised exactly as without children.
    """
    if len(calls) < 2 or not _can_fork():
        return [call() for call in calls]
    forked = [Forked(call) for call in calls[1:]]
    try:
        first = calls[0]()
    except BaseException:
        for child in forked:
            child.cancel()
        raise
    return [first, *(child.result() for child in forked)]


class Forked(Generic[R]):
    """A call started now in a forked child, whose result is taken later, when it is needed.

    Where fork is missing or unsafe, the call runs when its result is asked for; so does it after a
    child failed, and raises here what it raised there. cancel() ends a child whose result is not wanted.
    """

    def __init__(self, call: Callable[[], R]) -> None:
        self.call = call
        self.child = _fork(functools.partial(_pickled, call)) if _can_fork() else None

    def result(self) -> R:
        child, self.child = self.child, None
        if child is not None:
            sent, result = _receive(child)
            if sent:
                return result  # type: ignore[no-any-return]
        return self.call()

    def cancel(self) -> None:
        child, self.child = self.child, None
        if child is not None:
            pid, read = child
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.close(read)
            os.waitpid(pid, 0)


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


def _fork(send: Callable[[BinaryIO], object]) -> tuple[int, int]:
    """Start a child process that runs `send` on the write end of a pipe; return (pid, read end).

    A child that fails may leave part of a result in the pipe; the reader tells. The pipe is made as
    large as the system allows (1 MiB on Linux), so that a child seldom waits for the reader.
    """
    import fcntl  # here: Windows has neither fcntl nor fork

    read, write = os.pipe()
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or a lower system limit
        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
    pid = os.fork()
    if pid == 0:  # the child: no return from here, and no atexit handlers or buffered output of the parent
        os.close(read)
        try:
            with os.fdopen(write, "wb") as pipe:
                send(pipe)
        except BaseException:  # the parent runs the call again and raises the error itself
            pass
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


def _pickled(call: Callable[[], object], pipe: BinaryIO) -> None:
    """Pickle call's result straight into the pipe, not whole first: documents of 50 MB are not copied once more."""
    pickle.dump(call(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
