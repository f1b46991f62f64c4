"""plans/banjar, the showcase masterplan: valid under --strict, complete, and honest about its numbers."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from smartplan import api
from smartplan.models import DIMENSION_IDS, PlanFile
from smartplan.plan import Plan
from tests.helpers import REPO, smartplan

BANJAR = REPO / "plans" / "banjar"
ELEMENTS = {
    "governance": {"pelayanan-publik", "manajemen-birokrasi", "kebijakan-publik"},
    "branding": {"ekosistem-pariwisata", "ekosistem-bisnis", "wajah-kota"},
    "economy": {"industri-berdaya-saing", "kesejahteraan-rakyat", "transaksi-keuangan"},
    "living": {"tata-ruang", "transportasi", "kesehatan"},
    "society": {"komunitas", "ekosistem-belajar", "keamanan"},
    "environment": {"proteksi-lingkungan", "sampah-limbah", "energi"},
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded, problems, _ = api.check(BANJAR)
    assert [p for p in problems if p.is_error] == []
    return loaded


@pytest.fixture(scope="module")
def root(plan: Plan) -> PlanFile:
    assert plan.plan is not None
    return plan.plan.model


def test_validates_with_one_warning_that_waits_for_bps() -> None:
    """The reviewer's checks pass but one: the IPM baseline is BPS's 2020 figure until a newer one is cited."""
    code, out, err = smartplan("validate", "--strict", str(BANJAR))
    assert (code, err) == (1, "")
    assert out == (
        f"{BANJAR.as_posix()}/dimensions/society.yaml:106:22: peringatan[old-baseline]: indicators[4].baseline.year: "
        "baseline 'soc-ipm' berasal dari 2020, lebih dari 3 tahun sebelum rencana dimulai pada 2025 "
        "(gunakan pengukuran dari 2022 atau sesudahnya)\n"
        "memeriksa 39 berkas: 0 kesalahan, 1 peringatan\n"
    )
    code, out, err = smartplan("validate", "--strict", "--lang", "en", str(BANJAR))
    assert (code, err) == (1, "")
    assert out == (
        f"{BANJAR.as_posix()}/dimensions/society.yaml:106:22: warning[old-baseline]: indicators[4].baseline.year: "
        "the baseline of 'soc-ipm' is from 2020, more than 3 years before the plan starts in 2025 "
        "(use a measurement from 2022 or later)\n"
        "checked 39 files: 0 errors, 1 warning\n"
    )


def test_the_book_is_signed_by_who_led_the_city_on_its_date(root: PlanFile) -> None:
    # The profile: acting mayors until 20 February 2025, then Wali Kota Sudarsono (2025-2030).
    assert root.document.date >= date(2025, 2, 20)
    assert root.head_of_region is not None
    signers = [root.head_of_region, *root.approval]
    assert [s.name for s in signers if "Wali Kota" in s.position] == ["Sudarsono", "Sudarsono"]
    assert not [s.position for s in signers if "Penjabat" in s.position]


def test_every_dimension_has_its_three_standard_elements(plan: Plan) -> None:
    found = {d.model.id: {e.id for e in d.model.elements} for d in plan.dimensions}
    assert found == ELEMENTS
    for dim in plan.dimensions:
        for element in dim.model.elements:
            assert element.goal, f"{dim.model.id}/{element.id} has no goal"
            assert len(element.strategies) >= 2, f"{dim.model.id}/{element.id} has too few strategies"


def test_every_dimension_has_output_outcome_and_impact_indicators(plan: Plan) -> None:
    for dim in plan.dimensions:
        indicators = dim.model.indicators
        assert len(indicators) >= 3, dim.model.id
        assert {i.type for i in indicators} == {"output", "outcome", "impact"}, dim.model.id
        assert dim.model.strategic_issues, dim.model.id


def test_every_indicator_has_a_baseline_and_a_target_for_every_year_it_runs(plan: Plan, root: PlanFile) -> None:
    # From the year what delivers it starts, to the last year it is funded (the reviewer's checks hold the rest).
    for dim in plan.dimensions:
        for indicator in dim.model.indicators:
            assert indicator.baseline is not None, indicator.id
            first, last = min(indicator.targets), max(indicator.targets)
            assert set(indicator.targets) == set(range(first, last + 1)), indicator.id
            assert root.period.start <= first and last <= root.period.end, indicator.id


def test_every_element_is_covered_by_a_quick_win_or_program(plan: Plan) -> None:
    covered = {(a.model.dimension, a.model.element) for a in plan.actions}
    missing = {(dim, e) for dim, elements in ELEMENTS.items() for e in elements} - covered
    assert missing == set()


def test_every_year_of_the_period_has_something_running(plan: Plan, root: PlanFile) -> None:
    running: set[int] = {qw.model.year for qw in plan.quickwins}
    for program in plan.programs:
        running |= set(range(program.model.start, program.model.end + 1))
    assert set(range(root.period.start, root.period.end + 1)) <= running


def test_one_quick_win_per_dimension_in_each_of_the_first_two_years(plan: Plan, root: PlanFile) -> None:
    by_year = Counter(qw.model.year for qw in plan.quickwins)
    first = root.period.start
    assert by_year == {first: 6, first + 1: 6}
    for year in (first, first + 1):
        dims = sorted(qw.model.dimension for qw in plan.quickwins if qw.model.year == year)
        assert dims == sorted(DIMENSION_IDS)
    for qw in plan.quickwins:
        model = qw.model
        assert model.supporting_agencies and model.budget and model.schedule, model.id
        assert model.outcomes and model.indicators and model.risks, model.id


def test_at_least_two_programs_per_dimension_with_milestones_and_budget(plan: Plan) -> None:
    per_dimension: Counter[str] = Counter(p.model.dimension for p in plan.programs)
    assert all(per_dimension[d] >= 2 for d in DIMENSION_IDS), per_dimension
    assert {p.model.term for p in plan.programs} == {"medium", "long"}
    assert any(p.model.depends_on for p in plan.programs)
    for program in plan.programs:
        years = set(range(program.model.start, program.model.end + 1))
        assert program.model.milestones, program.model.id
        assert {line.year for line in program.model.budget} == years, program.model.id


def test_action_targets_agree_with_the_dimension_targets(plan: Plan) -> None:
    targets = {i.id: i.targets for d in plan.dimensions for i in d.model.indicators}
    for item in plan.actions:
        model = item.model
        for target in model.indicators:
            year = target.year if target.year is not None else getattr(model, "year", None)
            assert year is not None, f"{model.id}: target of {target.indicator} has no year"
            assert targets[target.indicator][year] == target.target, f"{model.id}: {target.indicator} {year}"


def test_no_number_is_left_without_a_source(plan: Plan, root: PlanFile) -> None:
    sources = {s.id: s for s in root.sources}
    placeholders = {ident for ident, s in sources.items() if s.placeholder}
    assert placeholders, "the plan needs a placeholder source for figures still to be confirmed"
    # Facts about the city come from real publications, never from the placeholder.
    profile = root.profile
    cited = [f.source for f in profile.facts] + [p.source for p in profile.population]
    cited += [d.source for d in profile.districts]
    assert cited and not set(cited) & placeholders
    readiness = root.readiness
    for assessed in [*readiness.structure, *readiness.infrastructure, *readiness.superstructure]:
        assert assessed.source in sources, assessed.name
    # No public source gives Banjar's budgets or targets: they must say they are placeholders.
    for item in plan.actions:
        if item.model.budget:
            assert item.model.source in placeholders, item.model.id
    for dim in plan.dimensions:
        for indicator in dim.model.indicators:
            assert indicator.baseline is not None and indicator.baseline.source in sources, indicator.id
            assert indicator.source in placeholders, indicator.id


def test_the_two_official_areas_are_both_given_and_one_is_chosen(root: PlanFile) -> None:
    areas = {f.value: f for f in root.profile.facts if f.unit == "km²"}
    assert set(areas) == {131.97, 113.49}
    assert sum(d.area_km2 for d in root.profile.districts) == pytest.approx(131.97)
    assert "dipakai" in areas[131.97].label


def test_no_filler_text(plan: Plan) -> None:
    filler = re.compile(r"\b(todo|tbd|fixme|lorem|ipsum|xxx)\b", re.IGNORECASE)
    for path in sorted(Path(BANJAR).rglob("*.yaml")):
        assert not filler.search(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("kind", ["plan", "dimension", "quickwin", "program", "monitoring"])
def test_editor_schemas_match_the_models(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schemas VS Code reads from plans/banjar/.schemas are what `smartplan schema` prints there today."""
    monkeypatch.chdir(BANJAR)  # in the plan's language, Indonesian, whatever the locale
    code, out, _ = smartplan("schema", kind)
    assert code == 0
    assert out == (BANJAR / ".schemas" / f"{kind}.schema.json").read_text()


def test_every_file_names_its_editor_schema() -> None:
    """Every plan file does."""
    folders = {"dimensions": "dimension", "quickwins": "quickwin", "programs": "program", "monitoring": "monitoring"}
    plan_files = [BANJAR / "plan.yaml", *(path for folder in folders for path in (BANJAR / folder).glob("*.yaml"))]
    assert len(plan_files) == 39
    for path in sorted(plan_files):
        kind = folders.get(path.parent.name, "plan")
        prefix = "" if kind == "plan" else "../"
        first = path.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema={prefix}.schemas/{kind}.schema.json", path


def test_the_documents_say_peta_jalan_and_keep_purpose_apart_from_goals(tmp_path: Path) -> None:
    """The labels say "Peta Jalan" throughout, and introduce the goals as the smart city's, not the book's."""
    code, _, err = smartplan("build", str(BANJAR), "--format", "md", "--out", str(tmp_path))
    assert (code, err) == (0, "")
    roadmap = (tmp_path / "roadmap.md").read_text()
    assert roadmap.splitlines()[0] == "# Peta Jalan Smart City Kota Banjar 2025–2034"
    books = {path.name: path.read_text() for path in sorted(tmp_path.glob("*.md"))}
    assert [name for name, text in books.items() if "Road Map" in text or "Road map" in text] == []
    masterplan = books["masterplan.md"]
    assert "**Tujuan** penyusunan dokumen ini adalah:" in masterplan
    assert "Tujuan penyusunan masterplan ini adalah:" not in masterplan
    assert "Masterplan ini diarahkan untuk mencapai tujuan pembangunan smart city berikut" in masterplan


def test_monitoring_2025_lists_everything_and_invents_no_figure(plan: Plan) -> None:
    """No public 2025 figure for Kota Banjar was found: every indicator is listed without a value, every quick win
    and program of 2025 without a status, for the agencies to fill in."""
    (monitoring,) = plan.monitoring
    report = monitoring.model
    indicators = [i.id for d in plan.dimensions for i in d.model.indicators]
    assert sorted(r.indicator for r in report.indicators) == sorted(indicators)
    assert all(r.value is None and r.source is None for r in report.indicators)
    assert sorted(q.id for q in report.quickwins) == sorted(q.model.id for q in plan.quickwins if q.model.year == 2025)
    assert all(a.status is None and not a.realised and not a.evidence for a in (*report.quickwins, *report.programs))
    bps = {r.indicator: r.note for r in report.indicators if r.note and "BPS" in r.note}
    assert sorted(bps) == ["eco-kemiskinan", "eco-tpt", "soc-ipm"]
