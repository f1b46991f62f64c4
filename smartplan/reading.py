"""Plan files from disk to checked text: no links, no special files, within the size limit, UTF-8 only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from smartplan.errors import Diagnostic, Text
from smartplan.scalars import FORBIDDEN_CHAR
from smartplan.source import DEFAULT_LIMITS, Document, Limits, LineMap, Position, parse


def _position_of(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _looks_utf16(raw: bytes) -> bool:
    """A byte-order mark, or the zero byte that ASCII text has in every code unit of UTF-16."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    zeros = [byte == 0 for byte in raw[:4]]
    return len(zeros) == 4 and zeros[0] != zeros[1] and zeros[:2] == zeros[2:]


def _decode(raw: bytes, file: str) -> str | Diagnostic:
    if _looks_utf16(raw):
        return Diagnostic(file, 1, 1, "encoding", Text.of("encoding.utf16"), hint=Text.of("encoding.hint"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        return Diagnostic(
            file,
            line,
            col,
            "encoding",
            Text.of("encoding.byte", byte=f"0x{raw[exc.start]:02x}"),
            hint=Text.of("encoding.hint"),
        )
    bad = FORBIDDEN_CHAR.search(text)
    if bad:
        line, col = _position_of(text, bad.start())
        return Diagnostic(
            file,
            line,
            col,
            "control-character",
            Text.of("control-character", char=f"U+{ord(bad.group()):04X}"),
            hint=Text.of("control-character.hint"),
        )
    return text


def read_file(path: str | Path, file: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Open a plan file without following links and parse it within the limits."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        code = "symlink" if Path(path).is_symlink() else "unreadable"
        message = Text.of("symlink") if code == "symlink" else Text.of("unreadable", reason=str(exc.strerror))
        return Document(file, None, LineMap(), [Diagnostic(file, 1, 1, code, message, hint=_FILE_HINT)])
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # a folder, FIFO or device: never read
        os.close(fd)
        problem = Diagnostic(file, 1, 1, "not-a-file", Text.of("not-a-file"), hint=_FILE_HINT)
        return Document(file, None, LineMap(), [problem])
    try:  # a buffer the size of the file, not of the limit
        raw = os.read(fd, min(info.st_size, limits.max_file_bytes) + 1)
        while info.st_size < len(raw) <= limits.max_file_bytes:  # the file grew after fstat: read on, up to the limit
            more = os.read(fd, limits.max_file_bytes + 1 - len(raw))
            if not more:
                break
            raw += more
    finally:
        os.close(fd)
    if len(raw) > limits.max_file_bytes:
        problem = Diagnostic(
            file,
            1,
            1,
            "file-too-large",
            Text.of("file-too-large", count=limits.max_file_bytes // 1024),
            hint=Text.of("file-too-large.hint"),
        )
        return Document(file, None, LineMap(), [problem])
    text = _decode(raw, file)
    if isinstance(text, Diagnostic):
        return Document(file, None, LineMap(), [text])
    return parse(text, file, limits)


_FILE_HINT = Text.of("not-a-file.hint")
