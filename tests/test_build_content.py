"""What the built documents contain: every chapter of the outline, sums that add up, marked placeholders,
self-contained accessible HTML, and labels and formats from the catalogue."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from smartplan import api, tables
from smartplan.context import View
from smartplan.i18n import Language, load_messages
from smartplan.templating import builtin_templates
from tests.helpers import CHAPTERS, EXAMPLES, MINIMAL, REPO, smartplan


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("content") / "out"
    code, _, err = smartplan("build", str(MINIMAL), "--out", str(out))
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def view() -> View:
    plan, problems, _ = api.check(MINIMAL)
    assert problems == []
    code = "id"
    return View.of(plan, Language(code, load_messages([builtin_templates()], code)))


def test_money_numbers_and_dates_follow_the_locale() -> None:
    indonesian = Language("id", {})
    english = Language("en", {})
    assert indonesian.money(1_250_000_000) == "Rp1.250.000.000"
    assert english.money(1_250_000_000) == "Rp1,250,000,000"
    assert indonesian.date(date(2024, 7, 29)) == "29 Juli 2024"
    assert english.date(date(2024, 7, 29)) == "29 July 2024"
    assert indonesian.number(131.97) == "131,97"
    assert indonesian.number(206457) == "206.457"


def test_both_catalogues_have_the_same_labels_and_every_label_used_exists() -> None:
    folder = builtin_templates() / "messages"
    indonesian = yaml.safe_load((folder / "id.yaml").read_text())
    english = yaml.safe_load((folder / "en.yaml").read_text())
    assert set(indonesian) == set(english)
    used: set[str] = set()
    for template in builtin_templates().rglob("*.*"):
        used |= set(re.findall(r"""\bt\(["']([a-z0-9_]+)["']""", template.read_text()))
    for module in (REPO / "smartplan").glob("*.py"):
        used |= set(re.findall(r"""label\(["']([a-z0-9_]+)["']""", module.read_text()))
    prefixes = {key for key in used if key.endswith("_")}
    assert used - prefixes - set(indonesian) == set()
    for prefix in prefixes:  # t("status_" ~ action.status) and the like
        assert any(key.startswith(prefix) for key in indonesian), prefix


def test_budget_tables_add_up_to_every_budget_line(view: View) -> None:
    grand = sum(line.amount for action in view.actions for line in action.budget)
    assert grand == view.grand_total == 4_400_000_000

    def millions(cell: str) -> float:
        return 0.0 if cell == "–" else float(cell.replace(".", "").replace(",", "."))

    for table in tables.budget_tables(view):
        assert table.caption.endswith("(juta rupiah)")
        assert table.total is not None
        assert table.total[-1] == "4.400"
        for row in table.rows:  # each row total is the sum of its cells
            assert sum(millions(c) for c in row[1:-1]) == millions(row[-1])
        for n, total in enumerate(table.total[1:], start=1):  # each column total is the sum of its column
            assert sum(millions(r[n]) for r in table.rows) == millions(total)


def test_coverage_counts_every_element(view: View) -> None:
    table = tables.coverage(view)
    assert len(table.rows) == 18
    assert table.total == ["Jumlah", "6", "12", "6"]


def test_masterplan_has_every_chapter_of_the_outline(built: Path) -> None:
    text = (built / "masterplan.md").read_text()
    chapters = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert chapters == CHAPTERS
    for section in (
        "Dasar Hukum",
        "Analisis Kesiapan Daerah",
        "Analisis SWOT",
        "Keselarasan dengan Dokumen",
        "Program Jangka Menengah",
        "Program Jangka Panjang",
        "Monitoring dan Evaluasi",
        "Kelembagaan Smart City",
        "Rencana Pendanaan Indikatif",
    ):
        assert re.search(rf"^### \d\.\d {section}", text, flags=re.MULTILINE), section


def test_placeholder_figures_are_marked_and_explained(built: Path) -> None:
    html = (built / "masterplan.html").read_text()
    assert "Angka yang diberi tanda † bersumber dari estimasi tim penyusun" in html
    assert 'Rp350.000.000<sup class="ph" title="† angka ilustratif, menunggu konfirmasi OPD.">†</sup>' in html
    md = (built / "masterplan.md").read_text()
    assert "| Portal Layanan Publik Terpadu | Smart Governance | Diskominfo | Rp350.000.000† |" in md
    assert "† angka ilustratif, menunggu konfirmasi OPD." in md


def test_one_quick_win_book_per_year(built: Path) -> None:
    books = sorted(p.name for p in built.glob("profil-quick-win-*"))
    assert books == ["profil-quick-win-2025.html", "profil-quick-win-2025.md"]


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.th_without_scope = 0
        self.in_thead = False
        self.tags: set[str] = set()
        self.lang = ""
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in found:
            self.th_without_scope += 1
        if "id" in found:
            self.ids.append(found["id"] or "")
        if tag == "a":
            self.links.append(found.get("href") or "")


@pytest.mark.parametrize(
    "name", ["masterplan", "ringkasan-eksekutif", "analisis-kesiapan", "roadmap", "profil-quick-win-2025"]
)
def test_html_is_self_contained_and_accessible(built: Path, name: str) -> None:
    audit = _Audit()
    audit.feed((built / f"{name}.html").read_text())
    assert audit.lang == "id"
    assert audit.headings[0] == 1 and audit.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(audit.headings, audit.headings[1:], strict=False)), audit.headings
    assert audit.th_without_scope == 0
    assert not audit.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert len(audit.ids) == len(set(audit.ids)), "duplicate ids"
    for link in audit.links:
        assert link.startswith("#") and link[1:] in audit.ids or link.startswith(("https://", "http://", "mailto:"))


def test_english_documents_use_english_labels(tmp_path: Path) -> None:
    code, _, _ = smartplan("build", str(MINIMAL), "--out", str(tmp_path / "en"), "--lang", "en")
    assert code == 0
    html = (tmp_path / "en" / "masterplan.html").read_text()
    assert '<html lang="en">' in html
    assert '<span class="chapter-number">Chapter 1</span> Introduction</h2>' in html
    assert "31 October 2024" in html


def test_validate_does_not_import_the_rendering_libraries() -> None:
    # Babel's plural rules (babel.plural) word the report; its locale data, numbers and dates are for documents.
    heavy = "('jinja2', 'markdown_it', 'babel.numbers', 'babel.dates', 'smartplan.render')"
    script = (
        "import sys; from smartplan.cli import app\n"
        "try: app(['validate', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        f"print(sorted(m for m in {heavy} if m in sys.modules))"
    )
    command = [sys.executable, "-c", script, str(MINIMAL)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stdout.endswith("[]\n")


def test_readiness_ratings_are_counted(view: View) -> None:
    table = tables.readiness_summary(view)
    assert table.header == ["Aspek", "Baik", "Sedang", "Kurang", "Jumlah"]
    assert table.rows == [
        ["Struktur", "0", "1", "0", "1"],
        ["Infrastruktur", "0", "1", "0", "1"],
        ["Suprastruktur", "0", "0", "1", "1"],
    ]
    assert table.total == ["Jumlah", "0", "2", "1", "3"]


def test_each_indicator_is_traced_to_the_programs_aiming_at_it(view: View) -> None:
    rows = {row[0]: row for row in tables.monitoring(view).rows}
    assert rows["Indikator utama Smart Governance"][-1] == "Portal Layanan Publik Terpadu; Satu Data Kota Banjar"
    assert rows["Indikator utama Smart Branding"][-1] == "Promosi Investasi Daring"


def test_elements_without_any_program_are_named(tmp_path: Path) -> None:
    plan = Path(shutil.copytree(MINIMAL, tmp_path / "plan"))
    for name in ("prg-promosi-investasi", "prg-etpd", "prg-wajah-kota"):
        (plan / "programs" / f"{name}.yaml").unlink()
    loaded, _, _ = api.check(plan)
    note = tables.coverage(View.of(loaded, Language("id", load_messages([builtin_templates()], "id")))).note
    lead = "Elemen yang belum memiliki quick win maupun program: "
    assert note.startswith(lead + "Smart Branding: Ekosistem Bisnis Daerah; ")
    assert "Smart Governance" not in note  # its three elements each have a quick win or a program


def test_a_plan_covering_every_element_names_none(view: View) -> None:
    assert tables.coverage(view).note == ""


def test_tables_and_figures_are_numbered_and_listed(built: Path) -> None:
    html = (built / "masterplan.html").read_text()
    assert '<caption><span class="caption-number">Tabel 1.</span> Identitas wilayah</caption>' in html
    assert '<caption><span class="caption-number">Tabel 2.</span> Jumlah penduduk</caption>' in html
    assert '<li><a href="#table-population">Tabel 2. Jumlah penduduk</a></li>' in html
    assert '<figcaption><span class="caption-number">Gambar 1.</span> <span class="figure-title">' in html
    assert '<p class="toc-title">Daftar Gambar</p>' in html
    numbers = [int(n) for n in re.findall(r'<span class="caption-number">Tabel (\d+)\.</span>', html)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_an_edited_override_is_compiled_again_in_the_same_process(tmp_path: Path) -> None:
    plan = Path(shutil.copytree(EXAMPLES / "valid" / "minimal", tmp_path / "plan"))
    override = plan / "templates" / "md" / "roadmap.md"
    override.parent.mkdir(parents=True)
    for text in ("# Satu\n", "# Dua\n"):
        override.write_text(text)
        assert smartplan("build", str(plan), "--out", str(tmp_path / "out"), "--format", "md")[0] == 0
        assert (tmp_path / "out" / "roadmap.md").read_text() == text


def test_agency_matrix_counts_what_each_agency_leads_and_supports(view: View) -> None:
    table = tables.agencies(view)
    assert table.header == [
        "Perangkat daerah",
        "Governance",
        "Branding",
        "Economy",
        "Living",
        "Society",
        "Environment",
        "Jumlah",
    ]
    assert table.rows == [
        ["Diskominfo", "2 / 0", "1 / 0", "1 / 0", "1 / 0", "–", "–", "5 / 0"],
        ["Bappeda", "1 / 2", "2 / 0", "2 / 0", "–", "–", "–", "5 / 2"],
        ["Dinkes", "–", "–", "–", "1 / 0", "–", "–", "1 / 0"],
        ["Dishub", "–", "–", "–", "1 / 0", "1 / 0", "–", "2 / 0"],
        ["Disdik", "–", "–", "–", "–", "2 / 0", "–", "2 / 0"],
        ["DLH", "–", "–", "–", "–", "–", "3 / 0", "3 / 0"],
    ]


def test_ids_in_a_document_are_unique_whatever_the_plan_names_its_quick_wins(tmp_path: Path) -> None:
    """A quick win called like a chapter anchor ('background') must not break the contents links."""
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    old = plan / "quickwins" / "qw-2025-economy.yaml"
    (plan / "quickwins" / "background.yaml").write_text(
        old.read_text().replace("id: qw-2025-economy", "id: background")
    )
    old.unlink()
    code, _, err = smartplan("build", str(plan), "--out", str(tmp_path / "out"), "--format", "html")
    assert (code, err) == (0, "")
    for page in sorted((tmp_path / "out").glob("*.html")):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text())
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], page.name
