"""The evaluation report's tables, computed from one evaluated year: the same Table the other books print."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from smartplan.charts import Chart
from smartplan.i18n import Language, unnested
from smartplan.monitoring.achievement import STATUSES, Assessment, RollUp
from smartplan.monitoring.charts import realised_path
from smartplan.monitoring.evaluation import Absorption, Evaluation
from smartplan.tables import PLACEHOLDER_MARK, Table


def status_label(lang: Language, status: str | None) -> str:
    """The label of an achievement or progress status; `None` is an action nobody reported on."""
    return lang.label(f"status_{(status or 'unreported').replace('-', '_')}")


def percent(lang: Language, ratio: float | None) -> str:
    """An achievement or absorption ratio as a percentage, `–` for none: `96 %`."""
    return "–" if ratio is None else f"{lang.number(ratio * 100, 0)} %"


@dataclass(frozen=True)
class EvaluationTables:
    """What a template needs of one evaluated year: the evaluation itself and its tables."""

    evaluation: Evaluation

    @property
    def _lang(self) -> Language:
        return self.evaluation.view.lang

    def status(self, status: str | None) -> str:
        return status_label(self._lang, status)

    def percent(self, ratio: float | None) -> str:
        return percent(self._lang, ratio)

    def _roll_row(self, name: str, roll: RollUp) -> list[str]:
        counts = [str(roll.counts[s]) for s in STATUSES]
        return [name, *counts, self.percent(roll.score), self.status(roll.status)]

    @cached_property
    def scorecard(self) -> Table:
        """Each dimension: how many indicators have each status, the mean progress and the status it earns."""
        e, label = self.evaluation, self._lang.label
        rows = [self._roll_row(d.name, e.dimension(d)) for d in e.view.dimensions]
        header = [label("dimension"), *(self.status(s) for s in STATUSES), label("score"), label("status")]
        caption = f"{label('table_scorecard')} {e.year}"
        return Table(f"scorecard-{e.year}", caption, header, rows, total=self._roll_row(label("total"), e.plan))

    def _mark(self, a: Assessment) -> str:
        source = a.realised.source if a.realised else None
        return f" {PLACEHOLDER_MARK}" if self.evaluation.view.is_placeholder(source) else ""

    @cached_property
    def indicators(self) -> dict[str, Table]:
        """Per dimension: each indicator's target, realised value, achievement and status."""
        e, lang = self.evaluation, self._lang
        tables: dict[str, Table] = {}
        for dim in e.view.dimensions:
            rows = []
            for a in e.of_dimension(dim):
                ind = a.indicator
                name = f"{ind.name} ({unnested(ind.unit)}; {lang.label('direction_' + ind.direction)})"
                target = "–" if a.target is None else lang.number(a.target)
                value = "–" if a.value is None else lang.number(a.value) + self._mark(a)
                rows.append([name, target, value, self.percent(a.progress), self.status(a.status)])
            header = [lang.label("indicator"), lang.label("target"), lang.label("realised"), lang.label("achievement")]
            marked = any(self._mark(a) for a in e.of_dimension(dim))
            note = lang.label("placeholder_note") if marked else ""
            caption = f"{lang.label('table_achievement')} {dim.name} {e.year}"
            tables[dim.id] = Table(
                f"achievement-{dim.id}-{e.year}", caption, [*header, lang.label("status")], rows, note=note
            )
        return tables

    @cached_property
    def actions(self) -> Table:
        """The quick wins and programs of the year: status, planned and realised budget, evidence."""
        e, lang = self.evaluation, self._lang
        rows = []
        for action, progress in e.actions():
            planned = sum(line.amount for line in action.budget if line.year == e.year)
            realised = sum(s.amount for s in progress.realised) if progress else 0
            shown = [f"{x.title} ({x.url})" if x.url else x.title for x in progress.evidence] if progress else []
            evidence = "; ".join(shown) or "–"
            kind = lang.label("quick_win" if e.view.is_quickwin(action) else "program")
            status = self.status(progress.status if progress else None)
            rows.append([action.name, kind, status, lang.money(planned), lang.money(realised), evidence])
        header = ["quick_win_or_program", "kind", "status", "planned", "realised", "evidence"]
        caption = f"{lang.label('table_action_progress')} {e.year}"
        return Table(f"action-progress-{e.year}", caption, [lang.label(h) for h in header], rows, numeric=False)

    def _absorption_table(self, key: str, names: dict[str, str], first: str) -> Table:
        e, lang = self.evaluation, self._lang

        def row(name: str, a: Absorption) -> list[str]:
            return [name, lang.money(a.planned), lang.money(a.realised), self.percent(a.ratio)]

        rows = [row(names[a.key], a) for a in e.absorption[key]]
        header = [lang.label(first), lang.label("planned"), lang.label("realised"), lang.label("absorption")]
        caption = f"{lang.label('table_absorption_' + key)} {e.year}"
        return Table(f"absorption-{key}-{e.year}", caption, header, rows, total=row(lang.label("total"), e.total))

    @cached_property
    def absorption(self) -> list[Table]:
        """Budget absorption by dimension, funding source and lead agency."""
        view = self.evaluation.view
        return [
            self._absorption_table("dimension", {d.id: d.name for d in view.dimensions}, "dimension"),
            self._absorption_table("funding", {f.id: f.name for f in view.plan.funding_sources}, "funding_source"),
            self._absorption_table("agency", {a.id: view.agency_name(a.id) for a in view.plan.agencies}, "lead_agency"),
        ]

    @cached_property
    def charts(self) -> dict[str, Chart | None]:
        """Realised against target over the monitoring years, per indicator (None for one never reported)."""
        view = self.evaluation.view
        return {i.id: realised_path(view, d.id, i) for d in view.dimensions for i in d.indicators}

    def summary(self, key: str = "evaluation_overall") -> str:
        """The overall sentence: how many indicators have data, and the plan's mean achievement and status."""
        e = self.evaluation
        return self._lang.format(
            key,
            year=e.year,
            reporter=unnested(e.report.reporter),  # it may stand in parentheses
            assessed=e.plan.assessed,
            total=len(e.assessments),
            score=self.percent(e.plan.score),
            status=self.status(e.plan.status).lower(),
        )

    @cached_property
    def without_data(self) -> Table:
        """The indicators nobody reported a value for, with who measures them."""
        e, lang = self.evaluation, self._lang
        rows = [
            [a.indicator.name, e.view.dimension[a.dimension].name, a.indicator.data_source, _note(a)]
            for a in e.without_data
        ]
        header = [lang.label(h) for h in ("indicator", "dimension", "data_source", "note")]
        return Table(f"no-data-{e.year}", f"{lang.label('table_no_data')} {e.year}", header, rows, numeric=False)


def _note(a: Assessment) -> str:
    return a.realised.note if a.realised and a.realised.note else "–"
