"""A progress line for long builds on a terminal: what is happening, how far, how long. Silent elsewhere."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import TextIO

# What the pipeline reports: (what is happening, steps done, steps in all; 0 when not counted).
Progress = Callable[[str, int, int], None]


class TerminalProgress:
    """One line on a terminal, rewritten in place, and wiped when the work is done."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.shown = False
        self.owner = os.getpid()

    def __call__(self, what: str, done: int, total: int) -> None:
        if os.getpid() != self.owner:  # a worker process (parallel.py): one line, written by one process
            return
        count = f" [{done}/{total}]" if total else ""
        line = f"{what}{count} {time.monotonic() - self.start:.1f}s"
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r\x1b[K" + line[:width])
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def terminal_progress(stream: TextIO, *, quiet: bool) -> TerminalProgress | None:
    """A progress line on `stream` when it is a terminal and the user did not ask for quiet, else nothing."""
    return TerminalProgress(stream) if not quiet and stream.isatty() else None
