"""One year evaluated: every indicator assessed, rolled up by element, dimension and plan, and budget absorption."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from smartplan.context import Action, View
from smartplan.models import DimensionFile
from smartplan.monitoring.achievement import Assessment, RollUp, assess
from smartplan.monitoring.models import ActionProgress, MonitoringFile


@dataclass(frozen=True)
class Absorption:
    """Planned and realised Rupiah of one group (a dimension, a funding source, an agency) in the year.

    The ratio is taken over the quick wins and programs reported on (a status or money realised): one nobody
    reported on is unknown, not nothing spent; with none reported there is no ratio.
    """

    key: str
    planned: int
    realised: int
    planned_reported: int = 0

    @property
    def ratio(self) -> float | None:
        return self.realised / self.planned_reported if self.planned_reported else None


@dataclass(frozen=True)
class Evaluation:
    """The evaluation of one monitoring year."""

    view: View
    report: MonitoringFile

    @property
    def year(self) -> int:
        return self.report.year

    @cached_property
    def assessments(self) -> list[Assessment]:
        """Every indicator of the plan, in reading order, with or without a realised value."""
        realised = {r.indicator: r for r in self.report.indicators}
        return [
            assess(ind, dim.id, self.year, realised.get(ind.id))
            for dim in self.view.dimensions
            for ind in dim.indicators
        ]

    def of_dimension(self, dimension: DimensionFile) -> list[Assessment]:
        return [a for a in self.assessments if a.dimension == dimension.id]

    def dimension(self, dimension: DimensionFile) -> RollUp:
        return RollUp.of(self.of_dimension(dimension))

    def element(self, dimension: DimensionFile, element: str) -> RollUp:
        return RollUp.of(a for a in self.of_dimension(dimension) if a.indicator.element == element)

    @cached_property
    def plan(self) -> RollUp:
        return RollUp.of(self.assessments)

    @property
    def without_data(self) -> list[Assessment]:
        return [a for a in self.assessments if a.status == "no-data"]

    @cached_property
    def progress(self) -> dict[str, ActionProgress]:
        """What was reported of each quick win and program this year, by id."""
        return {p.id: p for p in (*self.report.quickwins, *self.report.programs)}

    def actions(self) -> list[tuple[Action, ActionProgress | None]]:
        """The quick wins of the year and the programs running in it, each with its report (None if not reported)."""
        running = [a for a in self.view.actions if self.year in self.view.active_years(a) or a.id in self.progress]
        return [(a, self.progress.get(a.id)) for a in running]

    def _absorption(self, key_of: str) -> list[Absorption]:
        planned: dict[str, int] = defaultdict(int)
        realised: dict[str, int] = defaultdict(int)
        reported: dict[str, int] = defaultdict(int)
        for action in self.view.actions:
            report = self.progress.get(action.id)
            for line in action.budget:
                if line.year == self.year:
                    planned[_key(action, key_of, line.funding)] += line.amount
                    if report is not None and (report.status or report.realised):
                        reported[_key(action, key_of, line.funding)] += line.amount
            for spent in report.realised if report else []:
                realised[_key(action, key_of, spent.funding)] += spent.amount
        order: list[str] = {
            "dimension": [str(d.id) for d in self.view.dimensions],
            "funding": [f.id for f in self.view.plan.funding_sources],
            "agency": [a.id for a in self.view.plan.agencies],
        }[key_of]
        return [Absorption(k, planned[k], realised[k], reported[k]) for k in order if planned[k] or realised[k]]

    @cached_property
    def absorption(self) -> dict[str, list[Absorption]]:
        """Planned against realised budget by dimension, funding source and lead agency."""
        return {key: self._absorption(key) for key in ("dimension", "funding", "agency")}

    @cached_property
    def total(self) -> Absorption:
        rows = self.absorption["funding"]
        return Absorption(
            "total",
            sum(r.planned for r in rows),
            sum(r.realised for r in rows),
            sum(r.planned_reported for r in rows),
        )


def _key(action: Action, key_of: str, funding: str) -> str:
    return {"dimension": action.dimension, "funding": funding, "agency": action.lead_agency}[key_of]


def evaluations(view: View) -> dict[int, Evaluation]:
    """Each monitoring year's evaluation, by year."""
    return {report.year: Evaluation(view, report) for report in view.monitoring}


def realised_series(view: View, indicator: str) -> list[tuple[int, float]]:
    """An indicator's realised values over the monitoring years, oldest first."""
    return [
        (report.year, r.value)
        for report in view.monitoring
        for r in report.indicators
        if r.indicator == indicator and r.value is not None
    ]
