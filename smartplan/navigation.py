"""Finding one's way in a document: chapter numbers, the table of contents, numbered tables and figures.

Runs on the rendered HTML, whose markup smartplan's own templates write: headings and captions with ids.
Text taken from it is already escaped, so it is reused as it stands.
"""

from __future__ import annotations

import re

from smartplan.i18n import Language

_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
TABLE = re.compile(r'(<table[^>]* id="(table-[^"]+)">\s*<caption>)(.*?)(</caption>)', re.DOTALL)
# A figure up to the first `<figcaption><span class="figure-title">` after it, as `.*?` would find it but
# twice as fast through a chart's megabytes of SVG: runs without `<` are taken whole.
FIGURE = re.compile(
    r'(<figure[^>]* id="(figure-[^"]+)">(?:[^<]++|<(?!figcaption><span class="figure-title">))*+<figcaption>)'
    r'(<span class="figure-title">)(.*?)(</span>)',
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]+>")
EMPTY_LISTS = re.compile(r'<nav class="lists"[^>]*>\s*<!-- lists -->\s*</nav>\n?')
LISTS_FROM = 5  # tables and figures a document needs before it gets their lists
TOC, LISTS = "<!-- toc -->", "<!-- lists -->"  # where the templates want the table of contents and the lists


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
        return self.lang.format("chapter_number", roman=roman(self.chapters), number=self.chapters)

    def section(self) -> str:
        self.sections += 1
        return f"{self.chapters}.{self.sections}"


def table_of_contents(html: str) -> str:
    """A nested list of links to every h2 and h3 that has an id."""
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
    return "<ol>" + "".join(items) + "</ol>"


def add_toc(html: str) -> str:
    """Fill `<!-- toc -->` with a nested list of links to every h2 and h3 that has an id."""
    if TOC not in html:
        return html
    return html.replace(TOC, table_of_contents(html), 1)


def caption_number(lang: Language, word: str, number: int) -> str:
    """The number put before a caption: `Tabel 3. `, `Gambar 3. `."""
    return f'<span class="caption-number">{lang.label(word)} {number}.</span> '


def list_of(lang: Language, tables: list[tuple[str, str]], figures: list[tuple[str, str]]) -> str:
    """The lists of tables and of figures, from (anchor, caption as written) of each."""
    blocks = []
    for key, word, entries in (("list_of_tables", "table_word", tables), ("list_of_figures", "figure_word", figures)):
        if entries:
            links = "".join(
                f'<li><a href="#{anchor}">{lang.label(word)} {n}. {_TAGS.sub("", text).strip()}</a></li>'
                for n, (anchor, text) in enumerate(entries, start=1)
            )
            blocks.append(f'<p class="toc-title">{lang.label(key)}</p><ol>{links}</ol>')
    return "".join(blocks)


def add_lists(html: str, lang: Language) -> str:
    """Number every captioned table and figure (Tabel 1, Gambar 1...) and fill `<!-- lists -->` with their lists."""
    tables: list[tuple[str, str]] = []
    figures: list[tuple[str, str]] = []

    def table(match: re.Match[str]) -> str:
        tables.append((match.group(2), match.group(3)))
        return match.group(1) + caption_number(lang, "table_word", len(tables)) + match.group(3) + match.group(4)

    def figure(match: re.Match[str]) -> str:
        figures.append((match.group(2), match.group(4)))
        number = caption_number(lang, "figure_word", len(figures))
        return match.group(1) + number + match.group(3) + match.group(4) + match.group(5)

    html = FIGURE.sub(figure, TABLE.sub(table, html))
    if len(tables) + len(figures) < LISTS_FROM:  # a page listing two tables helps no one
        return EMPTY_LISTS.sub("", html, count=1)
    return html.replace(LISTS, list_of(lang, tables, figures), 1)
