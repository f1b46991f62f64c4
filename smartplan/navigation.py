"""Finding one's way in a document: chapter numbers, the table of contents, numbered tables and figures.

Runs on the rendered HTML, whose markup smartplan's own templates write: headings and captions with ids.
Text taken from it is already escaped, so it is reused as it stands.
"""

from __future__ import annotations

import re

from smartplan.i18n import Language
from smartplan.sandbox import format_label

_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_TABLE = re.compile(r'(<table[^>]* id="(table-[^"]+)">\s*<caption>)(.*?)(</caption>)', re.DOTALL)
_FIGURE = re.compile(
    r'(<figure[^>]* id="(figure-[^"]+)">.*?<figcaption>)(<span class="figure-title">)(.*?)(</span>)', re.DOTALL
)
_TAGS = re.compile(r"<[^>]+>")
_EMPTY_LISTS = re.compile(r'<nav class="lists"[^>]*>\s*<!-- lists -->\s*</nav>\n?')
LISTS_FROM = 5  # tables and figures a document needs before it gets their lists


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


class Outline:
    """Chapter and section numbers of one document, counted as the template goes."""

    def __init__(self, lang: Language) -> None:
        self.lang, self.chapters, self.sections = lang, 0, 0

    def chapter(self) -> str:
        self.chapters, self.sections = self.chapters + 1, 0
        return format_label(self.lang.label("chapter_number"), roman=roman(self.chapters), number=self.chapters)

    def section(self) -> str:
        self.sections += 1
        return f"{self.chapters}.{self.sections}"


def add_toc(html: str) -> str:
    """Fill `<!-- toc -->` with a nested list of links to every h2 and h3 that has an id."""
    if "<!-- toc -->" not in html:
        return html
    items: list[str] = []
    open_sub = False
    for level, anchor, inner in _HEADING.findall(html):
        link = f'<a href="#{anchor}">{_TAGS.sub("", inner).strip()}</a>'
        if level == "2":
            if open_sub:
                items.append("</ol></li>")
                open_sub = False
            elif items:
                items.append("</li>")
            items.append(f"<li>{link}")
        else:
            if not open_sub:
                items.append("<ol>")
                open_sub = True
            items.append(f"<li>{link}</li>")
    items.append("</ol></li>" if open_sub else "</li>" if items else "")
    return html.replace("<!-- toc -->", "<ol>" + "".join(items) + "</ol>", 1)


def add_lists(html: str, lang: Language) -> str:
    """Number every captioned table and figure (Tabel 1, Gambar 1...) and fill `<!-- lists -->` with their lists."""
    tables: list[tuple[str, str]] = []
    figures: list[tuple[str, str]] = []

    def table(match: re.Match[str]) -> str:
        tables.append((match.group(2), _TAGS.sub("", match.group(3)).strip()))
        number = f'<span class="caption-number">{lang.label("table_word")} {len(tables)}.</span> '
        return match.group(1) + number + match.group(3) + match.group(4)

    def figure(match: re.Match[str]) -> str:
        figures.append((match.group(2), _TAGS.sub("", match.group(4)).strip()))
        number = f'<span class="caption-number">{lang.label("figure_word")} {len(figures)}.</span> '
        return match.group(1) + number + match.group(3) + match.group(4) + match.group(5)

    html = _FIGURE.sub(figure, _TABLE.sub(table, html))
    if len(tables) + len(figures) < LISTS_FROM:  # a page listing two tables helps no one
        return _EMPTY_LISTS.sub("", html, count=1)
    blocks = []
    for key, word, entries in (("list_of_tables", "table_word", tables), ("list_of_figures", "figure_word", figures)):
        if entries:
            links = "".join(
                f'<li><a href="#{anchor}">{lang.label(word)} {n}. {text}</a></li>'
                for n, (anchor, text) in enumerate(entries, start=1)
            )
            blocks.append(f'<p class="toc-title">{lang.label(key)}</p><ol>{links}</ol>')
    return html.replace("<!-- lists -->", "".join(blocks), 1)
