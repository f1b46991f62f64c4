"""The Markdown documents through pandoc, as an office turns them into Word: headings and tables survive."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CHAPTERS, EXAMPLES, lay_out, require, smartplan

PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.pandoc


@pytest.fixture(autouse=True)
def _pandoc() -> None:
    require(PANDOC is not None, "pandoc")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pandoc") / "out"
    code, _, err = smartplan("build", str(EXAMPLES / "valid" / "minimal"), "--out", str(out), "--format", "md")
    assert (code, err) == (0, "")
    return out


def _blocks(path: Path) -> list[dict[str, Any]]:
    assert PANDOC is not None
    result = subprocess.run([PANDOC, "--to", "json", str(path)], capture_output=True, check=True, timeout=60)
    blocks: list[dict[str, Any]] = json.loads(result.stdout)["blocks"]
    return blocks


def _text(inlines: list[dict[str, Any]]) -> str:
    parts = []
    for item in inlines:
        if item["t"] == "Str":
            parts.append(item["c"])
        elif item["t"] in ("Space", "SoftBreak"):
            parts.append(" ")
        elif item["t"] in ("Strong", "Emph"):
            parts.append(_text(item["c"]))
    return "".join(parts)


def test_masterplan_headings_and_tables_survive(built: Path) -> None:
    blocks = _blocks(built / "masterplan.md")
    headings = [(b["c"][0], _text(b["c"][2])) for b in blocks if b["t"] == "Header"]
    chapters = [text for level, text in headings if level == 2]
    assert chapters == CHAPTERS
    assert headings[0] == (1, "Masterplan Smart City Kota Banjar 2025-2034")
    levels = [level for level, _ in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), "a heading level is skipped"
    tables = [b for b in blocks if b["t"] == "Table"]
    assert "Satu Data Kota Banjar" in [text for level, text in headings if level == 4]
    assert len(tables) >= 20
    captions = [_text(t["c"][1][1][0]["c"]) for t in tables if t["c"][1][1]]
    assert "Anggaran indikatif per dimensi dan tahun (juta rupiah)" in captions
    assert "Matriks program per tahun" in captions


@pytest.mark.parametrize("name", ["ringkasan-eksekutif", "analisis-kesiapan", "roadmap", "profil-quick-win-2025"])
def test_companion_books_convert_to_docx(built: Path, name: str, tmp_path: Path) -> None:
    assert PANDOC is not None
    docx = tmp_path / f"{name}.docx"
    subprocess.run([PANDOC, str(built / f"{name}.md"), "-o", str(docx)], check=True, timeout=60, capture_output=True)
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert 'w:val="Heading1"' in body and 'w:val="Heading2"' in body
    assert "<w:tbl>" in body
    assert "Kota Banjar" in body
    levels = [b["c"][0] for b in _blocks(built / f"{name}.md") if b["t"] == "Header"]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), "a heading level is skipped"


def test_evaluation_report_converts_to_docx(tmp_path: Path) -> None:
    assert PANDOC is not None
    out = tmp_path / "out"
    plan = EXAMPLES / "valid" / "with-monitoring"
    assert smartplan("build", str(plan), "--out", str(out), "--format", "md")[0] == 0
    blocks = _blocks(out / "laporan-evaluasi-2025.md")
    headings = [(b["c"][0], _text(b["c"][2])) for b in blocks if b["t"] == "Header"]
    assert [text for level, text in headings if level == 2] == [
        "BAB I Ringkasan Capaian",
        "BAB II Capaian per Dimensi",
        "BAB III Quick Win dan Program",
        "BAB IV Serapan Anggaran",
        "BAB V Indikator Tanpa Data",
        "Lampiran A. Metode Penilaian Capaian",
        "Daftar Pustaka",
    ]
    levels = [level for level, _ in headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), "a heading level is skipped"
    tables = [b for b in blocks if b["t"] == "Table"]
    captions = [_text(t["c"][1][1][0]["c"]) for t in tables if t["c"][1][1]]
    assert captions[0] == "Kartu skor capaian indikator per dimensi, tahun 2025"
    assert len(tables) == 1 + 6 + 1 + 3 + 1  # scorecard, a table per dimension, actions, absorption, no data
    docx = tmp_path / "laporan-evaluasi-2025.docx"
    subprocess.run([PANDOC, str(out / "laporan-evaluasi-2025.md"), "-o", str(docx)], check=True, timeout=60)
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "<w:tbl>" in body and "Berita acara serah terima portal layanan publik" in body


@pytest.mark.parametrize("name", ["ringkasan-eksekutif", "analisis-kesiapan", "roadmap", "masterplan"])
def test_the_new_parts_survive_pandoc(tmp_path: Path, name: str) -> None:
    """Every table the four books gained from the optional fields reads back as a table with its caption."""
    plan = lay_out(EXAMPLES / "valid" / "four-books", tmp_path)
    out = tmp_path / "out"
    assert smartplan("build", str(plan), "--out", str(out), "--format", "md")[0] == 0
    text = (out / f"{name}.md").read_text()
    tables = [b for b in _blocks(out / f"{name}.md") if b["t"] == "Table"]
    captions = [_text(t["c"][1][1][0]["c"]) for t in tables if t["c"][1][1]]
    assert len(captions) == text.count("\nTable: ")  # each captioned table read back as one
    expected = {
        "ringkasan-eksekutif": "Keputusan yang ditunggu",
        "analisis-kesiapan": "Skor quick win menurut kriteria pemilihan",
        "roadmap": "Jalur kritis",
        "masterplan": "Penelusuran dari dokumen perencanaan ke masterplan",
    }[name]
    assert expected in captions
