"""Markdown fields of the plan, made safe for each output format.

HTML: markdown-it-py ("commonmark" plus tables), raw HTML off, images off (a document must not
fetch anything), links only to http(s), mailto or relative targets, headings shifted below the
section they appear in. Markdown: the text itself, with raw HTML and unsafe links neutralised and
headings shifted the same way. Each text is rendered to HTML once, whatever its headings' shift.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from smartplan import parallel

_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):")
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
# A link's target as written: `](target`, `](<target`, or `](` at the end of the line (target on the next).
# Renderers decode entities in targets (`java&#115;cript:`), so the check is made on the decoded text.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)|\]\(\s*$")
# A link reference definition `[label]: target`, whose target may also be on the next line.
_REFERENCE = re.compile(r"^( {0,3})\[([^\]]+)\]:\s*<?(\S*)")
_RAW_HTML = re.compile(r"<(?!(?:https?|mailto):[^<>\s]*>)")


def allowed_link(url: str) -> bool:
    """True for http(s), mailto and relative links; False for javascript:, data:, file: and the like."""
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.validateLink = allowed_link  # type: ignore[method-assign]
    return md


def to_html(text: str, shift: int = 0) -> Markup:
    """Render a Markdown field to HTML; headings start at h(1 + shift)."""
    rendered = _RENDERED.get(text)
    if rendered is None:
        if len(_RENDERED) >= _RENDERED_LIMIT:  # `serve` renders edit after edit in one process
            _RENDERED.clear()
        rendered = _RENDERED[text] = html_of(text)
    if shift:
        rendered = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + shift)}>", rendered)
    return Markup(rendered)


# Raw HTML is off and every `<` of the text comes out as `&lt;`, so a tag `<hN>` or `</hN>` is a heading's.
_HEADING_TAG = re.compile("<(/?)h([1-6])>")
# Each field's HTML, rendered once whatever the heading levels asked.
_RENDERED: dict[str, str] = {}
_RENDERED_LIMIT = 65_536  # more than a plan's 50,000 files: the fields of a large plan are each rendered once


def render_ahead(texts: list[str], jobs: int) -> None:
    """Render these Markdown fields to HTML now, in up to `jobs` processes, for to_html to take from memory.

    A large plan's thousands of descriptions were most of the time of its longest document, the masterplan
    in HTML, which one process renders alone.
    """
    todo = list(dict.fromkeys(text for text in texts if text not in _RENDERED))[:_RENDERED_LIMIT]
    _RENDERED.update(zip(todo, parallel.map_in_runs(_html_of_each, todo, jobs), strict=True))


def _html_of_each(texts: Sequence[str]) -> list[str]:
    return [html_of(text) for text in texts]


def html_of(text: str) -> str:
    """The HTML of a Markdown field, its headings from h1."""
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        if token.type == "table_open":
            token.attrSet("class", "data")
        if token.type == "th_open":
            token.attrSet("scope", "col")
    return str(md.renderer.render(tokens, md.options, {}))


@lru_cache(maxsize=4096)
def to_markdown(text: str, shift: int = 0) -> Markup:
    """Pass a Markdown field into a Markdown document: headings shifted, raw HTML and unsafe links inert."""
    lines: list[str] = []
    fence = ""
    for line in text.strip("\n").split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            lines.append(line)
            continue
        if opening:
            fence = opening.group(1)
            lines.append(line)
            continue
        line = _ATX.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + shift), line)
        line = _LINK_TARGET.sub(_inert_link, line)
        line = _REFERENCE.sub(_inert_reference, line)
        line = line.replace("![", "!\\[")  # images are off in HTML too: converting the document must fetch nothing
        lines.append(_RAW_HTML.sub("&lt;", line))
    return Markup("\n".join(lines))


def _target_allowed(target: str | None) -> bool:
    """The check a renderer's output will pass: entities decoded, and tabs and line breaks dropped as browsers do."""
    if not target:
        return False
    return allowed_link(re.sub("[\t\n\r]", "", html.unescape(target)).strip("\x00- "))


def _inert_link(match: re.Match[str]) -> str:
    target = match.group(1)
    return match.group(0) if _target_allowed(target) else "]\\(" + match.group(0)[2:]


def _inert_reference(match: re.Match[str]) -> str:
    target = match.group(3)
    return match.group(0) if _target_allowed(target) else match.group(1) + "\\" + match.group(0)[len(match.group(1)) :]


# Each character Markdown could read as syntax, preceded by a backslash; str.translate does it in one C pass,
# which matters as every plain value of a document goes through here (190,000 for 1,000 programs). Most
# values hold none of them, and finding that out is faster than translating: the value is then kept as it is.
_MD_SYNTAX = "\\`*_[]<>|#"
_MD_ESCAPES = str.maketrans({c: "\\" + c for c in _MD_SYNTAX})
_MD_SPECIAL = re.compile(f"[{re.escape(_MD_SYNTAX)}\n]")


def escape_markdown(value: object) -> str:
    """Plain text placed in Markdown: special characters escaped, lines joined (safe in table cells)."""
    text = str(value)
    return text.replace("\n", " ").translate(_MD_ESCAPES) if _MD_SPECIAL.search(text) else text
