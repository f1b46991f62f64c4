"""The last pass over each document, made in one copy: the same text as one pass per rule made before."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartplan.finish import finish_html, splice, tidy_markdown
from smartplan.i18n import Language, load_messages
from smartplan.navigation import FIGURE, add_lists, add_toc
from smartplan.templating import builtin_templates

LANG = Language("id", load_messages([builtin_templates()], "id"))


def _tidy_one_rule_at_a_time(text: str) -> str:
    """_tidy_markdown as it was: a pass over the whole text per rule."""
    text = re.sub(r"^(#{1,6} .*)\n(?!\n)", r"\1\n\n", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


@given(st.text(alphabet="#\n a", max_size=80))
def test_markdown_is_tidied_as_one_rule_at_a_time(text: str) -> None:
    assert tidy_markdown(text) == _tidy_one_rule_at_a_time(text)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "# a\n# b\nx\n\n\n\n# c\n", "\n\n# a\nb", "#  x\n\n\n", "x\n# a", "####### a\nb", "# a\n\n\nb\n\n"],
)
def test_edges_of_markdown_tidied_as_one_rule_at_a_time(text: str) -> None:
    assert tidy_markdown(text) == _tidy_one_rule_at_a_time(text)


def test_splice_makes_every_edit_in_one_copy() -> None:
    assert splice("abcdef", [(0, 0, "<"), (1, 3, "-"), (6, 6, ">")]) == "<a-def>"
    assert splice("abcdef", [(2, 2, "|")], 1, 4) == "b|cd"


# Pieces of a rendered HTML document as the templates write them, and some they could write.
PIECES = [
    "<!-- toc -->",
    "<!-- lists -->",
    '<nav class="lists">\n<!-- lists -->\n</nav>\n',
    '<h2 id="bab-1">BAB I <b>Pendahuluan</b></h2>',
    '<h3 id="latar">1.1 Latar</h3>',
    "<h4>tanpa id</h4>",
    '<table class="data" id="table-a">\n<caption>Anggaran <i>2025</i></caption>',
    '<table class="facts"><caption>tanpa id</caption>',
    "</table>",
    '<figure class="chart" id="figure-b">\n<svg><text>x</text></svg>\n',
    '<figcaption><span class="figure-title">Lini masa</span>.</figcaption></figure>',
    '<span class="figure-title">',
    "</span>",
    "teks &lt;h2&gt; biasa ",
]


def _groups(pattern: re.Pattern[str], html: str) -> list[tuple[object, ...]]:
    return [(m.span(), *m.groups()) for m in pattern.finditer(html)]


@given(st.lists(st.sampled_from([*PIECES, "<figcaption>", "<figcaption>x", '<figure id="figure-c">']), max_size=30))
def test_figures_are_found_as_the_lazy_pattern_found_them(pieces: list[str]) -> None:
    html = "".join(pieces)
    lazy = r'(<figure[^>]* id="(figure-[^"]+)">.*?<figcaption>)(<span class="figure-title">)(.*?)(</span>)'
    assert _groups(FIGURE, html) == _groups(re.compile(lazy, re.DOTALL), html)


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_html_is_finished_as_one_pass_at_a_time(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert finish_html(html, LANG) == add_lists(add_toc(html), LANG)


def test_a_document_of_smartplan_s_own_layout_is_finished_in_one_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    html = "".join([PIECES[0], PIECES[2], *([PIECES[3], PIECES[4], *(PIECES[6:9] * 3), PIECES[9], PIECES[10]] * 2)])
    expected = add_lists(add_toc(html), LANG)
    monkeypatch.setattr("smartplan.finish.add_toc", None)  # the passes one at a time are not needed
    assert finish_html(html, LANG) == expected
    assert expected.count('<span class="caption-number">') == 8 and "<!-- " not in expected
