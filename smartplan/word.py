"""Word copies of the HTML books, made by pandoc: a contents field, numbered captions, charts as pictures.

The HTML is first made fit for Word: its cover becomes the document's title block, its table of contents
and lists of tables and figures (links without page numbers) give way to Word's own contents field, each
SVG chart becomes a PNG (Word reads none of smartplan's inline SVG), and each table gets column widths in
proportion to what its columns hold. The styles are those of templates/docx/styles.xml (fonts, colours
and table style of the HTML), put into pandoc's own reference document. Nothing is fetched: pandoc runs
with --sandbox and the SVG converter reads nothing outside the SVG it is given.
"""

from __future__ import annotations

import base64
import calendar
import functools
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from smartplan.errors import MissingToolError
from smartplan.i18n import builtin_templates

PANDOC_SECONDS = 300
_COVER = re.compile(r'<header class="cover">(.*?)</header>', re.DOTALL)
_CONTENTS_TITLE = re.compile(r'<nav class="toc" aria-label="([^"]*)"')
_NAVIGATION = re.compile(r'<nav class="(?:toc|lists)"[^>]*>.*?</nav>\n?', re.DOTALL)
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SVG_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)
_TABLE = re.compile(r"(<table\b[^>]*>\s*(?:<caption>.*?</caption>)?)(.*?</table>)", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<t([hd])\b([^>]*)>(.*?)</t\1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
# What pandoc would fetch or read: pictures, frames (pandoc reads an iframe's page), media, links to files.
_FETCHING = re.compile(
    r"<(?:img|image|iframe|frame|embed|object|video|audio|source|track|link|script|base|input)\b[^>]*>", re.IGNORECASE
)
# A picture the document holds itself: a chart made PNG here, or the region's emblem (PNG or JPEG, checked by
# emblem.py); pandoc embeds a data: URL without fetching anything.
_OWN_PICTURE = re.compile(
    r'<img src="data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=]*" alt="[^"<>]*"(?: width="[\d.]+")?>'
)
_EMBLEM = re.compile(
    r'<img class="cover-emblem" src="(data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=]*)" alt="([^"<>]*)">'
)
_ALT = re.compile(r'\balt="([^"<>]*)"', re.IGNORECASE)
WIDEST_CELL = 40  # characters: a longer text wraps, so it asks for no wider a column than this


def pandoc() -> str:
    """The pandoc program, or MissingToolError."""
    found = shutil.which("pandoc")
    if found is None:
        raise MissingToolError("Word", "program", "pandoc", "apt-get install pandoc", "make system-deps")
    return found


def _svg_converter() -> Any:
    try:
        import cairosvg
    except ModuleNotFoundError as exc:
        raise MissingToolError(
            "Word", "package", str(exc.name), "pip install 'smartplan[pdf]'", "make install"
        ) from None
    except OSError as exc:  # cairocffi found no libcairo
        raise MissingToolError(
            "Word", "library", "libcairo-2", "apt-get install libcairo2", "make system-deps"
        ) from exc
    return cairosvg


def check() -> None:
    """MissingToolError now, before any document is rendered, if pandoc or the SVG converter is missing."""
    pandoc()
    _svg_converter()


def from_html(page: bytes) -> bytes:
    """The .docx of one finished HTML book."""
    text = page.decode("utf-8")
    lang = re.search(r'<html lang="([^"]+)"', text)
    text, meta = _cover_as_metadata(text)
    # A contents field where the HTML has contents (a short book such as the summary has none), titled as the
    # HTML titles them (a plan may reword it); pandoc's own title is "Table of Contents"
    contents = _CONTENTS_TITLE.search(text)
    language = lang.group(1) if lang else "id"
    text = _NAVIGATION.sub("", text)
    text = _SVG.sub(_as_png, text)
    text = _TABLE.sub(_with_widths, _inert(text))
    command = [pandoc(), "--from", "html", "--to", "docx"]
    if contents:
        meta["toc-title"] = html.unescape(contents.group(1))
        command += ["--toc", "--toc-depth", "2"]
    command += ["--shift-heading-level-by", "-1", "--output", "-"]
    for key, value in {**meta, "lang": language}.items():
        command += ["--metadata", f"{key}={value}"]
    return _fields_updated_on_open(_run(command, text))


def _run(command: list[str], text: str) -> bytes:
    """pandoc on the HTML, with the reference document beside it in a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="smartplan-docx-") as folder:
        source, reference = Path(folder) / "book.html", Path(folder) / "reference.docx"
        source.write_text(text, encoding="utf-8")
        reference.write_bytes(reference_docx())
        result = subprocess.run(
            [*command, "--reference-doc", str(reference), str(source)],
            capture_output=True,
            timeout=PANDOC_SECONDS,
            cwd=folder,  # a relative path names nothing but these two files
            env={**os.environ, "SOURCE_DATE_EPOCH": _epoch(text)},
        )
    if result.returncode != 0:
        raise RuntimeError(f"pandoc failed: {result.stderr.decode('utf-8', 'replace').strip()[:500]}")
    return result.stdout


def _epoch(text: str) -> str:
    """pandoc's time for the file: SOURCE_DATE_EPOCH if set, else the document's date; never the time now."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given.isdigit():
        return given
    found = re.search(r'<meta name="dcterms.created" content="(\d{4}-\d{2}-\d{2})">', text)
    day = date.fromisoformat(found.group(1)) if found else date(1980, 1, 1)
    return str(calendar.timegm(day.timetuple()))


def _fields_updated_on_open(docx: bytes) -> bytes:
    """The .docx with Word told to fill in its fields when opened: the contents field's page numbers."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/settings.xml" and b"updateFields" not in data:
                data = re.sub(rb"(<w:settings\b[^>]*>)", rb'\1<w:updateFields w:val="true" />', data, count=1)
            target.writestr(item, data)
    return out.getvalue()


@functools.cache
def reference_docx() -> bytes:
    """pandoc's own reference document with smartplan's styles (templates/docx/styles.xml)."""
    default = subprocess.run(
        [pandoc(), "--print-default-data-file", "reference.docx"], capture_output=True, check=True, timeout=60
    ).stdout
    styles = (builtin_templates() / "docx" / "styles.xml").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = styles if item.filename == "word/styles.xml" else source.read(item)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment.replace("<br>", ", "))).split()).replace(" ,", ",")


def _cover_as_metadata(text: str) -> tuple[str, dict[str, str]]:
    """The HTML cover's title, book, period, region and date as the title block of the Word file."""
    cover = _COVER.search(text)
    if cover is None:
        return text, {}
    found = {
        key: _plain(m.group(1)) if (m := re.search(pattern, cover.group(1), re.DOTALL)) else ""
        for key, pattern in {
            "title": r"<h1>(.*?)</h1>",
            "book": r'<p class="cover-book">(.*?)</p>',
            "period": r'<p class="cover-period">(.*?)</p>',
            "author": r'<p class="cover-kicker">(.*?)</p>',
            "date": r'<dl class="cover-meta">.*<dd>(.*?)</dd>\s*</dl>',
        }.items()
    }
    meta = {
        "title": found["title"],
        "subtitle": " · ".join(part for part in (found["book"], found["period"]) if part),
        "author": found["author"],
        "date": found["date"],
    }
    emblem = _EMBLEM.search(cover.group(1))  # on the first page, under the title block, as on the cover
    kept = (f'<p><img src="{emblem.group(1)}" alt="{emblem.group(2)}" width="96"></p>' if emblem else "") + "".join(
        re.findall(
            r'<p class="cover-status">.*?</p>|<aside class="placeholder-notice".*?</aside>', cover.group(1), re.DOTALL
        )
    )
    return text[: cover.start()] + kept + text[cover.end() :], {k: v for k, v in meta.items() if v}


def _as_png(match: re.Match[str]) -> str:
    """An inline SVG chart as a PNG picture at twice its size, for sharp printing; its title as the picture's text."""
    svg = match.group(0)
    # unsafe=False: no XML entities, and no URL is fetched but data: URLs inside the SVG itself
    png = _svg_converter().svg2png(bytestring=svg.encode("utf-8"), scale=2, unsafe=False)
    width = re.search(r'\bwidth="([\d.]+)"', svg[: svg.find(">")])
    title = _SVG_TITLE.search(svg)
    alt = html.escape(_plain(title.group(1)) if title else "")
    size = f' width="{width.group(1)}"' if width else ""
    return f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="{alt}"{size}>'


def _inert(text: str) -> str:
    """The HTML without anything pandoc would fetch: only the charts' own PNGs stay, other pictures become their text.

    pandoc 2.17's --sandbox cannot write a .docx at all, so what it would otherwise keep from reading
    is taken out here. smartplan's own templates make no such tags; a plan's own templates might.
    """

    def keep(match: re.Match[str]) -> str:
        tag = match.group(0)
        if _OWN_PICTURE.fullmatch(tag):
            return tag
        alt = _ALT.search(tag)
        return alt.group(1) if alt else ""

    return _FETCHING.sub(keep, text)


def _with_widths(match: re.Match[str]) -> str:
    """The table with a column group giving each column a width in proportion to its longest text."""
    head, rest = match.group(1), match.group(2)
    if "<colgroup" in rest:
        return match.group(0)
    rows = [_CELL.findall(row) for row in _ROW.findall(rest)]
    columns = max((len(cells) for cells in rows), default=0)
    weights = [3] * columns
    for cells in rows:
        if len(cells) != columns or any("colspan" in attributes for _, attributes, _ in cells):
            continue
        for i, (_, _, inner) in enumerate(cells):
            weights[i] = max(weights[i], min(len(_plain(inner)), WIDEST_CELL))
    if columns < 2:
        return match.group(0)
    total = sum(weights)
    cols = "".join(f'<col width="{round(100 * w / total)}%">' for w in weights)
    return f"{head}<colgroup>{cols}</colgroup>{rest}"
