"""Markdown fields and the output folder, piece by piece: what ends up in the documents and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartplan.errors import OutputError, UnsafeOutputError
from smartplan.markup import _parser, allowed_link, escape_markdown, to_html, to_markdown
from smartplan.output import MARKER, check_target, write_atomically


def test_headings_in_a_field_sit_below_the_section_they_are_in() -> None:
    assert to_html("# Latar\n\nIsi.", 3) == "<h4>Latar</h4>\n<p>Isi.</p>\n"
    assert to_markdown("# Latar\n\nIsi.", 3) == "#### Latar\n\nIsi."
    assert to_markdown("```\n# not a heading\n<b>\n```", 3) == "```\n# not a heading\n<b>\n```"


def _shifted_while_rendering(text: str, shift: int) -> str:
    """How headings were shifted before: on the parsed tokens, one rendering per (text, shift)."""
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        if token.type == "table_open":
            token.attrSet("class", "data")
        if token.type == "th_open":
            token.attrSet("scope", "col")
    return str(md.renderer.render(tokens, md.options, {}))


FIELDS = [
    *(f"{'#' * level} Judul {level}\n\nIsi <h{level}> dan </h{level}>." for level in range(1, 7)),
    "Judul\n=====\n\nSub\n---\n\n####### tujuh",
    "```html\n<h1>kode</h1>\n```\n\n    <h2>indentasi</h2>\n\n`<h3>` [<h4>](https://x.id/<h5>) <h6>",
    '<h1>raw</h1>\n\n<h2 class="x">\n\n[a](b "<h3>") <https://x.id/h1> &lt;h1&gt;',
    "| <h1> | # b |\n|---|---|\n| 1 | 2 |\n\n> # kutipan\n\n- # dalam daftar\n\n---",
]


@pytest.mark.parametrize("shift", range(6))
@pytest.mark.parametrize("text", FIELDS)
def test_headings_shifted_after_rendering_as_when_shifted_while_rendering(text: str, shift: int) -> None:
    assert to_html(text, shift) == _shifted_while_rendering(text, shift)


@given(st.text(alphabet="#<>/h16 \n=-`|>*[]()\"'a", max_size=60), st.integers(0, 5))
def test_any_field_gets_the_same_headings_shifted_after_rendering(text: str, shift: int) -> None:
    assert to_html(text, shift) == _shifted_while_rendering(text, shift)


def test_raw_html_is_shown_not_run() -> None:
    assert to_html("a <b onclick=x>b</b>") == "<p>a &lt;b onclick=x&gt;b&lt;/b&gt;</p>\n"
    assert to_markdown("a <b onclick=x>b</b>") == "a &lt;b onclick=x>b&lt;/b>"
    assert to_markdown("see <https://bps.go.id>") == "see <https://bps.go.id>"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://banjarkota.go.id", True),
        ("http://bps.go.id/x", True),
        ("mailto:diskominfo@banjarkota.go.id", True),
        ("lampiran.html#a", True),
        ("#bab-1", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("vbscript:x", False),
    ],
)
def test_only_web_mail_and_relative_links(url: str, allowed: bool) -> None:
    assert allowed_link(url) is allowed
    html = to_html(f"[tautan]({url.strip()})")
    assert ("<a href=" in html) is allowed


def test_images_are_not_fetched() -> None:
    assert "<img" not in to_html("![peta](https://example.org/peta.png)")


def test_tables_in_fields_get_header_scopes() -> None:
    html = to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert '<table class="data">' in html and '<th scope="col">a</th>' in html


def test_plain_text_in_markdown_is_escaped() -> None:
    assert escape_markdown("A | B *c* <d>\nsatu") == "A \\| B \\*c\\* \\<d\\> satu"
    assert escape_markdown(2027) == "2027"


@given(st.text(alphabet="\\`*_[]<>|#\n a1"))
def test_markdown_syntax_is_escaped_and_nothing_else(text: str) -> None:
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text.replace("\n", " "))
    assert escape_markdown(text) == escaped


def test_a_failed_write_leaves_the_previous_build(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    write_atomically(target, {"a.md": b"first"})
    with pytest.raises(OutputError, match="cannot write the documents to"):
        write_atomically(target, {"a.md": b"second", "a.md/b.md": b"cannot be"})
    assert (target / "a.md").read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_a_link_as_output_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "plan").mkdir()
    with pytest.raises(UnsafeOutputError, match="it is a symbolic link"):
        check_target(tmp_path / "link", tmp_path / "plan")


def test_marker_makes_a_folder_replaceable(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutputError, match="not created by smartplan"):
        check_target(tmp_path / "docs", tmp_path / "plan")
    (tmp_path / "docs" / MARKER).write_text("")
    assert check_target(tmp_path / "docs", tmp_path / "plan") == (tmp_path / "docs").resolve()
