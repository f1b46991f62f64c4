"""Front and back matter of every book: Lembar Pengesahan, Kata Pengantar, Daftar Singkatan, Daftar Pustaka."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest

from smartplan.context import View
from smartplan.i18n import Language
from smartplan.models import Agency, FundingSource, Term
from tests.helpers import EXAMPLES, smartplan

MINIMAL = EXAMPLES / "valid" / "minimal"
# The executive summary, a brief of 4-6 pages, leaves the formal parts to the masterplan it summarises.
BOOKS = ["analisis-kesiapan", "masterplan", "profil-quick-win-2025", "roadmap"]


def _build(plan: Path, out: Path, *args: str) -> tuple[int, str]:
    code, stdout, stderr = smartplan("build", str(plan), "--out", str(out), *args)
    assert stderr == ""
    return code, stdout


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_brief_points_to_the_masterplan_for_its_formal_parts(tmp_path: Path) -> None:
    assert _build(MINIMAL, tmp_path / "out")[0] == 0
    for fmt in ("html", "md"):
        brief = (tmp_path / "out" / f"ringkasan-eksekutif.{fmt}").read_text()
        assert "Lembar Pengesahan" not in brief and "Kata Pengantar" not in brief
        assert (
            "Lembar pengesahan, kata pengantar, daftar singkatan dan daftar pustaka ringkasan ini adalah milik"
            " Masterplan, buku yang diringkasnya."
        ) in brief


def test_every_book_opens_with_the_approval_sheet_and_foreword(tmp_path: Path) -> None:
    assert _build(MINIMAL, tmp_path / "out")[0] == 0
    for book in BOOKS:
        page = (tmp_path / "out" / f"{book}.html").read_text()
        front = _text(page[page.index("</header>") : page.index('<nav class="toc"')])
        assert front == (
            "Lembar Pengesahan Dokumen Masterplan Smart City Kota Banjar 2025-2034 telah diperiksa dan disahkan oleh:"
            " Kepala Dinas Komunikasi dan Informatika Kota Banjar (.......................................)"
            " Wali Kota Banjar (.......................................)"
            " Kata Pengantar Masterplan ini disusun sebagai pedoman pembangunan kota cerdas Kota Banjar."
            " Wali Kota Banjar (.......................................)"
        ), book
        singkatan = page[page.index('<section class="front abbreviations"') : page.index("<main>")]
        assert _text(singkatan) == (
            "Daftar Singkatan Bappeda Badan Perencanaan Pembangunan Daerah"
            " Dinkes Dinas Kesehatan Disdik Dinas Pendidikan Dishub Dinas Perhubungan"
            " Diskominfo Dinas Komunikasi dan Informatika DLH Dinas Lingkungan Hidup"
            " SPBE Sistem Pemerintahan Berbasis Elektronik"
        ), book
        markdown = (tmp_path / "out" / f"{book}.md").read_text()
        assert "**Lembar Pengesahan**" in markdown and "**Kata Pengantar**" in markdown
        assert "- **SPBE**: Sistem Pemerintahan Berbasis Elektronik" in markdown


def test_daftar_pustaka_closes_the_books_without_a_sources_appendix(tmp_path: Path) -> None:
    assert _build(MINIMAL, tmp_path / "out")[0] == 0
    roadmap = (tmp_path / "out" / "roadmap.html").read_text()
    back = roadmap[roadmap.index('<h2 id="bibliography">') : roadmap.index("</main>")]
    assert _text(back) == (
        "Daftar Pustaka Estimasi tim penyusun, menunggu konfirmasi perangkat daerah . † BPS Kota Banjar."
        " Kota Banjar Dalam Angka ."
    )
    markdown = (tmp_path / "out" / "roadmap.md").read_text()
    assert markdown.endswith(
        "## Daftar Pustaka\n\n1. *Estimasi tim penyusun, menunggu konfirmasi perangkat daerah*.†\n"
        "2. BPS Kota Banjar. *Kota Banjar Dalam Angka*.\n"
    )
    assert '<a href="#bibliography">Daftar Pustaka</a>' in roadmap  # listed in Daftar Isi
    masterplan = (tmp_path / "out" / "masterplan.html").read_text()
    assert 'id="bibliography"' not in masterplan and 'id="table-sources"' in masterplan


def test_missing_parts_are_placeholders_and_warnings(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    text = (plan / "plan.yaml").read_text()
    (plan / "plan.yaml").write_text(text[: text.index("head_of_region:")])
    code, stdout = _build(plan, tmp_path / "out", "--format", "both")
    assert code == 0
    warnings = [line.split(": ", 1)[1] for line in stdout.splitlines() if "peringatan[" in line]
    assert warnings == [
        "peringatan[no-approval]: approval: belum ada penanda tangan Lembar Pengesahan; buku menampilkan tempat"
        " kosong (tambahkan 'approval:' dengan jabatan (dan nama, bila sudah diketahui) setiap penanda tangan)",
        "peringatan[no-foreword]: foreword: belum ada Kata Pengantar yang ditandatangani kepala daerah; buku"
        " menampilkan tempat kosong (tambahkan 'foreword:' (teksnya) dan 'head_of_region:' (jabatan, nama) ke"
        " plan.yaml)",
    ]
    page = (tmp_path / "out" / "masterplan.html").read_text()
    assert re.findall(r'<p class="placeholder">([^<]*)</p>', page) == [
        "[Pejabat yang mengesahkan belum diisi: tambahkan &#39;approval&#39; pada plan.yaml.]",
        "[Kata Pengantar belum diisi: tambahkan &#39;foreword&#39; dan &#39;head_of_region&#39; pada plan.yaml.]",
    ]
    markdown = (tmp_path / "out" / "masterplan.md").read_text()
    assert "*\\[Pejabat yang mengesahkan belum diisi: tambahkan 'approval' pada plan.yaml.\\]*\n" in markdown
    assert (
        "*\\[Kata Pengantar belum diisi: tambahkan 'foreword' dan 'head\\_of\\_region' pada plan.yaml.\\]*\n"
        in markdown
    )
    assert smartplan("validate", "--strict", str(plan))[0] == 1


def test_english_labels(tmp_path: Path) -> None:
    assert _build(MINIMAL, tmp_path / "out", "--lang", "en", "--format", "html")[0] == 0
    page = (tmp_path / "out" / "roadmap.html").read_text()
    for label in ("Approval Sheet", "Foreword", "List of Abbreviations", '<h2 id="bibliography">References</h2>'):
        assert label in page


def test_abbreviations_each_once_in_alphabetical_order() -> None:
    view = _view(
        agencies=[
            Agency(id="a", name="Dinas Komunikasi dan Informatika", short_name="Diskominfo"),
            Agency(id="b", name="Bappeda"),  # no short name: nothing to spell out
            Agency(id="c", name="Badan Perencanaan Pembangunan Daerah", short_name="bappeda"),
        ],
        funding=[
            FundingSource(id="f", name="APBD Kota Banjar", short_name="APBD Kota"),
            FundingSource(id="g", name="CSR", short_name="CSR"),  # the same as its name
        ],
        glossary=[
            Term(term="SPBE", meaning="Sistem Pemerintahan Berbasis Elektronik"),
            Term(term="DISKOMINFO", meaning="x"),
        ],
    )
    assert view.abbreviations == [
        ("APBD Kota", "APBD Kota Banjar"),
        ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
        ("Diskominfo", "Dinas Komunikasi dan Informatika"),
        ("SPBE", "Sistem Pemerintahan Berbasis Elektronik"),
    ]


def _view(agencies: list[Agency], funding: list[FundingSource], glossary: list[Term]) -> View:
    from smartplan.api import check

    plan, problems, _ = check(MINIMAL)
    assert plan.plan is not None and problems == []
    model = plan.plan.model.model_copy(update={"agencies": agencies, "funding_sources": funding, "glossary": glossary})
    return View(model, Language("id", {}), (), (), ())


def test_budget_by_source_columns_use_short_names(tmp_path: Path) -> None:
    """Long funding-source names broke mid-word in narrow column headers ("termasu k"); the short names fit."""
    assert _build(Path("plans/banjar").resolve(), tmp_path / "out", "--format", "html")[0] == 0
    page = (tmp_path / "out" / "masterplan.html").read_text()
    table = page[page.index('id="table-budget-dimension-source"') :]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table[: table.index("</thead>")])
    assert header == [
        "Dimensi",
        "APBD Kota",
        "APBD Provinsi",
        "APBN/DAK",
        "CSR",
        "Hibah",
        "Jumlah",
    ]


def _with_emblem(tmp_path: Path, name: str, data: bytes | None, link_to: Path | None = None) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    text = (plan / "plan.yaml").read_text()
    (plan / "plan.yaml").write_text(
        text.replace("  established: 2003-02-21\n", f"  established: 2003-02-21\n  emblem: {name}\n")
    )
    if link_to is not None:
        (plan / name).symlink_to(link_to)
    elif data is not None:
        (plan / name).write_bytes(data)
    return plan


def _picture(kind: str, size: tuple[int, int]) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(out, format=kind)
    return out.getvalue()


@pytest.mark.parametrize(("name", "kind", "media"), [("lambang.png", "PNG", "png"), ("lambang.jpg", "JPEG", "jpeg")])
def test_the_emblem_is_embedded_on_every_cover(tmp_path: Path, name: str, kind: str, media: str) -> None:
    picture = _picture(kind, (120, 140))
    plan = _with_emblem(tmp_path, name, picture)
    assert _build(plan, tmp_path / "out", "--format", "html")[0] == 0
    encoded = base64.b64encode(picture).decode()
    expected = f'<img class="cover-emblem" src="data:image/{media};base64,{encoded}" alt="Lambang Kota Banjar">'
    for book in BOOKS:
        page = (tmp_path / "out" / f"{book}.html").read_text()
        assert page.index(expected) < page.index("<h1>"), book


@pytest.mark.parametrize(("name", "kind", "media"), [("lambang.png", "PNG", "png"), ("lambang.jpg", "JPEG", "jpeg")])
def test_the_emblem_heads_the_markdown_and_word_copies(tmp_path: Path, name: str, kind: str, media: str) -> None:
    from docx import Document

    picture = _picture(kind, (120, 140))
    plan = _with_emblem(tmp_path, name, picture)
    assert _build(plan, tmp_path / "out", "--format", "md,docx")[0] == 0
    encoded = base64.b64encode(picture).decode()
    markdown = (tmp_path / "out" / "roadmap.md").read_text()
    assert markdown.splitlines()[2] == f"![Lambang Kota Banjar](data:image/{media};base64,{encoded}){{width=96px}}"
    without = _build(MINIMAL, tmp_path / "plain", "--format", "docx")[0]
    assert without == 0
    shapes = len(Document(str(tmp_path / "out" / "roadmap.docx")).inline_shapes)
    assert shapes == len(Document(str(tmp_path / "plain" / "roadmap.docx")).inline_shapes) + 1
    first = Document(str(tmp_path / "out" / "roadmap.docx")).inline_shapes[0]
    assert first._inline.docPr.get("descr") == "Lambang Kota Banjar"


def test_the_emblem_is_in_the_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    plan = _with_emblem(tmp_path, "lambang.png", _picture("PNG", (120, 140)))
    assert _build(plan, tmp_path / "out", "--format", "pdf")[0] == 0
    cover = PdfReader(tmp_path / "out" / "roadmap.pdf").pages[0]
    assert [(image.image.width, image.image.height) for image in cover.images] == [(120, 140)]


def test_an_emblem_that_links_out_of_the_plan_is_refused(tmp_path: Path) -> None:
    plan = _with_emblem(tmp_path, "lambang.png", None, link_to=Path("/etc/hostname"))
    code, stdout, _ = smartplan("validate", "--lang", "en", str(plan))
    assert code == 1
    assert "error[emblem-unreadable]: city.emblem: cannot read lambang.png: a symbolic link (give a PNG" in stdout
    code, stdout, _ = smartplan("validate", str(plan))
    assert "kesalahan[emblem-unreadable]: city.emblem: lambang.png tidak dapat dibaca: berupa tautan simbolik" in stdout


def test_an_emblem_name_cannot_leave_the_plan_folder(tmp_path: Path) -> None:
    plan = _with_emblem(tmp_path, "../secret.png", None)
    code, stdout, _ = smartplan("validate", str(plan))
    assert code == 1 and "city.emblem" in stdout and "emblem-unreadable" not in stdout
