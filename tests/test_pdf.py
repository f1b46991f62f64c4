"""`smartplan build --format pdf`: the PDF books read back as a reader sees them (poppler's pdftotext, pypdf)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, REPO, require, smartplan

pytestmark = pytest.mark.pdf
PDFTOTEXT = shutil.which("pdftotext")
WITH_PROGRAMS = EXAMPLES / "valid" / "minimal"  # quick wins and programs of both terms
BOOKS = ["analisis-kesiapan", "masterplan", "profil-quick-win-2025", "ringkasan-eksekutif", "roadmap"]
# An entry of Daftar Isi / Daftar Tabel: its text, a leader of dots, the page number at the end of the line.
ENTRY = re.compile(r"^\s*(\S.*?)\s*(?:\. ?){3,}\s*(\d+)\s*$")


@pytest.fixture(autouse=True)
def _tools() -> None:
    require(PDFTOTEXT is not None, "pdftotext (poppler-utils)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "out"
    code, stdout, stderr = smartplan("build", str(WITH_PROGRAMS), "--out", str(out), "--format", "pdf")
    assert (code, stderr) == (0, ""), stderr
    assert stdout.endswith(f"menulis 5 dokumen ke {out}\n")
    return out


def _pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    return text.split("\f")[:-1]


def _footer_number(page: str) -> str:
    return [line.strip() for line in page.splitlines() if line.strip()][-1]


def test_pdf_alone_writes_one_pdf_per_book_and_no_html(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == [".smartplan-build", *(f"{b}.pdf" for b in BOOKS)]
    assert all((built / f"{b}.pdf").read_bytes().startswith(b"%PDF-1.7") for b in BOOKS)


def test_contents_lists_give_the_page_where_each_heading_and_table_is(built: Path) -> None:
    pages = _pages(built / "masterplan.pdf")
    assert len(pages) > 10
    assert [_footer_number(p) for p in pages[:3]] == ["i", "ii", "iii"]  # front matter: cover, contents, lists
    first = next(i for i, page in enumerate(pages) if "BAB I\n" in page and "DAFTAR ISI" not in page)
    assert _footer_number(pages[first]) == "1"
    contents = [p for p in pages[:first] if "DAFTAR ISI" in p or "DAFTAR TABEL" in p]
    entries = _entries(contents)
    assert len(entries) > 30
    assert entries[0] == ("BAB I Pendahuluan", 1)
    for text, number in entries:
        shown = first + number - 1
        assert _footer_number(pages[shown]) == str(number), text
        # pdftotext lays a chapter heading out on two lines ("BAB I" above its title): look for the title.
        title = re.sub(r"^BAB [IVX]+ ", "", text)
        assert title.upper() in " ".join(pages[shown].upper().split()), f"{text!r} is not on page {number}"


def test_contents_give_the_roman_page_of_each_formal_part(built: Path) -> None:
    pages = _pages(built / "masterplan.pdf")
    contents = next(p for p in pages if "DAFTAR ISI" in p)
    front = [
        (m.group(1), m.group(2))
        for line in contents.splitlines()
        if (
            m := re.match(
                r"^\s*(Lembar Pengesahan|Kata Pengantar|Daftar Singkatan)\s*(?:\. ?){3,}\s*([ivx]+)\s*$", line
            )
        )
    ]
    assert [title for title, _ in front] == ["Lembar Pengesahan", "Kata Pengantar", "Daftar Singkatan"]
    footers = {_footer_number(page): page for page in pages}
    for title, number in front:
        assert title.upper() in footers[number].upper(), f"{title} is not on page {number}"


def test_bookmarks_metadata_and_language(built: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built / "masterplan.pdf")
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [b.title for b in top][:1] == ["Masterplan Smart City Kota Banjar 2025-2034"]
    chapters = [b.title for b in reader.outline[1] if not isinstance(b, list)]
    assert chapters[:2] == ["BAB I Pendahuluan", "BAB II Gambaran Umum dan Kondisi Eksisting"]
    assert reader.metadata is not None
    assert reader.metadata.title == "Masterplan Smart City Kota Banjar 2025-2034 – Kota Banjar"
    assert reader.metadata.author == "Pemerintah Kota Banjar"
    assert reader.trailer["/Root"]["/Lang"] == "id"
    assert reader.xmp_metadata is not None
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in reader.xmp_metadata.stream.get_data().decode()  # PDF/A-3b


def _entries(pages: list[str]) -> list[tuple[str, int]]:
    return [(m.group(1), int(m.group(2))) for page in pages for line in page.splitlines() if (m := ENTRY.match(line))]


def test_running_header_names_the_chapter_and_each_quick_win_has_a_page_of_its_own(built: Path) -> None:
    pages = _pages(built / "masterplan.pdf")
    first = next(i for i, page in enumerate(pages) if "BAB I\n" in page and "DAFTAR ISI" not in page)
    assert pages[first + 1].split()[:3] == ["BAB", "I", "Pendahuluan"]
    profiles = _pages(built / "profil-quick-win-2025.pdf")
    entries = _entries([p for p in profiles if "DAFTAR ISI" in p])
    assert [(text[:3], number) for text, number in entries] == [
        ("Qui", 1),
        ("1. ", 2),
        ("2. ", 3),
        ("3. ", 4),
        ("4. ", 5),
        ("5. ", 6),
        ("6. ", 7),
        ("Daf", 8),
    ]
    assert _footer_number(profiles[-1]) == "8"  # one page per profile: none spills onto a second


def test_two_pdf_builds_are_byte_identical(tmp_path: Path) -> None:
    minimal = EXAMPLES / "valid" / "minimal"
    for name in ("a", "b"):
        code, _, stderr = smartplan("build", str(minimal), "--out", str(tmp_path / name), "--format", "pdf", "-j", "1")
        assert (code, stderr) == (0, "")
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert len(first) == 6


def test_nothing_is_fetched_while_rendering(tmp_path: Path) -> None:
    """A picture in a file and a style sheet on a server are left out; WeasyPrint's own fetcher would take both."""
    import weasyprint

    from smartplan import copies

    picture = tmp_path / "dot.png"
    subprocess.run([sys.executable, "-c", _PNG, str(picture)], check=True)
    page = f'<html><body><p>x</p><img src="{picture.as_uri()}"><img src="http://127.0.0.1:9/y.png"></body></html>'
    assert b"/Subtype /Image" in weasyprint.HTML(string=page).write_pdf(uncompressed_pdf=True)  # the case is real
    made = copies.convert({"page.html": page.encode()}, ["pdf"], jobs=1)["page.pdf"]
    assert made.startswith(b"%PDF") and b"/Image" not in made


_PNG = "import sys; from PIL import Image; Image.new('RGB', (4, 4), 'red').save(sys.argv[1])"


def test_a_missing_library_is_one_line_naming_it(tmp_path: Path) -> None:
    """As on a machine without libpango: the library and its Debian package named, exit 2, no traceback."""
    script = (
        "import cffi, sys\n"
        "real = cffi.FFI.dlopen\n"
        "def dlopen(self, name, *args):\n"
        "    if 'pango' in str(name):\n"
        "        raise OSError(f\"cannot load library '{name}': {name}: cannot open shared object file\")\n"
        "    return real(self, name, *args)\n"
        "cffi.FFI.dlopen = dlopen\n"
        "from smartplan.__main__ import run\n"
        "sys.argv = ['smartplan', 'build', sys.argv[1], '--out', sys.argv[2], '--format', 'pdf']\n"
        "run()\n"
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", script, str(EXAMPLES / "valid" / "minimal"), str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "smartplan: error: cannot make the PDF files: the shared library 'libpango-1.0-0' is not installed\n"
        "hint: apt-get install libpango-1.0-0 (make system-deps does)\n"
    )
    assert result.stdout == ""
    assert not out.exists()
