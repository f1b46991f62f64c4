"""Flaws found by reading the built books, each with the check that would have caught it (issue 16)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from smartplan.i18n import Language, places, title_case, unnested
from tests.helpers import EXAMPLES, REPO, smartplan

MINIMAL = EXAMPLES / "valid" / "minimal"
WITH_PROGRAMS = EXAMPLES / "valid" / "minimal"  # quick wins and programs of both terms


@pytest.fixture(scope="module")
def banjar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("polish") / "banjar"
    code, _, err = smartplan("build", str(REPO / "plans" / "banjar"), "--out", str(out), "--format", "html")
    assert (code, err) == (0, "")
    return out


def _copy(plan: Path, into: Path) -> Path:
    shutil.copytree(plan, into / "plan")
    return into / "plan"


def _build(plan: Path, out: Path) -> Path:
    code, _, err = smartplan("build", str(plan), "--out", str(out))
    assert (code, err) == (0, "")
    return out


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _table(page: str, key: str) -> str:
    start = page.index(f'id="table-{key}"')
    return page[start : page.index("</table>", start)]


def _cells(row: str) -> list[str]:
    return [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]


def test_an_action_without_budget_is_not_budgeted_rather_than_rp0(tmp_path: Path) -> None:
    plan = _copy(MINIMAL, tmp_path)
    quickwin = plan / "quickwins" / "qw-2025-branding.yaml"
    text = quickwin.read_text()
    quickwin.write_text(text[: text.index("budget:")] + text[text.index("source:") :])
    out = _build(plan, tmp_path / "out")
    for name in ("masterplan.html", "masterplan.md", "profil-quick-win-2025.html", "roadmap.md"):
        book = (out / name).read_text()
        assert "Rp0" not in book, name
        assert "belum dianggarkan" in book, name
    profile = (out / "profil-quick-win-2025.html").read_text()
    row = re.search(r"<tr><th scope=\"row\"><a href=\"#heading-action-qw-2025-branding\">.*?</tr>", profile)
    assert row is not None and _cells(row.group(0))[-1] == "belum dianggarkan †"  # † a superscript


def test_every_captioned_table_is_numbered_and_listed(banjar: Path) -> None:
    """'Identitas wilayah' and 'Inisiatif digital yang sudah berjalan' had no number and were not in Daftar Tabel."""
    for path in sorted(banjar.glob("*.html")):
        page = path.read_text()
        outside_profiles = re.sub(r'<section class="profile".*?</section>', "", page, flags=re.DOTALL)
        captions = re.findall(r"<caption>(.*?)</caption>", outside_profiles, re.DOTALL)
        unnumbered = [_text(c) for c in captions if 'class="caption-number"' not in c]
        assert unnumbered == [], path.name
        listed = re.findall(r'<li><a href="#(table-[^"]+)">', page)
        numbered = re.findall(r'<table[^>]* id="(table-[^"]+)">\s*<caption><span class="caption-number">', page)
        assert listed == numbered or not listed, path.name  # books of fewer than five tables have no list
    masterplan = (banjar / "masterplan.html").read_text()
    assert '<a href="#table-region">Tabel 1. Identitas wilayah</a>' in masterplan
    assert "Inisiatif digital yang sudah berjalan</a>" in masterplan


def test_every_figure_of_an_indicator_has_the_same_decimals(banjar: Path) -> None:
    """'4' stood next to '3,9' in one row: an indicator has one precision."""
    page = (banjar / "masterplan.html").read_text()
    rows = 0
    for key in re.findall(r'id="table-(indicators-[a-z]+)"', page):
        for row in re.findall(r"<tbody>.*?</tbody>", _table(page, key), re.DOTALL):
            for line in re.findall(r"<tr>(.*?)</tr>", row, re.DOTALL):
                figures = [re.sub(r"\(\d{4}\)|†", "", c).strip() for c in _cells(line)[1:] if c != "–"]
                decimals = {len(f.split(",")[1]) if "," in f else 0 for f in figures}
                assert len(decimals) <= 1, _cells(line)
                rows += 1
    assert rows > 20
    assert places([3.9, 4.0, 71.7]) == 1 and places([71.75, 1]) == 2 and places([4, 5]) == 0
    assert places([1 / 3]) == 2 and places([float("inf"), 2.5]) == 1
    assert Language("id", {}).fixed(4, 1) == "4,0" and Language("en", {}).fixed(71.7, 2) == "71.70"


def test_no_parentheses_inside_parentheses(banjar: Path) -> None:
    """'(indeks (skala 0-5))' in captions and table rows: the unit's own parentheses become a comma."""
    for path in sorted(banjar.glob("*.html")):
        text = _text(path.read_text().split("</style>", 1)[1])
        assert re.findall(r"\([^()]*\(", text) == [], path.name
    assert unnested("indeks (skala 0-5)") == "indeks, skala 0-5"
    assert unnested("(persen)") == "persen"
    assert unnested("persen") == "persen"


def test_the_mark_never_parts_from_its_figure(banjar: Path) -> None:
    """In ten-year tables the † wrapped onto a line of its own: it is written against the figure, no space between."""
    page = (banjar / "masterplan.html").read_text()
    figures = re.findall(r'<td[^>]*>([^<]*)<sup class="ph"', page)
    assert len(figures) > 50
    assert [f for f in figures if not f or f[-1].isspace()] == []
    assert re.findall(r"<td[^>]*>[^<]*\s†", page) == []


def test_section_headings_are_in_title_case(banjar: Path) -> None:
    headings = re.findall(r'<h3 id="profile-\d+">([^<]*)</h3>', (banjar / "masterplan.html").read_text())
    assert "2.4 Letak dan Kedudukan Wilayah" in headings  # written "Letak dan kedudukan wilayah" in plan.yaml
    assert "2.8 Kondisi Eksisting Teknologi Informasi dan Komunikasi" in headings
    assert title_case("layanan e-KTP dan SPBE di kota") == "Layanan e-KTP dan SPBE di Kota"
    assert title_case("dan lain-lain") == "Dan Lain-lain"


def test_indicator_charts_have_a_value_axis_and_no_label_past_the_edge(banjar: Path) -> None:
    """'20.00…': the last figure, centred on its point, ran past the chart's right edge; and there was no value axis."""
    page = (banjar / "masterplan.html").read_text()
    charts = re.findall(r'<svg [^>]*viewBox="0 0 (\d+) \d+".*?</svg>', page, re.DOTALL)
    svgs = re.findall(r'<svg [^>]*viewBox="0 0 \d+ \d+".*?</svg>', page, re.DOTALL)
    indicator_charts = [(int(w), svg) for w, svg in zip(charts, svgs, strict=True) if 'class="axis"' in svg]
    assert len(indicator_charts) >= 20
    for width, svg in indicator_charts:
        assert len(re.findall(r'class="axis"', svg)) in (1, 2)
        for x, anchor, escaped in re.findall(
            r'<text x="([\d.-]+)" y="[\d.-]+" text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg
        ):
            text = html.unescape(escaped)
            extent = 6.5 * len(text)  # DejaVu Sans at 11 px: digits and most letters are under 7 px wide
            left = {"start": float(x), "middle": float(x) - extent / 2, "end": float(x) - extent}[anchor]
            assert left >= 0 and left + extent <= width, f"'{text}' at {x} ({anchor}) leaves a chart {width} wide"


@pytest.mark.parametrize("plan", [REPO / "plans" / "banjar", WITH_PROGRAMS], ids=["banjar", "with-programs"])
def test_the_road_map_legend_names_only_signs_the_matrix_uses(plan: Path, tmp_path: Path) -> None:
    page = (_build(plan, tmp_path / "out") / "masterplan.html").read_text()  # BAB VII's program matrix
    table = _table(page, "program-year")
    cells = [c for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL) for c in _cells(row)[1:]]
    note = _text(page[page.index("</table>", page.index('id="table-program-year"')) :].split("</p>", 1)[0])
    assert ("●" in note) == ("●" in cells)
    assert ("angka = anggaran" in note) == any(re.fullmatch(r"[\d.,]+", c) for c in cells)


def test_budget_lines_in_year_order(tmp_path: Path) -> None:
    """A profile listed the budget years as the YAML happened to order them."""
    plan = _copy(WITH_PROGRAMS, tmp_path)
    program = plan / "programs" / "satu-data.yaml"
    text = program.read_text()
    first = "  - year: 2025\n    amount: 250000000\n    funding: apbd-kota\n"
    head, rest = text.split("budget:\n", 1)
    body, tail = rest.replace(first, "", 1).split("source: estimasi-opd", 1)
    program.write_text(f"{head}budget:\n{body}{first}source: estimasi-opd{tail}")
    assert program.read_text().index("year: 2026") < program.read_text().index("year: 2025")
    out = _build(plan, tmp_path / "out")
    for name, pattern in (("masterplan.html", r"<li>(\d{4}): Rp"), ("masterplan.md", r"\n- (\d{4}): Rp")):
        book = (out / name).read_text()
        start = book.index("Satu Data", book.index("satu-data") if name.endswith(".html") else 0)
        years = re.findall(pattern, book[start : start + 4000])[:2]
        assert years == ["2025", "2026"], name


def test_an_agency_without_short_name_is_named_not_shown_by_id(tmp_path: Path) -> None:
    plan = _copy(MINIMAL, tmp_path)
    text = (plan / "plan.yaml").read_text()
    (plan / "plan.yaml").write_text(text.replace("    short_name: Bappeda\n", ""))
    page = (_build(plan, tmp_path / "out") / "masterplan.html").read_text()
    rows = [_cells(r) for r in re.findall(r"<tr>(.*?)</tr>", _table(page, "agency-list"), re.DOTALL)][1:]
    assert rows == [
        ["Diskominfo", "Dinas Komunikasi dan Informatika"],
        ["Badan Perencanaan Pembangunan Daerah", "Badan Perencanaan Pembangunan Daerah"],
        ["Dinkes", "Dinas Kesehatan"],
        ["Dishub", "Dinas Perhubungan"],
        ["Disdik", "Dinas Pendidikan"],
        ["DLH", "Dinas Lingkungan Hidup"],
    ]


def test_districts_of_different_years_are_not_summed(tmp_path: Path) -> None:
    plan = _copy(MINIMAL, tmp_path)
    text = (plan / "plan.yaml").read_text()
    second = (
        "    - name: Purwaharja\n      area_km2: 18.27\n      villages: 4\n      kelurahan: 2\n"
        "      population: 25180\n      population_year: 2020\n      source: estimasi-opd\n"
    )
    (plan / "plan.yaml").write_text(
        text.replace("      source: bps-banjar\nreadiness:", f"      source: bps-banjar\n{second}readiness:")
    )
    page = (_build(plan, tmp_path / "out") / "masterplan.html").read_text()
    rows = [_cells(r) for r in re.findall(r"<tr>(.*?)</tr>", _table(page, "districts"), re.DOTALL)]
    assert rows[0][-1] == "Penduduk"
    assert rows[1:] == [
        ["Banjar", "26,24", "7", "3", "59.940 (2023)"],
        ["Purwaharja", "18,27", "4", "2", "25.180 (2020) †"],  # the † a superscript against the figure
        ["Jumlah", "44,51", "11", "5", "–"],
    ]
    note = page[page.index("</table>", page.index('id="table-districts"')) :].split("</p>", 1)[0]
    assert "Jumlah penduduk tidak dijumlahkan: angka tiap kecamatan berasal dari tahun yang berbeda" in note
    one_year = (_build(MINIMAL, tmp_path / "same") / "masterplan.html").read_text()
    same = [_cells(r) for r in re.findall(r"<tr>(.*?)</tr>", _table(one_year, "districts"), re.DOTALL)]
    assert same[0][-1] == "Penduduk (2023)" and same[-1][-1] == "59.940"
