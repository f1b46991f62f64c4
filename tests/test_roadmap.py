"""The road map's own content: the critical path, stages with milestones, quick-win sets, upkeep after building."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartplan import api, roadmap, upkeep
from smartplan.context import View
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES, smartplan

WITH_PROGRAMS = EXAMPLES / "valid" / "minimal"


def test_the_critical_path_is_the_chain_with_the_most_years() -> None:
    years = {"a": 1, "b": 5, "c": 7, "d": 2}
    needs = {"b": ["a"], "c": ["b", "a"], "d": ["a"]}
    assert roadmap.critical_path(years, needs) == ["a", "b", "c"]


def test_a_heavier_short_chain_beats_a_light_long_one() -> None:
    years = {"a": 1, "b": 1, "c": 1, "x": 9}
    assert roadmap.critical_path(years, {"b": ["a"], "c": ["b"]}) == ["x"]


def test_ties_go_to_more_items_then_to_the_ids_that_sort_first() -> None:
    assert roadmap.critical_path({"a": 2, "b": 1, "c": 1, "z": 3}, {"c": ["b"], "a": []}) == ["z"]
    assert roadmap.critical_path({"a": 1, "b": 1, "z": 2}, {"b": ["a"]}) == ["a", "b"]
    assert roadmap.critical_path({"p": 2, "q": 2}, {}) == ["p"]
    assert roadmap.critical_path({"ab": 1, "a": 1}, {}) == ["a"]


def test_a_chain_of_thousands_is_followed_to_its_start() -> None:
    ids = [f"p{i}" for i in range(5_000)]
    needs = {later: [earlier] for earlier, later in zip(ids, ids[1:], strict=False)}
    assert roadmap.critical_path(dict.fromkeys(ids, 1), needs) == ids


def test_unknown_dependencies_are_ignored_and_no_items_give_no_path() -> None:
    assert roadmap.critical_path({"a": 3}, {"a": ["gone"]}) == ["a"]
    assert roadmap.critical_path({}, {}) == []


def test_items_in_a_cycle_are_left_out_rather_than_looping() -> None:
    assert roadmap.critical_path({"a": 5, "b": 5, "c": 1}, {"a": ["b"], "b": ["a"]}) == ["c"]


def _view(plan_dir: Path) -> View:
    plan, problems, _ = api.check(plan_dir)
    assert not [d for d in problems if d.is_error]
    return view_of(plan, TemplateSet.of(plan_dir))


@pytest.fixture
def upkept(tmp_path: Path) -> Path:
    """The with-programs example, its Satu Data program costing Rp100 million a year to run after 2029."""
    plan = tmp_path / "plan"
    shutil.copytree(WITH_PROGRAMS, plan)
    with (plan / "programs" / "satu-data.yaml").open("a") as file:
        file.write("operating_cost:\n  per_year: 100000000\n  funding: apbd-kota\n  source: estimasi-opd\n")
    return plan


def test_the_roadmap_tables_of_an_example(upkept: Path) -> None:
    view = _view(upkept)
    assert [a.id for a in roadmap.critical_chain(view)] == ["qw-2025-governance", "satu-data", "dasbor-kota"]
    critical = roadmap.critical_table(view, roadmap.critical_chain(view))
    assert critical.rows[2] == ["3", "Dasbor Kota Cerdas", "2028–2034", "7", "Bappeda"]
    assert critical.total == ["Jumlah", "", "", "13", ""]
    costs = upkeep.upkeep(view)
    assert costs.rows == [
        ["Satu Data Kota Banjar", "2025–2029", "2030", "Rp100.000.000†", "APBD Kota Banjar", "Rp500.000.000"]
    ]
    yearly = {row[0]: row[1:] for row in upkeep.yearly_cost(view).rows}
    assert yearly["2029"][1] == "0"
    assert yearly["2030"][1] == "100"
    [stage] = roadmap.stages(view)
    assert stage.phase.name == "Seluruh periode"
    assert ["2030", "Dasbor dipakai rapat pimpinan", "Dasbor Kota Cerdas"] in stage.milestones.rows
    assert ["2029", "Program selesai", "Satu Data Kota Banjar"] in stage.milestones.rows
    gantt = roadmap.gantt(view).rows
    assert gantt[-1] == ["Dasbor Kota Cerdas", "", "", "", "●", "●", "◆", "●", "●", "●", "●"]
    assert [row[0] for row in gantt].index("Satu Data Kota Banjar") < [row[0] for row in gantt].index(
        "Dasbor Kota Cerdas"
    )


def test_the_roadmap_book_says_its_own_things(upkept: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert smartplan("build", str(upkept), "--format", "md", "--out", str(out))[0] == 0
    text = (out / "roadmap.md").read_text()
    assert (
        "Rantai ini terdiri atas 3 butir dengan 13 tahun pelaksanaan, dari 2025 sampai 2034." in text
        and "biaya operasional dan pemeliharaan yang sudah diperkirakan sampai 2034 menambah Rp500.000.000." in text
        and "Table: Set quick win tahun 2025" in text
    )
    assert "Perangkat Daerah Penanggung Jawab" not in text  # BAB VII of the masterplan is not repeated
