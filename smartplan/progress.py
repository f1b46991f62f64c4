"""A progress line for long builds on a terminal: what is happening, how far, how long. Silent elsewhere.

The line is in the reader's language: the steps are Texts of the built-in `cli` catalogue, the counts and
seconds written as the language writes numbers.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import TextIO

from smartplan.errors import Text

# What the pipeline reports: (what is happening, steps done, steps in all; 0 when not counted).
Progress = Callable[[Text, int, int], None]


def progress_line(what: Text, done: int, total: int, seconds: float, lang: str) -> str:
    """The line shown: `rendering the documents [3/12] 1.5s`, `menyusun dokumen [3/12] 1,5s`."""
    from smartplan.i18n import Language, whole_number
    from smartplan.problem_words import words

    count = f" [{whole_number(done, lang)}/{whole_number(total, lang)}]" if total else ""
    return f"{words(what, lang)}{count} {Language(lang, {}).fixed(seconds, 1)}s"


class TerminalProgress:
    """One line on a terminal, rewritten in place, and wiped when the work is done."""

    def __init__(self, stream: TextIO, language: Callable[[], str] = lambda: "en") -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.shown = False
        self.owner = os.getpid()
        self.language = language
        self.lang = ""

    def __call__(self, what: Text, done: int, total: int) -> None:
        if os.getpid() != self.owner:  # a worker process (parallel.py): one line, written by one process
            return
        self.lang = self.lang or self.language()
        line = progress_line(what, done, total, time.monotonic() - self.start, self.lang)
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r\x1b[K" + line[:width])
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def terminal_progress(
    stream: TextIO, *, quiet: bool, language: Callable[[], str] = lambda: "en"
) -> TerminalProgress | None:
    """A progress line on `stream` when it is a terminal and the user did not ask for quiet, else nothing.

    `language` is asked once, when the line is first shown.
    """
    return TerminalProgress(stream, language) if not quiet and stream.isatty() else None
