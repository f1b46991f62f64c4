"""Buku I's own analysis: scores per element with evidence, gaps, SWOT per dimension, quick-win criteria, data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartplan import api, readiness
from smartplan.context import View
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES, REPO, smartplan

SCORES = """\
  - id: pelayanan-publik
    name: Pelayanan Publik
    today: Layanan daring tersebar di banyak aplikasi.
    readiness:
      - aspect: infrastructure
        score: 2
        evidence: Aplikasi layanan berdiri sendiri.
        source: estimasi-opd
      - aspect: structure
        score: 4
        evidence: Unit layanan terpadu sudah berjalan.
"""
CRITERIA = """\
quickwin_criteria:
  - id: cepat
    name: Hasil cepat
    weight: 3
  - id: dampak
    name: Dampak
"""


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    """The with-programs example with two scores for one element, two criteria and one quick win scored."""
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    dimension = plan / "dimensions" / "governance.yaml"
    dimension.write_text(
        dimension.read_text().replace("  - id: pelayanan-publik\n    name: Pelayanan Publik\n", SCORES)
    )
    (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text() + CRITERIA)
    quickwin = plan / "quickwins" / "qw-2025-governance.yaml"
    quickwin.write_text(quickwin.read_text() + "scores:\n  cepat: 5\n  dampak: 2\nscores_source: estimasi-opd\n")
    return plan


def _view(plan_dir: Path) -> View:
    plan, problems, _ = api.check(plan_dir)
    assert not [d for d in problems if d.is_error]
    return view_of(plan, TemplateSet.of(plan_dir))


def test_scores_evidence_and_gaps_of_an_element(scored: Path) -> None:
    view = _view(scored)
    scores = readiness.element_scores(view)
    assert scores.rows[0] == ["Smart Governance: Pelayanan Publik", "4", "2†", "–", "3"]
    assert scores.rows[1] == ["Smart Governance: Manajemen Birokrasi", "–", "–", "–", "–"]
    assert readiness.evidence(view, view.dimension["governance"]).rows == [
        ["Pelayanan Publik", "Struktur", "4", "Unit layanan terpadu sudah berjalan."],
        ["Pelayanan Publik", "Infrastruktur", "2†", "Aplikasi layanan berdiri sendiri."],
    ]
    gap = readiness.gaps(view).rows[0]
    assert gap == [
        "Smart Governance: Pelayanan Publik",
        "Tata kelola pemerintahan yang efektif dan efisien.",
        "Layanan daring tersebar di banyak aplikasi.",
        "2 tingkat (Infrastruktur)",
        "Portal Layanan Publik Terpadu",
    ]


def test_strengths_and_weaknesses_are_derived_from_the_scores(scored: Path) -> None:
    swot = readiness.dimension_swot(_view(scored).dimension["governance"])
    assert swot.derived
    assert swot.swot.strengths == ["Pelayanan Publik: Unit layanan terpadu sudah berjalan."]
    assert swot.swot.weaknesses == ["Pelayanan Publik: Aplikasi layanan berdiri sendiri."]


def test_quick_wins_scored_on_weighted_criteria(scored: Path) -> None:
    table = readiness.criteria_scores(_view(scored))
    assert table is not None
    assert table.header == ["Quick win", "Hasil cepat (×3)", "Dampak (×1)", "Nilai tertimbang"]
    assert table.rows[0] == ["Portal Layanan Publik Terpadu (2025)", "5†", "2†", "4,25"]  # (5*3 + 2*1) / 4
    assert table.rows[1] == ["Quick win branding 2025 (2025)", "–", "–", "belum diberi skor"]


def test_the_readiness_book_of_banjar_names_the_data_still_missing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert smartplan("build", str(REPO / "plans" / "banjar"), "--format", "md", "--out", str(out))[0] == 0
    text = (out / "analisis-kesiapan.md").read_text()
    assert (
        "Data berikut belum tersedia dan perlu dihimpun dari perangkat daerah: Sumber daya manusia TIK; Anggaran TIK; "
        "Indeks SPBE; Akses internet; Pusat data." in text
    )
    assert "Table: Inventaris aplikasi" in text and "Table: Regulasi yang berlaku" in text
    assert "| Smart Living: Sarana Transportasi | – | 3† | – | 3 |" in text
    assert "## BAB VII Kriteria Pemilihan Quick Win" not in text and "Kriteria Pemilihan Quick Win" in text
    assert "Gambaran Umum dan Kondisi Eksisting" not in text  # the masterplan's BAB II is not repeated
