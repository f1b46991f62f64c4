"""What a plan's own templates may be and do: plain files in plain folders, run in a bounded sandbox.

A pull request can add `templates/` to a plan. CI then renders it, so it must not be able to read the
runner's files (a link to /proc/self/environ would copy CI secrets into the build), block on a FIFO,
or turn a few characters of template into gigabytes (`"x" * 10**10`).
"""

from __future__ import annotations

import os
import signal
import stat
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from smartplan.errors import RenderError

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_TEMPLATE_FILES = 1_000
MAX_SEQUENCE = 1_000_000  # items or characters that `*` may build
MAX_POWER_BITS = 100_000  # bits that `**` may build
MAX_RENDER_SECONDS = 120.0  # per document, when the plan has its own templates


def check_overrides(own: Path) -> None:
    """Refuse links, special files, huge files and too many files anywhere in a plan's templates/ folder."""
    pending, count = [own], 0
    while pending:
        folder = pending.pop()
        if stat.S_ISLNK(folder.lstat().st_mode):
            raise RenderError(folder.as_posix(), None, "symbolic links are not allowed in a plan's templates")
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            count += 1
            name = Path(entry.path).as_posix()
            info = entry.stat(follow_symlinks=False)
            if count > MAX_TEMPLATE_FILES:
                raise RenderError(own.as_posix(), None, f"more than {MAX_TEMPLATE_FILES:,} files in templates/")
            if stat.S_ISDIR(info.st_mode):
                pending.append(Path(entry.path))
            elif stat.S_ISLNK(info.st_mode):
                raise RenderError(name, None, "symbolic links are not allowed in a plan's templates")
            elif not stat.S_ISREG(info.st_mode):
                raise RenderError(name, None, "not a regular file")
            elif info.st_size > MAX_TEMPLATE_BYTES:
                raise RenderError(name, None, f"template larger than {MAX_TEMPLATE_BYTES // 1024:,} KiB")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, where `*` and `**` cannot build gigabytes out of a short expression."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's answer, remembered per type and name: it depends on nothing else (not on the value).

        Jinja asks on every attribute a template reads; working it out each time means a dozen isinstance
        checks, several against ABCs.
        """
        key = (type(obj), attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_SEQUENCE:
                    raise SecurityError(f"'*' would build more than {MAX_SEQUENCE:,} items")
        elif isinstance(left, int) and isinstance(right, int) and right * abs(left).bit_length() > MAX_POWER_BITS:
            raise SecurityError(f"'**' would build a number of more than {MAX_POWER_BITS:,} bits")
        return super().call_binop(context, operator, left, right)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop a render after `seconds` with a SecurityError: a plan's template can loop for hours.

    A timer signal, so only in the main thread (where the CLI renders); elsewhere, or with None, no limit.
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise SecurityError(f"rendering took longer than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def from_plan_template(exc: BaseException, own: Path | None) -> bool:
    """True if a template of the plan's own templates/ was running when `exc` was raised."""
    if own is None:
        return False
    root = own.resolve()
    frames = traceback.extract_tb(exc.__traceback__)
    return any(Path(frame.filename).resolve().is_relative_to(root) for frame in frames)
