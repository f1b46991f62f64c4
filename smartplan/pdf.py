"""PDF copies of the HTML books, made by WeasyPrint: page numbers in the contents, bookmarks, metadata, PDF/A-3b.

The page layout (running header, roman numbers for the front matter, each chapter on a new page, page
numbers in Daftar Isi, Daftar Tabel and Daftar Gambar) is the print stylesheet of the HTML templates,
so a browser's print view follows it as far as it can. Nothing is fetched while rendering: the books
are self-contained (inline CSS and SVG, the emblem as a data URL) and the fetcher refuses every URL and
every file; it reads only pictures held in the document itself.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from smartplan.errors import MissingToolError

VARIANT = "pdf/a-3b"  # archival PDF; WeasyPrint embeds every font and an sRGB output intent
# The shared libraries WeasyPrint loads, and the Debian package of each (README, Makefile: system-deps).
DEBIAN_PACKAGES = {
    "libgobject-2.0-0": "libglib2.0-0",
    "libpango-1.0-0": "libpango-1.0-0",
    "libharfbuzz-0": "libharfbuzz0b",
    "libfontconfig-1": "libfontconfig1",
    "libpangoft2-1.0-0": "libpangoft2-1.0-0",
}
EMBEDDED = ("data:image/png;base64,", "data:image/jpeg;base64,")
_LIBRARY = re.compile(r"cannot load library '([^']+)'")


def weasyprint() -> ModuleType:
    """The weasyprint module, or MissingToolError naming the library or package that is missing."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints a page of advice when a library is missing
            import weasyprint as module
    except ModuleNotFoundError as exc:
        raise MissingToolError(
            "PDF", "package", str(exc.name), "pip install 'smartplan[pdf]'", "make install"
        ) from None
    except OSError as exc:
        found = _LIBRARY.search(str(exc))
        name = found.group(1) if found else str(exc).splitlines()[0]
        package = DEBIAN_PACKAGES.get(name, "")
        if package:
            raise MissingToolError("PDF", "library", name, f"apt-get install {package}", "make system-deps") from None
        raise MissingToolError("PDF", "library", name, "make system-deps") from None
    loaded: ModuleType = module
    return loaded


def _refusing_fetcher(module: ModuleType) -> Any:
    """A WeasyPrint fetcher that fetches nothing: no http(s), no file; only pictures held in the document itself."""

    class Refuse(module.URLFetcher):  # type: ignore[misc,name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(EMBEDDED):  # the emblem smartplan itself embedded: read from the URL, no I/O
                return super().fetch(url, headers)
            raise ValueError(f"smartplan fetches nothing while making a PDF: {url[:80]}")

    return Refuse()


def from_html(html: bytes) -> bytes:
    """The PDF of one finished HTML book, the same bytes for the same HTML."""
    module = weasyprint()
    document = module.HTML(string=html.decode("utf-8"), url_fetcher=_refusing_fetcher(module), base_url=None)
    with _fixed_font_time():
        pdf: bytes = document.write_pdf(pdf_variant=VARIANT)
    return pdf


@contextlib.contextmanager
def _fixed_font_time() -> Iterator[None]:
    """fontTools stamps each embedded font subset with the time now, unless SOURCE_DATE_EPOCH is set."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if before is not None:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
