"""`smartplan build --format docx`: the Word books read back with python-docx, as an office opens them."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.helpers import EXAMPLES, require, smartplan
from tests.test_build_content import CHAPTERS

pytestmark = pytest.mark.pandoc
WITH_PROGRAMS = EXAMPLES / "valid" / "minimal"  # quick wins and programs of both terms
BOOKS = ["analisis-kesiapan", "masterplan", "profil-quick-win-2025", "ringkasan-eksekutif", "roadmap"]


@pytest.fixture(autouse=True)
def _pandoc() -> None:
    require(shutil.which("pandoc") is not None, "pandoc")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "out"
    code, stdout, stderr = smartplan("build", str(WITH_PROGRAMS), "--out", str(out), "--format", "html,docx")
    assert (code, stderr) == (0, ""), stderr
    assert stdout.endswith(f"menulis 10 dokumen ke {out}\n")
    return out


def _styled(path: Path, style: str) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style is not None and p.style.name == style]


def test_one_docx_per_book_beside_the_html(built: Path) -> None:
    names = sorted(p.name for p in built.iterdir())
    assert names == sorted([".smartplan-build", *(f"{b}.{f}" for b in BOOKS for f in ("html", "docx"))])


def test_chapters_are_headings_under_a_title_block_and_a_contents_field(built: Path) -> None:
    path = built / "masterplan.docx"
    assert _styled(path, "Heading 1") == CHAPTERS
    assert _styled(path, "Heading 2")[:2] == ["1.1 Latar Belakang", "1.2 Maksud dan Tujuan"]
    assert _styled(path, "Title") == ["Masterplan Smart City Kota Banjar 2025-2034"]
    assert _styled(path, "Author") == ["Pemerintah Kota Banjar, Provinsi Jawa Barat"]
    body = zipfile.ZipFile(path).read("word/document.xml").decode()
    fields = [html.unescape(f) for f in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", body)]
    assert fields[0] == 'TOC \\o "1-2" \\h \\z \\u'
    properties = Document(str(path)).core_properties
    assert (properties.title, properties.author, properties.language) == (
        "Masterplan Smart City Kota Banjar 2025-2034",
        "Pemerintah Kota Banjar, Provinsi Jawa Barat",
        "id",
    )


def test_captions_are_numbered_as_in_the_html(built: Path) -> None:
    page = (built / "masterplan.html").read_text()
    numbers = re.findall(r'<span class="caption-number">(Tabel \d+\.)</span>', page)
    captions = _styled(built / "masterplan.docx", "Table Caption")
    assert [" ".join(c.split()[:2]) for c in captions if c.startswith("Tabel ")] == numbers
    figures = _styled(built / "masterplan.docx", "Image Caption")
    assert [f.split(".")[0] for f in figures] == [f"Gambar {n}" for n in range(1, 9)]


def test_every_chart_is_a_png_picture(built: Path) -> None:
    for book in BOOKS:
        charts = (built / f"{book}.html").read_text().count('<figure class="chart"')
        document = Document(str(built / f"{book}.docx"))
        pictures = [s for s in document.inline_shapes]
        assert len(pictures) == charts, book
        media = [n for n in zipfile.ZipFile(built / f"{book}.docx").namelist() if n.startswith("word/media/")]
        assert all(n.endswith(".png") for n in media) and (len(media) > 0) == (charts > 0), book  # alike ones shared
        assert all(s.width is not None and s.width > 0 for s in pictures)


def test_columns_are_as_wide_as_what_they_hold(built: Path) -> None:
    """The indicator tables: the name column is the widest, not the narrowest (as from pandoc on the Markdown)."""
    document = Document(str(built / "masterplan.docx"))
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["Indikator", "Baseline"]]
    assert tables
    for table in tables:
        widths = [column.width for column in table.columns]
        assert all(w is not None for w in widths)
        assert widths[0] == max(widths) and widths[0] > 2 * min(widths)


def test_styles_are_those_of_the_html(built: Path) -> None:
    styles = {style.style_id: style for style in Document(str(built / "masterplan.docx")).styles}
    heading = styles["Heading1"]
    assert heading.font.name == "Arial"
    assert heading.font.color.rgb is not None and str(heading.font.color.rgb) == "1F4E79"
    assert styles["Normal"].font.name is None  # the document's default font: Times New Roman, as the HTML's serif
    assert (styles["Caption"].font.name, styles["Caption"].font.bold) == ("Arial", True)


def _contents_heading(docx: bytes) -> list[str]:
    """The text of the contents' heading, which Word shows above the contents field (inside it, so python-docx
    does not list it among the paragraphs)."""
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    found = re.findall(r'<w:pStyle w:val="TOCHeading" /></w:pPr>(.*?)</w:p>', body)
    return ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph)) for paragraph in found]


def test_the_contents_heading_is_in_the_books_language(built: Path) -> None:
    for book in BOOKS:
        # The executive summary is two pages with no contents in its HTML, so none in Word either.
        wanted = [] if book == "ringkasan-eksekutif" else ["Daftar Isi"]
        assert _contents_heading((built / f"{book}.docx").read_bytes()) == wanted, book


def test_an_english_books_contents_heading_is_its_own() -> None:
    from smartplan import word

    page = '<html lang="en"><body><nav class="toc" aria-label="Contents"><ol></ol></nav><h2>One</h2></body></html>'
    assert _contents_heading(word.from_html(page.encode())) == ["Contents"]  # pandoc's own: "Table of Contents"


def test_nothing_is_fetched(tmp_path: Path) -> None:
    """A picture named by a file path is left out (its text kept); pandoc alone would read it."""
    from smartplan import word

    picture = tmp_path / "picture.png"
    subprocess.run([sys.executable, "-c", _PNG, str(picture)], check=True)
    page = (
        f'<html lang="id"><body><p>x</p><p><img src="{picture}" alt="gambar"></p><p><IMG SRC="{picture.as_uri()}"></p>'
        "</body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    command = ["pandoc", "-f", "html", "-t", "docx", "-o", "-", str(tmp_path / "page.html")]
    plain = zipfile.ZipFile(io.BytesIO(subprocess.run(command, capture_output=True, check=True).stdout))
    assert any(n.startswith("word/media/") for n in plain.namelist())  # the case is real
    made = zipfile.ZipFile(io.BytesIO(word.from_html(page.encode())))
    assert not any(n.startswith("word/media/") for n in made.namelist())
    body = made.read("word/document.xml").decode()
    assert "gambar" in body


_PNG = "import sys; from PIL import Image; Image.new('RGB', (4, 4), 'red').save(sys.argv[1])"


def test_a_missing_pandoc_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "out"
    code, stdout, stderr = smartplan("build", str(EXAMPLES / "valid" / "minimal"), "--out", str(out), "-f", "docx")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "smartplan: error: cannot make the Word files: the program 'pandoc' is not installed\n"
        "hint: apt-get install pandoc (make system-deps does)\n"
    )
    assert not out.exists()


def test_word_fills_in_the_contents_when_the_file_is_opened(built: Path) -> None:
    settings = zipfile.ZipFile(built / "masterplan.docx").read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true" />' in settings


def test_two_word_builds_are_byte_identical(tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH the file takes the plan's date (31 October 2024), never the time of the build."""
    for name in ("a", "b"):
        code, _, stderr = smartplan(
            "build", str(EXAMPLES / "valid" / "minimal"), "--out", str(tmp_path / name), "-f", "docx"
        )
        assert (code, stderr) == (0, "")
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    core = zipfile.ZipFile(tmp_path / "a" / "roadmap.docx").read("docProps/core.xml").decode()
    assert "2024-10-31T00:00:00Z" in core
