"""`smartplan diff` in the reader's language: Indonesian reports, which language is chosen, errors in both."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from smartplan.diff.changes import Diff, FieldChange, IndicatorChange, ItemChange, Total
from smartplan.diff.comparing import Comparison
from smartplan.diff.labels import AXIS_LABELS, FIELD_LABELS, KIND_LABELS, MONITORING_LABELS, VALUE_LABELS
from smartplan.diff.report import report_text
from smartplan.i18n import builtin_templates
from tests.helpers import DIFF_PLAN as PLAN
from tests.helpers import REPO, commit, edit, git, smartplan

CHANGES_ID = """\
membandingkan v1:plans/kota dengan v2:plans/kota
total anggaran (Rp): 4.400.000.000 → 4.400.000.000 (+0)
  per tahun:
    2026: 1.050.000.000 → 750.000.000 (-300.000.000)
    2027: 1.000.000.000 → 1.300.000.000 (+300.000.000)
  per sumber dana:
    APBD Kota Banjar: 4.400.000.000 → 4.300.000.000 (-100.000.000)
    APBD Provinsi: 0 → 100.000.000 (+100.000.000)
sumber dana apbd-provinsi ditambahkan: APBD Provinsi
quick win qw-2025-economy diubah: Quick win economy 2025
  Anggaran per tahun butir 1 › Sumber dana: "apbd-kota" → "apbd-provinsi"
program dasbor-pimpinan berganti id (semula dasbor-kota): Dasbor Kota Cerdas
program satu-data diubah: Satu Data <b>@warga</b> | *x*
  Nama: "Satu Data Kota Banjar" → "Satu Data <b>@warga</b> | *x*"
  Anggaran per tahun butir 2 › Tahun: 2026 → 2027
indikator governance-1: Indikator utama Smart Governance
  target 2026: 60 → 65
4 butir berbeda: 1 ditambahkan, 2 diubah, 1 berganti id, 1 indikator dengan baseline atau target baru
"""

CHANGES_ID_MARKDOWN = """\
### Perubahan masterplan: v1:plans/kota → v2:plans/kota

**4 butir berbeda: 1 ditambahkan, 2 diubah, 1 berganti id, 1 indikator dengan baseline atau target baru**

| anggaran (Rp) | sebelum | sesudah | selisih |
|---|--:|--:|--:|
| 2026 (per tahun) | 1.050.000.000 | 750.000.000 | -300.000.000 |
| 2027 (per tahun) | 1.000.000.000 | 1.300.000.000 | +300.000.000 |
| APBD Kota Banjar (per sumber dana) | 4.400.000.000 | 4.300.000.000 | -100.000.000 |
| APBD Provinsi (per sumber dana) | 0 | 100.000.000 | +100.000.000 |
| **jumlah** | 4.400.000.000 | 4.400.000.000 | +0 |

<details><summary>Butir (4)</summary>

- sumber dana apbd-provinsi ditambahkan: APBD Provinsi
- quick win qw-2025-economy diubah: Quick win economy 2025
  - Anggaran per tahun butir 1 › Sumber dana: "apbd-kota" → "apbd-provinsi"
- program dasbor-pimpinan berganti id (semula dasbor-kota): Dasbor Kota Cerdas
- program satu-data diubah: Satu Data \\<b\\>\\@warga\\</b\\> \\| \\*x\\*
  - Nama: "Satu Data Kota Banjar" → "Satu Data \\<b\\>\\@warga\\</b\\> \\| \\*x\\*"
  - Anggaran per tahun butir 2 › Tahun: 2026 → 2027

</details>

<details><summary>Indikator (1)</summary>

- governance-1: Indikator utama Smart Governance
  - target 2026: 60 → 65

</details>
"""


@pytest.mark.parametrize("lang", [[], ["--lang", "id"], ["--lang", "ID"]])
def test_the_changes_in_indonesian_the_plans_language(repo: Path, lang: list[str]) -> None:
    code, out, err = smartplan("diff", *lang, "v1", "v2", PLAN)
    assert (code, err) == (0, "")
    assert out == CHANGES_ID


def test_the_changes_in_indonesian_markdown(repo: Path) -> None:
    code, out, err = smartplan("diff", "v1", "v2", PLAN, "--format", "markdown")
    assert (code, err) == (0, "")
    assert out == CHANGES_ID_MARKDOWN


def test_the_indonesian_markdown_is_a_table_and_folded_lists(repo: Path) -> None:
    _, out, _ = smartplan("diff", "v1", "v2", PLAN, "--format", "markdown")
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(out)
    cells = [t.children[0].content if t.children else "" for t in tokens if t.type == "inline"]
    assert [t.type for t in tokens if t.type in ("table_open", "table_close")] == ["table_open", "table_close"]
    header = cells[cells.index("anggaran (Rp)") : cells.index("anggaran (Rp)") + 4]
    assert header == ["anggaran (Rp)", "sebelum", "sesudah", "selisih"]
    rows = sum(1 for t in tokens if t.type == "tr_open")
    assert rows == 1 + 5  # the header, four totals that moved and the grand total
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert "<td><strong>jumlah</strong></td>" in html
    assert html.count("<details>") == html.count("</details>") == 2
    assert "<li>program satu-data diubah: Satu Data &lt;b&gt;@warga&lt;/b&gt; | *x*\n<ul>" in html
    assert "<li>Anggaran per tahun butir 2 › Tahun: 2026 → 2027</li>" in html
    assert "<b>" not in html  # the plan's text stays text


def test_the_json_report_is_the_same_in_either_language(repo: Path) -> None:
    english = smartplan("diff", "--lang", "en", "v1", "v2", PLAN, "--format", "json")
    assert smartplan("diff", "--lang", "id", "v1", "v2", PLAN, "--format", "json") == english
    assert smartplan("diff", "v1", "v2", PLAN, "--format", "json") == english


def test_nothing_changed_in_indonesian_names_the_working_tree(repo: Path) -> None:
    code, out, _ = smartplan("diff", PLAN, "--exit-code")
    assert code == 0
    assert out == (
        "membandingkan HEAD:plans/kota dengan plans/kota (salinan kerja)\n"
        "total anggaran (Rp): 4.400.000.000 → 4.400.000.000 (+0)\n"
        "tidak ada perbedaan\n"
    )


def test_a_broken_revision_in_indonesian(repo: Path) -> None:
    code, out, err = smartplan("diff", "v2", "v3", PLAN)
    assert (code, err) == (1, "")
    diagnostic = (
        "v3:plans/kota/quickwins/qw-2025-living.yaml:2:7: kesalahan[syntax]: kesalahan sintaksis YAML: daftar "
        "dalam '[ ]' tidak ditutup (tambahkan ']' penutup dan koma di antara butir)"
    )
    assert out == f"{diagnostic}\nmemeriksa 50 berkas: 1 kesalahan, 0 peringatan\n"
    code, out, _ = smartplan("diff", "v2", "v3", PLAN, "--format", "markdown")
    assert out == (
        "### Rencana memuat kesalahan: tidak ada yang dibandingkan\n\n"
        f"    {diagnostic}\n"
        "    memeriksa 50 berkas: 1 kesalahan, 0 peringatan\n"
    )


def _language(repo: Path, lang: str) -> None:
    edit(repo / PLAN / "plan.yaml", "language: id", f"language: {lang}")


def test_the_newer_plans_language_is_chosen(repo: Path) -> None:
    _language(repo, "en")
    commit(repo, "english")
    assert (
        smartplan("diff", "v2", "english", PLAN)[1].splitlines()[0] == "comparing v2:plans/kota with english:plans/kota"
    )
    assert smartplan("diff", "english", "v2", PLAN)[1].splitlines()[0] == (
        "membandingkan english:plans/kota dengan v2:plans/kota"
    )
    assert smartplan("diff", "v2", PLAN)[1].splitlines()[0] == "comparing v2:plans/kota with plans/kota (working tree)"
    assert smartplan("diff", "--lang", "id", "v2", PLAN)[1].splitlines()[-1] == "1 butir berbeda: 1 diubah"


def test_the_older_plans_language_when_the_newer_plan_yaml_cannot_be_read(repo: Path) -> None:
    _language(repo, "en")
    commit(repo, "english")
    (repo / PLAN / "plan.yaml").write_text("language: [id\n", encoding="utf-8")
    code, out, _ = smartplan("diff", "english", PLAN)
    assert code == 1
    assert out.splitlines()[-1] == "checked 50 files: 1 error, 0 warnings"
    code, out, _ = smartplan("diff", "v2", PLAN)
    assert out.splitlines()[-1] == "memeriksa 50 berkas: 1 kesalahan, 0 peringatan"


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("C.UTF-8", "checked 50 files: 2 errors, 0 warnings"),
        ("id_ID.UTF-8", "memeriksa 50 berkas: 2 kesalahan, 0 peringatan"),
    ],
)
def test_the_locale_when_neither_plan_yaml_can_be_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch, locale: str, said: str
) -> None:
    (repo / PLAN / "plan.yaml").write_text("language: [id\n", encoding="utf-8")
    commit(repo, "broken-plan")
    monkeypatch.setenv("LANG", locale)
    code, out, _ = smartplan("diff", "broken-plan", PLAN)
    assert (code, out.splitlines()[-1]) == (1, said)


ERRORS = [
    (
        ["v1", "v4", PLAN],
        "smartplan: error: v4:plans/kota: no plan folder in this revision (no plan.yaml)\n"
        "hint: pass the plan folder as the last argument, e.g. 'smartplan diff HEAD~1 HEAD plans/banjar'\n",
        "smartplan: kesalahan: v4:plans/kota: tidak ada folder rencana di revisi ini (tidak ada plan.yaml)\n"
        "saran: berikan folder rencana sebagai argumen terakhir, mis. 'smartplan diff HEAD~1 HEAD plans/banjar'\n",
    ),
    (
        ["no-such-tag", "v2", PLAN],
        "smartplan: error: unknown revision 'no-such-tag'\n",
        "smartplan: kesalahan: revisi 'no-such-tag' tidak dikenal\n",
    ),
    (
        ["v1", "v2", "v3", PLAN],
        "smartplan: error: too many arguments: expected [REV1 [REV2]] [PLAN_DIR]\n",
        "smartplan: kesalahan: terlalu banyak argumen: yang diharapkan [REV1 [REV2]] [PLAN_DIR]\n",
    ),
]


@pytest.mark.parametrize(("arguments", "english", "indonesian"), ERRORS)
def test_errors_in_either_language(repo: Path, arguments: list[str], english: str, indonesian: str) -> None:
    assert smartplan("diff", "--lang", "en", *arguments) == (2, "", english)
    assert smartplan("diff", "--lang", "id", *arguments) == (2, "", indonesian)


@pytest.mark.parametrize(("locale", "expected"), [("C.UTF-8", 1), ("id_ID.UTF-8", 2)])
def test_errors_follow_the_locale_without_lang_whatever_the_plan_says(
    repo: Path, monkeypatch: pytest.MonkeyPatch, locale: str, expected: int
) -> None:
    monkeypatch.setenv("LANG", locale)
    arguments, *said = ERRORS[1]
    assert smartplan("diff", *arguments) == (2, "", said[expected - 1])


def test_outside_a_repository_in_either_language(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    assert smartplan("diff", "--lang", "en", str(folder))[2] == (
        f"smartplan: error: {folder.as_posix()}: not in a git repository\n"
    )
    assert smartplan("diff", "--lang", "id", str(folder))[2] == (
        f"smartplan: kesalahan: {folder.as_posix()}: tidak berada di dalam repositori git\n"
    )


def test_a_shallow_clone_in_either_language(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "v2", repo.as_uri(), str(shallow)], check=True)
    arguments = ("HEAD~1", "HEAD", str(shallow / PLAN))
    assert smartplan("diff", "--lang", "en", *arguments) == (
        2,
        "",
        "smartplan: error: unknown revision 'HEAD~1'\n"
        "hint: this is a shallow clone: fetch more history (git fetch --unshallow)\n",
    )
    assert smartplan("diff", "--lang", "id", *arguments) == (
        2,
        "",
        "smartplan: kesalahan: revisi 'HEAD~1' tidak dikenal\n"
        "saran: ini klon dangkal (shallow clone): ambil riwayat selengkapnya (git fetch --unshallow)\n",
    )


def test_without_git_in_either_language(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert smartplan("diff", "--lang", "en", PLAN) == (
        2,
        "",
        "smartplan: error: git is not installed\nhint: install git to compare revisions\n",
    )
    assert smartplan("diff", "--lang", "id", PLAN) == (
        2,
        "",
        "smartplan: kesalahan: git belum terpasang\nsaran: pasang git untuk membandingkan revisi\n",
    )


def _lose(repo: Path, name: str) -> str:
    """Remove a loose object from the repository, as a damaged or partial clone lacks it; its id."""
    ident = git(repo, "rev-parse", name).strip()
    (repo / ".git" / "objects" / ident[:2] / ident[2:]).unlink()
    return ident


def test_a_file_missing_from_the_clone_in_either_language(repo: Path) -> None:
    blob = _lose(repo, f"v1:{PLAN}/plan.yaml")
    assert smartplan("diff", "--lang", "en", "v1", "v2", PLAN) == (
        2,
        "",
        f"smartplan: error: the content of {blob} is not in this clone\nhint: fetch it first\n",
    )
    assert smartplan("diff", "--lang", "id", "v1", "v2", PLAN) == (
        2,
        "",
        f"smartplan: kesalahan: isi {blob} tidak ada di klon ini\nsaran: ambil isinya dahulu (git fetch)\n",
    )


def test_a_revision_whose_files_cannot_be_listed_in_either_language(repo: Path) -> None:
    _lose(repo, "v1^{tree}")
    commit_id = git(repo, "rev-parse", "v1").strip()[:12]
    code, out, err = smartplan("diff", "--lang", "en", "v1", "v2", PLAN)
    assert (code, out) == (2, "")
    assert err.startswith(f"smartplan: error: cannot list {commit_id}: fatal: "), err  # then git's own words
    code, out, err = smartplan("diff", "--lang", "id", "v1", "v2", PLAN)
    assert err.startswith(f"smartplan: kesalahan: tidak dapat membaca daftar berkas {commit_id}: fatal: "), err


def _text(diff: Diff, lang: str) -> list[str]:
    stream = io.StringIO()
    report_text(Comparison("a", "b", diff), stream, lang)
    return stream.getvalue().splitlines()


NO_BUDGET: dict[str, tuple[Total, ...]] = {axis: () for axis in ("dimension", "year", "funding", "agency")}


def test_every_kind_of_change_monitoring_and_baselines_in_indonesian() -> None:
    items = (
        ItemChange("agency", "dinkes", "Dinas Kesehatan", "removed"),
        ItemChange("plan", "plan.yaml", "Masterplan", "changed", (FieldChange("vision", "Lama", "Baru"),)),
        ItemChange(
            "program",
            "p-1",
            "Program Satu",
            "changed",
            (
                FieldChange("indicators[0].target", 60.5, 1250.25),
                FieldChange("operating_cost.per_year", 25_000_000, None),
                FieldChange("supporting_agencies[1]", None, "bappeda"),
                FieldChange("term", "medium", "long"),
            ),
        ),
    )
    indicator = IndicatorChange("i-1", "Indeks SPBE", (2023, 2.5), (2024, 2.75), ((2026, None, 3.1),))
    monitoring = (FieldChange("2025.i-1.value", 2.6, 2.8), FieldChange("2025.p-1.realised", 0, 1_500_000))
    lines = _text(Diff(items, NO_BUDGET, (indicator,), monitoring), "id")
    assert lines[2:] == [
        "perangkat daerah dinkes dihapus: Dinas Kesehatan",
        "masterplan plan.yaml diubah: Masterplan",
        '  Visi: "Lama" → "Baru"',
        "program p-1 diubah: Program Satu",
        "  Indikator butir 1 › Target: 60,5 → 1.250,25",
        "  Operasional dan pemeliharaan › Biaya per tahun: 25.000.000 → (tidak ada)",
        '  Perangkat daerah pendukung butir 2: (tidak ada) → "bappeda"',
        "  Jangka waktu: jangka menengah → jangka panjang",
        "indikator i-1: Indeks SPBE",
        "  baseline: 2,5 (2023) → 2,75 (2024)",
        "  target 2026: (tidak ada) → 3,1",
        "pemantauan 2025 › i-1 › Realisasi: 2,6 → 2,8",
        "pemantauan 2025 › p-1 › Realisasi anggaran: 0 → 1.500.000",
        "3 butir berbeda: 1 dihapus, 2 diubah, 1 indikator dengan baseline atau target baru,"
        " 2 angka pemantauan berubah",
    ]
    english = _text(Diff(items, NO_BUDGET, (indicator,), monitoring), "en")
    assert english[2:7] == [
        "removed agency dinkes: Dinas Kesehatan",
        "changed plan plan.yaml: Masterplan",
        '  vision: "Lama" → "Baru"',
        "changed program p-1: Program Satu",
        "  indicators[0].target: 60.5 → 1250.25",
    ]
    assert english[-3:] == [
        "monitoring 2025.i-1.value: 2.6 → 2.8",
        "monitoring 2025.p-1.realised: 0 → 1500000",
        "3 items differ: 1 removed, 2 changed, 1 indicator with new baselines or targets, 2 monitoring figures changed",
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "0 items differ: 1 monitoring figure changed"), ("id", "0 butir berbeda: 1 angka pemantauan berubah")],
)
def test_a_diff_of_monitoring_alone_says_what_changed(lang: str, said: str) -> None:
    monitoring = (FieldChange("2025.i-1.value", 2.6, 2.8),)
    assert _text(Diff((), NO_BUDGET, (), monitoring), lang)[-1] == said


def test_a_field_the_books_do_not_label_is_named_by_its_schema_title_in_indonesian() -> None:
    change = (FieldChange("head_of_region.position", "Penjabat Wali Kota Banjar", "Wali Kota Banjar"),)
    items = (ItemChange("plan", "plan.yaml", "Masterplan", "changed", change),)
    assert _text(Diff(items, NO_BUDGET, (), ()), "id")[3] == (
        '  Kepala daerah › Jabatan: "Penjabat Wali Kota Banjar" → "Wali Kota Banjar"'
    )
    assert _text(Diff(items, NO_BUDGET, (), ()), "en")[3] == (
        '  head_of_region.position: "Penjabat Wali Kota Banjar" → "Wali Kota Banjar"'
    )


def test_two_long_texts_that_begin_alike_are_shown_from_where_they_part() -> None:
    opening = "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya masterplan ini, "
    before, after = opening + "dengan Kementerian Kominfo.", opening + "dengan Kementerian Komunikasi dan Digital."
    items = (ItemChange("plan", "plan.yaml", "M", "changed", (FieldChange("foreword", before, after),)),)
    assert _text(Diff(items, NO_BUDGET, (), ()), "id")[3] == (
        '  Kata Pengantar: "…Kementerian Kominfo." → "…Kementerian Komunikasi dan Digital."'
    )
    short = (FieldChange("foreword", "Lama sekali", "Lama sekali lagi"),)
    items = (ItemChange("plan", "plan.yaml", "M", "changed", short),)
    assert _text(Diff(items, NO_BUDGET, (), ()), "en")[3] == '  foreword: "Lama sekali" → "Lama sekali lagi"'


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "1 item differs: 1 added, 2 indicators with new baselines or targets"),
        ("id", "1 butir berbeda: 1 ditambahkan, 2 indikator dengan baseline atau target baru"),
    ],
)
def test_the_summary_takes_the_plural_of_the_language(lang: str, said: str) -> None:
    indicators = tuple(IndicatorChange(f"i-{n}", "x", None, None, ((2026, 1.0, 2.0),)) for n in range(2))
    diff = Diff((ItemChange("source", "bps", "BPS", "added"),), NO_BUDGET, indicators, ())
    assert _text(diff, lang)[-1] == said


FOLDER = builtin_templates() / "messages"


def _catalogue(lang: str) -> dict[str, str]:
    loaded: dict[str, str] = yaml.safe_load((FOLDER / f"diff.{lang}.yaml").read_text())
    return loaded


def test_every_key_the_diff_reports_name_is_in_both_catalogues() -> None:
    named: set[str] = set()
    for module in ("words.py", "report.py"):
        source = (REPO / "smartplan" / "diff" / module).read_text()
        named |= set(re.findall(r"""say\(\s*f?["']([a-z0-9.\-_{}]+)["']""", source))
    statuses = ("added", "removed", "changed", "renamed")
    expanded = {key.replace("{item.status}", s).replace("{status}", s) for key in named for s in statuses}
    expanded = {key.replace("{kind}", "plan") for key in expanded}
    assert len(expanded) > 25
    for lang in ("en", "id"):
        catalogue = {key.removesuffix(".one") for key in _catalogue(lang)}
        assert expanded - catalogue == set(), lang


def test_a_broken_revision_in_json_keeps_english_keys_and_codes_its_messages_in_the_language(repo: Path) -> None:
    english = json.loads(smartplan("diff", "--lang", "en", "v2", "v3", PLAN, "--format", "json")[1])
    indonesian = json.loads(smartplan("diff", "v2", "v3", PLAN, "--format", "json")[1])
    assert indonesian.keys() == english.keys()
    said = [(d["code"], d["severity"], d["message"]) for d in (english["diagnostics"][0], indonesian["diagnostics"][0])]
    assert said == [
        ("syntax", "error", "YAML syntax error: a list in '[ ]' is not closed"),
        ("syntax", "error", "kesalahan sintaksis YAML: daftar dalam '[ ]' tidak ditutup"),
    ]


def test_an_unknown_language_is_a_usage_error(repo: Path) -> None:
    code, out, err = smartplan("diff", "--lang", "fr", "v1", "v2", PLAN)
    assert (code, out) == (2, "")
    assert "choose one of: id, en" in err


def test_every_label_the_diff_names_is_one_of_the_books() -> None:
    books = {lang: yaml.safe_load((FOLDER / f"{lang}.yaml").read_text()) for lang in ("en", "id")}
    named = {*KIND_LABELS.values(), *AXIS_LABELS.values(), *FIELD_LABELS.values(), *MONITORING_LABELS.values()}
    for lang, labels in books.items():
        assert named - set(labels) == set(), lang
        for field, prefixes in VALUE_LABELS.items():  # each prefix names the labels of some values
            assert all(any(key.startswith(f"{prefix}_") for key in labels) for prefix in prefixes), field


def test_the_words_a_field_holds_are_the_books_in_indonesian_and_as_written_in_english() -> None:
    changes = (
        FieldChange("status", "planned", "ongoing"),
        FieldChange("risk_management[0].likelihood", "low", "high"),
        FieldChange("impact", "Layanan lebih cepat", "Layanan tercepat"),
        FieldChange("profile.sections[0].title", "Letak", "Letak dan wilayah"),
    )
    diff = Diff((ItemChange("quick win", "qw-2025-x", "X", "changed", changes),), NO_BUDGET, (), ())
    assert _text(diff, "id")[3:7] == [
        "  Status: Direncanakan → Berjalan",
        "  Manajemen Risiko butir 1 › Kemungkinan: rendah → tinggi",
        '  Dampak (impact): "Layanan lebih cepat" → "Layanan tercepat"',
        '  Gambaran Umum dan Kondisi Eksisting › Bagian butir 1 › Judul: "Letak" → "Letak dan wilayah"',
    ]
    assert _text(diff, "en")[3:5] == [
        '  status: "planned" → "ongoing"',
        '  risk_management[0].likelihood: "low" → "high"',
    ]
