"""`smartplan export`: the workbook and CSV files read back cell by cell, against the tables the books show."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from smartplan import api, tables
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES, MINIMAL, REPO, smartplan

BANJAR = REPO / "plans" / "banjar"
SHEETS = ["README", "programs", "quickwins", "indicators", "budget", "budget_lines", "agencies"]


@pytest.fixture(scope="module")
def banjar_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "banjar-export"
    code, stdout, err = smartplan("export", str(BANJAR), "--out", str(out))
    assert (code, err) == (0, "")
    # The one warning: tests/test_banjar.py.
    assert stdout.endswith(f" 0 kesalahan, 1 peringatan\nmenulis 1 berkas ke {out}\n")
    return out / "banjar.xlsx"


def banjar_view() -> tables.View:
    plan, problems, _ = api.check(BANJAR)
    assert not [d for d in problems if d.is_error]
    return view_of(plan, TemplateSet.of(BANJAR))


def rows(path: Path, sheet: str) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def test_the_workbook_has_its_sheets_with_frozen_headers_and_number_formats(banjar_xlsx: Path) -> None:
    book = openpyxl.load_workbook(banjar_xlsx)
    assert book.sheetnames == SHEETS
    assert all(book[name].freeze_panes == "A2" for name in SHEETS)
    programs = book["programs"]
    header = [c.value for c in programs[1]]
    assert header[:6] == ["id", "name", "term", "start", "end", "dimension"]
    budget_cell = programs.cell(row=2, column=header.index("budget_total") + 1)
    assert budget_cell.number_format == '"Rp"#,##0'
    assert isinstance(budget_cell.value, int)
    assert programs.column_dimensions["B"].width > 8


def test_budget_matrix_matches_the_books_table_cell_by_cell(banjar_xlsx: Path) -> None:
    view = banjar_view()
    table = next(t for t in tables.budget_tables(view) if t.key == "budget-source-year")
    sheet = rows(banjar_xlsx, "budget")
    assert sheet[0] == ["funding_source", *table.header[1:-1], "total"]
    body = sheet[1:-1]
    assert [r[0] for r in body] == [r[0] for r in table.rows]
    for exported, shown in zip(body, table.rows, strict=True):
        as_shown = [view.lang.millions(v) if v else "–" for v in exported[1:-1]]
        assert as_shown == shown[1:-1]
        assert view.lang.millions(exported[-1]) == shown[-1]
    assert sheet[-1][0] == "Total"
    assert [view.lang.millions(v) for v in sheet[-1][1:]] == table.total[1:]
    assert sheet[-1][-1] == view.grand_total


def test_program_and_quick_win_budgets_add_up_to_the_books_total(banjar_xlsx: Path) -> None:
    view = banjar_view()
    programs, quickwins = rows(banjar_xlsx, "programs"), rows(banjar_xlsx, "quickwins")
    column = programs[0].index("budget_total")
    total = sum(r[column] for r in programs[1:]) + sum(r[quickwins[0].index("budget_total")] for r in quickwins[1:])
    assert view.lang.money(total) == tables.program_list(view).total[-1]
    assert len(programs) - 1 == len(view.programs) and len(quickwins) - 1 == len(view.quickwins)
    lines = rows(banjar_xlsx, "budget_lines")
    assert sum(r[5] for r in lines[1:]) == total


def test_indicators_in_percent_are_percentages_and_placeholders_are_flagged(banjar_xlsx: Path) -> None:
    book = openpyxl.load_workbook(banjar_xlsx)
    sheet = book["indicators"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "gov-layanan-daring")
    cell = {name: c for name, c in zip(header, row, strict=True)}
    assert (cell["unit"].value, cell["baseline_year"].value, cell["baseline"].value) == ("persen", 2024, 0.25)
    assert cell["baseline"].number_format == "0%"
    assert (cell["target_2027"].value, cell["target_2034"].value) == (0.55, 1)
    assert cell["baseline_placeholder"].value == "yes"
    index = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "gov-indeks-spbe")
    assert (index[8].value, index[8].number_format) == (2.5, "General")
    assert not any(name.startswith("realised_") for name in header)  # Banjar's 2025 report holds no value yet


def test_readme_sheet_names_every_column_of_every_sheet(banjar_xlsx: Path) -> None:
    readme = rows(banjar_xlsx, "README")
    described = {(r[0], r[1]) for r in readme[1:] if r[1]}
    for name in SHEETS[1:]:
        header = rows(banjar_xlsx, name)[0]
        assert {(name, column) for column in header} <= described
    # In the plan's language: Banjar's is Indonesian.
    assert readme[1:5] == [
        ["", "", "Masterplan Smart City Kota Banjar 2025-2034, versi 2.0 (draft)"],
        ["", "", "Kota Banjar, 2025-2034; jumlah uang dalam rupiah"],
        [
            "",
            "",
            "Kolom bernama placeholder berisi 'yes' bila angkanya ilustratif dan masih menunggu konfirmasi"
            " perangkat daerah",
        ],
        [
            "",
            "",
            "Indikator dalam persen disimpan sebagai pecahan dan ditampilkan sebagai persentase:"
            " 55 % adalah angka 0,55",
        ],
    ]
    assert ["indicators", "target_2026", "target tahun 2026"] in readme
    assert ["budget", "", "Anggaran per sumber dana dan tahun"] in readme


def test_readme_sheet_in_english_on_request(tmp_path: Path) -> None:
    code, _, err = smartplan("export", str(BANJAR), "--lang", "en", "--out", str(tmp_path / "x"), "--quiet")
    assert (code, err) == (0, "")
    readme = rows(tmp_path / "x" / "banjar.xlsx", "README")
    assert readme[2] == ["", "", "Kota Banjar, 2025-2034; amounts in Rupiah"]
    assert ["indicators", "target_2026", "target for 2026"] in readme
    assert ["budget_lines", "kind", "quick win or program"] in readme


HOSTILE = ['=HYPERLINK("http://x")', "+1+2", "-3-4", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    for index, text in enumerate(HOSTILE[:2]):
        path = plan / "programs" / ("satu-data.yaml", "dasbor-kota.yaml")[index]
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f"name: {json.dumps(text)}" if line.startswith("name:") else line for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    agencies = "".join(f"  - id: hostile-{i}\n    name: {json.dumps(t)}\n" for i, t in enumerate(HOSTILE))
    plan_file = plan / "plan.yaml"
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("agencies:\n", "agencies:\n" + agencies), encoding="utf-8"
    )
    return plan


def test_text_that_looks_like_a_formula_stays_text(hostile_plan: Path, tmp_path: Path) -> None:
    code, out, err = smartplan("export", str(hostile_plan), "--out", str(tmp_path / "x"))
    wrote = f"menulis 1 berkas ke {tmp_path / 'x'}"
    assert (code, out, err) == (0, f"memeriksa 25 berkas: tidak ada masalah\n{wrote}\n", "")
    book = openpyxl.load_workbook(tmp_path / "x" / "plan.xlsx")
    # A carriage return is stored as Excel's escape _x000D_, which Excel reads back as CR and openpyxl leaves as is.
    stored = [text.replace("\r", "_x000D_") for text in HOSTILE]
    names = [c for c in book["agencies"]["B"] if c.value in stored]
    assert [c.value for c in names] == stored
    assert {c.data_type for c in names} == {"s"}  # a string cell; a formula would be "f"
    programs = {c.value: c.data_type for c in book["programs"]["B"][1:]}
    assert {name: kind for name, kind in programs.items() if name in HOSTILE} == {HOSTILE[0]: "s", HOSTILE[1]: "s"}
    assert set(programs.values()) == {"s"}
    with zipfile.ZipFile(tmp_path / "x" / "plan.xlsx") as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_csv_is_utf8_with_bom_one_file_per_sheet_and_formulas_defused(hostile_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    code, stdout, err = smartplan("export", str(hostile_plan), "--format", "csv", "--out", str(out))
    assert (code, stdout, err) == (0, f"memeriksa 25 berkas: tidak ada masalah\nmenulis 7 berkas ke {out}\n", "")
    assert sorted(p.name for p in out.iterdir()) == [".smartplan-build", *sorted(f"{s}.csv" for s in SHEETS)]
    raw = (out / "agencies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,name,short_name,leads,supports,budget_led\r\n")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r[1] for r in table[1:7]] == ["'" + t for t in HOSTILE]
    plan = api.check(hostile_plan)[0]
    led = [a.model for a in plan.actions if a.model.lead_agency == "diskominfo"]
    supported = [a for a in plan.actions if "diskominfo" in a.model.supporting_agencies]
    budget = sum(line.amount for action in led for line in action.budget)
    row = next(r for r in table if r[0] == "diskominfo")
    assert row[1:] == [
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        str(len(led)),
        str(len(supported)),
        str(budget),
    ]
    matrix = list(csv.reader(io.StringIO((out / "budget.csv").read_text(encoding="utf-8-sig"), newline="")))
    years = sorted({line.year for action in plan.actions for line in action.model.budget})
    by_year = [sum(line.amount for a in plan.actions for line in a.model.budget if line.year == y) for y in years]
    total = [*map(str, by_year), str(sum(by_year))]
    assert matrix == [["funding_source", *map(str, years), "total"], ["APBD Kota Banjar", *total], ["Total", *total]]
    indicators = (out / "indicators.csv").read_text(encoding="utf-8-sig")
    governance = next(r for r in csv.reader(io.StringIO(indicators, newline="")) if r[1] == "governance-1")
    assert governance[4:12] == ["persen", "outcome", "higher", "2023", "50%", "yes", "55%", "60%"]


def test_same_plan_same_bytes_with_and_without_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def export(name: str) -> bytes:
        assert smartplan("export", str(BANJAR), "--out", str(tmp_path / name))[0] == 0
        return (tmp_path / name / "banjar.xlsx").read_bytes()

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = export("a"), export("b")
    assert first == second
    plan = api.check(BANJAR)[0].plan
    assert plan is not None
    dated = f'<dcterms:created xsi:type="dcterms:W3CDTF">{plan.model.document.date.isoformat()}T00:00:00Z'
    with zipfile.ZipFile(io.BytesIO(first)) as archive:  # without SOURCE_DATE_EPOCH: the plan's document date
        assert dated.encode() in archive.read("docProps/core.xml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    third, fourth = export("c"), export("d")
    assert third == fourth != first
    with zipfile.ZipFile(io.BytesIO(third)) as archive:
        assert b"2026-01-01T00:00:00Z" in archive.read("docProps/core.xml")
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_plan_with_errors_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    (plan / "plan.yaml").write_text("vision: [\n", encoding="utf-8")
    code, out, _ = smartplan("export", str(plan), "--out", str(tmp_path / "x"))
    assert code == 1
    assert "error[syntax]" in out
    assert not (tmp_path / "x").exists()


def test_output_inside_the_plan_is_refused_in_one_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    code, _, err = smartplan("export", str(plan), "--out", str(plan / "x"))
    assert code == 2
    assert (
        err.splitlines()[0] == f"smartplan: error: refusing to write output to {plan}/x: it is inside the plan folder"
    )


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = smartplan("export", str(BANJAR), "--format", "ods", "--out", str(tmp_path / "x"))
    assert code == 2
    assert "choose one of: xlsx, csv" in err


def test_export_takes_quiet_and_upper_case_names_as_build_does(tmp_path: Path) -> None:
    plan = EXAMPLES / "valid" / "minimal"
    assert smartplan("export", str(plan), "-q", "--format", "CSV", "--out", str(tmp_path / "x")) == (0, "", "")
    assert (tmp_path / "x" / "budget.csv").is_file()
    code, out, err = smartplan("export", str(plan), "--report", "JSON", "--out", str(tmp_path / "y"))
    assert (code, json.loads(out)["errors"]) == (0, 0)
    assert err == f"menulis 1 berkas ke {tmp_path / 'y'}\n"  # the workbook, said apart from the JSON report


def test_realised_values_of_each_monitoring_year_stand_beside_the_targets(tmp_path: Path) -> None:
    out = tmp_path / "x"
    code, _, err = smartplan("export", str(EXAMPLES / "valid" / "with-monitoring"), "--out", str(out))
    assert (code, err) == (0, "")
    sheet = openpyxl.load_workbook(out / "with-monitoring.xlsx")["indicators"]
    header = [c.value for c in sheet[1]]
    assert [name for name in header if name.startswith("realised_")] == ["realised_2025", "realised_2026"]
    cells = {r[1].value: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)}
    governance = cells["governance-1"]
    assert (governance["target_2025"].value, governance["realised_2025"].value) == (0.55, 0.56)
    assert governance["realised_2025"].number_format == "0%"
    assert cells["society-1"]["realised_2025"].value is None  # not reported: no data, not a zero
