"""`smartplan build` on the minimal example plan, compared byte for byte with the golden documents.

Set SMARTPLAN_REGENERATE=1 to rewrite tests/golden/ on purpose; review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.books import BOOKS
from tests.helpers import DOCUMENT_FILES, DOCUMENTS, EXAMPLES, GOLDEN, MINIMAL, REGENERATE, TESTS, lay_out, smartplan

# The check's summary and the line after it, in the language of the build.
NO_PROBLEMS = {"id": "memeriksa %d berkas: tidak ada masalah", "en": "checked %d files: no problems"}
WROTE = {"id": "menulis %d dokumen ke %s", "en": "wrote %d documents to %s"}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_minimal_plan_builds_the_golden_documents(fmt: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = smartplan("build", str(MINIMAL), "--out", str(out), "--format", fmt, "--lang", lang)
    assert (code, stderr) == (0, "")
    assert stdout == f"{NO_PROBLEMS[lang] % 25}\n{WROTE[lang] % (5, out)}\n"
    built = sorted(p.name for p in out.iterdir())
    assert built == sorted([".smartplan-build", *(f"{d}.{fmt}" for d in DOCUMENTS)])
    expected_dir = GOLDEN / lang
    for name in DOCUMENTS:
        actual = (out / f"{name}.{fmt}").read_bytes()
        golden = expected_dir / f"{name}.{fmt}"
        if REGENERATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(actual)
        assert actual == golden.read_bytes(), f"{name}.{fmt} ({lang}) differs from {golden}"


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1722211200")  # 2024-07-29
    for name in ("a", "b"):
        assert smartplan("build", str(MINIMAL), "--out", str(tmp_path / name))[0] == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert first == second
    assert len(first) == len(DOCUMENT_FILES) + 1  # and the marker
    assert {int(p.stat().st_mtime) for p in (tmp_path / "a").iterdir()} == {1722211200}


def _matches_golden(plan: Path, golden: Path, out: Path) -> None:
    """Build `plan` into `out` and compare every document in both formats with `golden` (rewritten on purpose)."""
    code, _, stderr = smartplan("build", str(plan), "--out", str(out))
    assert (code, stderr) == (0, "")
    for name in DOCUMENTS:
        for fmt in ("md", "html"):
            actual = (out / f"{name}.{fmt}").read_bytes()
            if REGENERATE:
                golden.mkdir(parents=True, exist_ok=True)
                (golden / f"{name}.{fmt}").write_bytes(actual)
            assert actual == (golden / f"{name}.{fmt}").read_bytes(), f"{name}.{fmt} differs from {golden}"


WITH_MONITORING = EXAMPLES / "valid" / "with-monitoring"
MONITORED_DOCUMENTS = [name for book in BOOKS for name, _ in book.documents([2025], [2025, 2026])]


# The documents monitoring data changes (the other books are pinned by the golden files above).
MONITORED_GOLDEN = {
    "id": ["masterplan", "ringkasan-eksekutif", "laporan-evaluasi-2025", "laporan-evaluasi-2026"],
    "en": ["laporan-evaluasi-2025", "laporan-evaluasi-2026"],
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plan_with_monitoring_builds_the_golden_documents(lang: str, tmp_path: Path) -> None:
    """The evaluation report of each monitoring year; the masterplan and the executive summary, which show the
    latest year's status. The report in English too, as asked for with --lang."""
    out = tmp_path / "out"
    code, stdout, stderr = smartplan("build", str(WITH_MONITORING), "--out", str(out), "--lang", lang)
    assert (code, stderr) == (0, "")
    assert stdout == f"{NO_PROBLEMS[lang] % 27}\n{WROTE[lang] % (2 * len(MONITORED_DOCUMENTS), out)}\n"
    assert "laporan-evaluasi-2025" in MONITORED_DOCUMENTS and "laporan-evaluasi-2026" in MONITORED_DOCUMENTS
    golden = TESTS / "golden" / "with-monitoring" / lang
    for name in MONITORED_GOLDEN[lang]:
        for fmt in ("md", "html"):
            actual = (out / f"{name}.{fmt}").read_bytes()
            if REGENERATE:
                golden.mkdir(parents=True, exist_ok=True)
                (golden / f"{name}.{fmt}").write_bytes(actual)
            assert actual == (golden / f"{name}.{fmt}").read_bytes(), f"{name}.{fmt} differs from {golden}"


def test_monitoring_shows_in_the_masterplan_and_summary_only_with_data(tmp_path: Path) -> None:
    """Without monitoring files the masterplan reads as before (the golden tests above); with them, it says more."""
    out = tmp_path / "out"
    assert smartplan("build", str(WITH_MONITORING), "--out", str(out), "--format", "md")[0] == 0
    latest = (
        "Hasil monitoring terakhir (tahun 2026, dilaporkan oleh Bappeda Kota Banjar): 3 dari 8 indikator memiliki "
        "data realisasi, dengan capaian rata-rata 90 % (perlu perhatian). Rinciannya ada dalam Laporan Evaluasi "
        "tahun 2026."
    )
    for name in ("masterplan", "ringkasan-eksekutif"):
        text = (out / f"{name}.md").read_text()
        assert latest in text
        assert "Table: Kartu skor capaian indikator per dimensi, tahun 2026" in text
        assert "Hasil monitoring terakhir (tahun 2025" not in text  # the latest year only
    without = (GOLDEN / "id" / "masterplan.md").read_text()
    assert "Hasil monitoring terakhir" not in without


def test_plan_with_every_optional_field_builds_the_golden_documents(tmp_path: Path) -> None:
    """Stages, upkeep, decisions, readiness data and scores, criteria, crosswalk, plan-level risks: the new parts."""
    plan = lay_out(EXAMPLES / "valid" / "four-books", tmp_path)
    _matches_golden(plan, TESTS / "golden" / "four-books" / "id", tmp_path / "out")
