"""The executive summary's own content: one figure per dimension, money by year and source, this year, decisions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from smartplan import api, brief
from smartplan.context import View
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES, REPO, smartplan

BANJAR = REPO / "plans" / "banjar"


def _view(plan_dir: Path) -> View:
    plan, problems, _ = api.check(plan_dir)
    assert not [d for d in problems if d.is_error]
    return view_of(plan, TemplateSet.of(plan_dir))


def test_banjar_figures_per_dimension_add_up_to_the_whole_budget() -> None:
    view = _view(BANJAR)
    lines = brief.dimension_lines(view)
    assert [line.dimension.id for line in lines] == [d.id for d in view.dimensions]
    assert sum(line.budget for line in lines) == view.grand_total
    assert all(line.indicator is not None and line.indicator.baseline for line in lines)
    assert brief.current_year(view) == 2025  # the document is dated 2025-03-31
    money = brief.money(view)
    assert sum(sum(v.values()) for v in money.by_year.values()) == view.grand_total
    assert (money.peak_year, money.peak, money.main_source) == (2026, 11_750_000_000, "apbd-kota")


def test_the_dimensions_shares_in_percent_add_up_to_a_hundred_each_a_sentence_of_its_own(tmp_path: Path) -> None:
    lines = brief.dimension_lines(_view(BANJAR))
    # Rounded one by one, Banjar's shares (20.07, 14.48, 7.80, 17.16, 18.24, 22.24) read 20+14+8+17+18+22 = 99.
    assert [line.percent for line in lines] == [20, 15, 8, 17, 18, 22]
    out = tmp_path / "out"
    assert smartplan("build", str(BANJAR), "--out", str(out))[0] == 0
    for book in ("ringkasan-eksekutif.md", "ringkasan-eksekutif.html"):
        text = re.sub(r"<[^>]+>", "", (out / book).read_text())  # as a reader sees it
        said = [int(n) for n in re.findall(r"[.†] Anggaran Rp[\d.]+, (\d+) persen dari seluruh anggaran\.", text)]
        assert said == [20, 15, 8, 17, 18, 22], book  # each after a space, not 'persen.†Anggaran'


def test_whole_percents_round_the_largest_remainders_up() -> None:
    assert brief.whole_percents([1, 1, 1]) == [34, 33, 33]
    assert brief.whole_percents([0, 0]) == [0, 0]
    assert brief.whole_percents([5, 0, 5]) == [50, 0, 50]


def test_a_named_headline_indicator_is_the_one_shown(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    dimension = plan / "dimensions" / "governance.yaml"
    ids = [line.split(":", 1)[1].strip() for line in dimension.read_text().splitlines() if line.startswith("  - id:")]
    indicator = next(i for i in ids if i.startswith("governance-"))
    dimension.write_text(dimension.read_text() + f"headline_indicator: {indicator}\n")
    view = _view(plan)
    assert brief.headline(view.dimension["governance"]) is view.indicator(indicator)


def test_the_summary_book_of_banjar_is_written_from_the_data(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert smartplan("build", str(BANJAR), "--out", str(out))[0] == 0
    text = (out / "ringkasan-eksekutif.md").read_text()
    assert "Ringkasan ini ditujukan kepada Wali Kota dan pimpinan daerah Kota Banjar." in text
    assert "Kebutuhan tertinggi jatuh pada tahun 2026 (Rp11.750.000.000)." in text
    assert "## Quick Win Tahun 2025" in text
    assert "| 2026 | 8.800 | 850 | 1.750 | 350 | – | 11.750 |" in text  # a row per year, a column per source
    assert "| Persetujuan set quick win tahunan dan perubahan program | Dewan Smart City Kota Banjar |" in text
    assert "Perangkat Daerah Penanggung Jawab" not in text and "## Misi" not in text
    html = (out / "ringkasan-eksekutif.html").read_text()
    assert 'id="figure-chart-money-years"' in html and "Anggaran indikatif per tahun dan sumber dana" in html


def test_a_regencys_summary_speaks_of_the_region_not_the_city(in_tmp: Path) -> None:
    assert smartplan("init", "garut", "--city", "Kabupaten Garut", "--start", "2026")[0] == 0
    assert smartplan("build", "garut", "--out", "out", "--format", "md", "--quiet")[0] == 0  # warns of what to fill in
    lead = next(
        line for line in (in_tmp / "out" / "ringkasan-eksekutif.md").read_text().splitlines() if "kepada" in line
    )
    assert lead.startswith("Ringkasan ini ditujukan kepada Bupati dan pimpinan daerah Kabupaten Garut.")
    assert "ke mana daerah ini hendak menuju" in lead and "kota" not in lead.replace("Kota", "")
