"""The region's emblem (lambang daerah) on the covers: an image file the plan holds, read safely and checked.

The file is named in plan.yaml (city.emblem), lies beside it, and is opened as every plan file is: no
link followed, nothing but a regular file, bounded in size. It must be a PNG or a JPEG of sensible size;
it is embedded in the HTML (and so the PDF) as a data URL, so nothing is ever fetched to show it.
"""

from __future__ import annotations

import base64
import os
import stat
import struct
from pathlib import Path

from smartplan.errors import Text

MAX_BYTES = 512 * 1024
MAX_SIDE = 4000  # pixels
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class EmblemProblem(Exception):
    """What is wrong with the emblem file, as a diagnostic message; and its code."""

    def __init__(self, code: str, message: Text) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def read(path: Path) -> tuple[str, bytes]:
    """The media type and bytes of the emblem file, or EmblemProblem."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        # The system's reason, in its own words; a link is refused by smartplan, so said in the reader's.
        reason = Text.of("emblem.link") if path.is_symlink() else exc.strerror or "unreadable"
        raise EmblemProblem("emblem-unreadable", Text.of("emblem-unreadable", name=path.name, reason=reason)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise EmblemProblem("emblem-unreadable", Text.of("emblem-not-a-file", name=path.name))
        data = os.read(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise EmblemProblem("emblem-too-large", Text.of("emblem-too-large", name=path.name, size=MAX_BYTES // 1024))
    kind = next((k for signature, k in _SIGNATURES.items() if data.startswith(signature)), None)
    if kind is None:
        raise EmblemProblem("emblem-not-image", Text.of("emblem-not-image", name=path.name))
    size = _png_size(data) if kind == "image/png" else _jpeg_size(data)
    if size is None:
        raise EmblemProblem(
            "emblem-not-image", Text.of("emblem-incomplete", name=path.name, kind=kind.split("/")[1].upper())
        )
    if max(size) > MAX_SIDE or min(size) < 1:
        width, height = size
        raise EmblemProblem(
            "emblem-too-large",
            Text.of("emblem-too-many-pixels", name=path.name, width=width, height=height, most=MAX_SIDE),
        )
    return kind, data


def data_url(path: Path) -> str:
    """The emblem as a data URL for the HTML; empty if it cannot be read (validate has said why)."""
    try:
        kind, data = read(path)
    except EmblemProblem:
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame segment."""
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return int(width), int(height)
        at += 2 + length
    return None
