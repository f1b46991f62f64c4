"""Achievement against targets (smartplan/monitoring): every status, both directions, roll-ups and absorption."""

from __future__ import annotations

import pytest

from smartplan import api
from smartplan.models import Indicator
from smartplan.monitoring.achievement import RollUp, status_of, target_in
from smartplan.monitoring.evaluation import Absorption, Evaluation, evaluations
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES

WITH_MONITORING = EXAMPLES / "valid" / "with-monitoring"


@pytest.fixture(scope="module")
def years() -> dict[int, Evaluation]:
    plan, problems, _ = api.check(WITH_MONITORING)
    assert problems == []
    return evaluations(view_of(plan, TemplateSet.of(WITH_MONITORING)))


def _indicator(direction: str, baseline: float | None = 50, targets: dict[int, float] | None = None) -> Indicator:
    data: dict[str, object] = {
        "id": "i",
        "name": "i",
        "element": "e",
        "unit": "unit",
        "type": "outcome",
        "direction": direction,
        "data_source": "x",
        "targets": targets if targets is not None else {2025: 55, 2027: 65},
    }
    if baseline is not None:
        data["baseline"] = {"year": 2023, "value": baseline, "source": "s"}
    return Indicator.model_validate(data)


def test_every_status_in_both_directions(years: dict[int, Evaluation]) -> None:
    seen = {(a.indicator.id, a.year): (a.value, a.target, a.status) for e in years.values() for a in e.assessments}
    assert seen[("governance-1", 2025)] == (56, 55, "achieved")  # higher, above the target
    assert seen[("environment-1", 2025)] == (55, 55, "achieved")  # exactly on the target
    assert seen[("branding-1", 2025)] == (54.8, 55, "on-track")  # 96 % of the way from 50 to 55
    assert seen[("economy-1", 2025)] == (53.5, 55, "needs-attention")  # 70 %
    assert seen[("living-1", 2025)] == (49, 55, "off-track")  # moved the wrong way
    assert seen[("society-1", 2025)] == (None, 55, "no-data")  # listed, but no value yet
    assert seen[("governance-2", 2025)] == (15.2, 15, "on-track")  # lower is better: 96 % of the way from 20 to 15
    assert seen[("environment-2", 2025)] == (38, 35, "off-track")  # lower: 40 % of the way
    assert seen[("governance-2", 2026)] == (9, 10, "achieved")  # lower, below the target
    assert seen[("environment-2", 2026)] == (33, 30, "needs-attention")  # lower: 70 %
    assert seen[("branding-1", 2026)] == (None, 60, "no-data")  # not in the 2026 file at all


def test_roll_up_counts_and_scores(years: dict[int, Evaluation]) -> None:
    plan = years[2025].plan
    assert plan.counts == {"achieved": 2, "on-track": 2, "needs-attention": 1, "off-track": 2, "no-data": 1}
    # (1 + 1 + 0.96 + 0.96 + 0.7 + 0 + 0.4) / 7, progress capped to 0..1
    assert plan.score == pytest.approx(5.02 / 7)
    assert (plan.assessed, plan.status) == (7, "needs-attention")
    view = years[2025].view
    governance = view.dimension["governance"]
    # governance-1 achieved (1) and governance-2 on track (0.96): a mean of 0.98, on track
    assert years[2025].dimension(governance).status == "on-track"
    assert years[2025].element(governance, "pelayanan-publik").counts["achieved"] == 1
    assert years[2025].dimension(view.dimension["society"]).status == "no-data"


def test_budget_absorption_by_dimension_funding_and_agency(years: dict[int, Evaluation]) -> None:
    evaluation = years[2025]
    by_dimension = {a.key: (a.planned, a.realised) for a in evaluation.absorption["dimension"]}
    # governance: the quick win (350 M planned, 340 M realised) and satu-data (250 M, 200 M)
    assert by_dimension["governance"] == (600_000_000, 540_000_000)
    assert by_dimension["branding"] == (250_000_000, 60_000_000)
    assert by_dimension["economy"] == (250_000_000, 0)
    # The ratio covers what was reported: 1,100 million of the 1,850 planned.
    assert [(a.key, a.ratio) for a in evaluation.absorption["funding"]] == [("apbd-kota", 600 / 1100)]
    assert [a.key for a in evaluation.absorption["agency"]] == ["diskominfo", "bappeda", "dishub", "disdik", "dlh"]
    assert (evaluation.total.planned, evaluation.total.realised) == (1_850_000_000, 600_000_000)


def test_absorption_is_unknown_where_nothing_was_reported() -> None:
    """A quick win nobody reported on is not money left unspent: the ratio covers what was reported."""
    assert Absorption("apbd-kota", 300, 0, 0).ratio is None
    assert Absorption("apbd-kota", 300, 50, 100).ratio == 0.5


def test_quick_wins_and_programs_of_the_year_with_their_reports(years: dict[int, Evaluation]) -> None:
    rows = [(a.id, p.status if p else None) for a, p in years[2025].actions()]
    assert rows == [
        ("qw-2025-governance", "done"),
        ("qw-2025-branding", "running"),
        ("qw-2025-economy", "delayed"),
        ("qw-2025-living", "not-started"),
        ("qw-2025-society", "cancelled"),
        ("qw-2025-environment", "done"),
        ("satu-data", "running"),
        *((program, None) for program in UNREPORTED_2025),
    ]
    assert [(a.id, p.status if p else None) for a, p in years[2026].actions()] == [
        ("satu-data", "running"),
        *((program, None) for program in (*UNREPORTED_2025, *STARTING_2026)),
    ]


UNREPORTED_2025 = ["prg-promosi-investasi", "prg-data-kesejahteraan", "prg-angkutan-kota", "prg-cctv-lingkungan"]
UNREPORTED_2025 += ["prg-bank-sampah"]
STARTING_2026 = ["prg-wajah-kota", "prg-etpd", "prg-rekam-medis", "prg-perpustakaan-digital", "prg-pju-hemat-energi"]


def test_target_of_a_year_without_one_is_read_off_the_line() -> None:
    indicator = _indicator("higher")
    assert [target_in(indicator, y) for y in (2024, 2025, 2026, 2027, 2030)] == [52.5, 55, 60, 65, 65]
    assert target_in(_indicator("higher", baseline=None), 2024) is None  # before the first target: nothing to meet
    assert target_in(_indicator("higher", targets={}), 2025) is None


@pytest.mark.parametrize(
    ("direction", "baseline", "value", "target", "expected"),
    [
        ("higher", None, 54, 60, ("needs-attention", 0.9)),  # no baseline: the plain ratio value / target
        ("lower", None, 12, 10, ("needs-attention", 10 / 12)),  # lower, no baseline: target / value
        ("lower", 8, 9, 10, ("achieved", 10 / 9)),  # the baseline already beat the target: met is met
        ("higher", 50, 50, 60, ("off-track", 0.0)),  # no change at all
        ("higher", 50, None, 60, ("no-data", None)),
        ("higher", 50, 55, None, ("no-data", None)),  # no target to compare with
    ],
)
def test_edge_cases(
    direction: str,
    baseline: float | None,
    value: float | None,
    target: float | None,
    expected: tuple[str, float | None],
) -> None:
    assert status_of(_indicator(direction, baseline), value, target) == pytest.approx(expected)


def test_roll_up_of_nothing_has_no_data() -> None:
    assert RollUp.of([]) == RollUp(dict.fromkeys(RollUp.of([]).counts, 0), None, "no-data")
