"""Submission copies: the PDF and Word files made from each finished HTML book, as the books are written.

The templates render Markdown and HTML only; a PDF or a .docx is made from the HTML book (pdf.py,
word.py), several at a time in worker processes, biggest first. The HTML itself is written only if
it was asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from smartplan import parallel, pdf, word
from smartplan.books import FORMATS
from smartplan.errors import Text
from smartplan.progress import Progress

RENDERED = FORMATS  # what the templates make
# Each copy: a check that its tools are installed, and the conversion of one HTML book.
COPIES: dict[str, tuple[Callable[[], object], Callable[[bytes], bytes]]] = {
    "pdf": (pdf.weasyprint, pdf.from_html),
    "docx": (word.check, word.from_html),
}


def rendered(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats the templates must render for `formats`: HTML too when a copy is made from it."""
    copies = any(f in COPIES for f in formats)
    return tuple(f for f in RENDERED if f in formats or (f == "html" and copies))


def check_tools(formats: tuple[str, ...]) -> None:
    """Raise MissingToolError if a program or library a copy in `formats` needs is missing."""
    for copy in COPIES:
        if copy in formats:
            COPIES[copy][0]()


def with_copies(
    files: dict[str, bytes], formats: tuple[str, ...], jobs: int, report: Progress | None = None
) -> dict[str, bytes]:
    """The rendered documents, each HTML book also (or only) as the copies in `formats`."""
    copies = [copy for copy in COPIES if copy in formats]
    if not copies:
        return files
    books = {name: data for name, data in files.items() if name.endswith(".html")}
    kept = {name: data for name, data in files.items() if "html" in formats or name not in books}
    return {**kept, **convert(books, copies, jobs, report)}


def _convert(task: tuple[str, bytes]) -> bytes:
    copy, html = task
    return COPIES[copy][1](html)


def convert(books: dict[str, bytes], copies: list[str], jobs: int, report: Progress | None = None) -> dict[str, bytes]:
    """Each book (name.html -> HTML) as each copy (name.pdf -> bytes), in up to `jobs` worker processes.

    Always in workers, even one: WeasyPrint leaves a file open for each PDF/A and holds on to memory.
    """
    tasks = sorted(
        (
            (PurePosixPath(name).with_suffix(f".{copy}").as_posix(), copy, books[name])
            for name in books
            for copy in copies
        ),
        key=lambda task: -len(task[2]),  # the longest first, so that no process is left with it at the end
    )
    if not tasks:
        return {}

    def done(index: int, count: int) -> None:
        if report is not None:
            report(Text.of("progress.made", file=tasks[index][0]), count, len(tasks))

    made = parallel.map_in_workers(_convert, [(copy, html) for _, copy, html in tasks], jobs, done)
    return dict(sorted(zip((out for out, _, _ in tasks), made, strict=True)))
