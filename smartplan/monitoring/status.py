"""`smartplan status`: one monitoring year's roll-up as plain data, the JSON for dashboards (English keys and codes).

terminal.py puts it into words for people.
"""

from __future__ import annotations

from typing import Any

from smartplan.monitoring.achievement import Assessment, RollUp
from smartplan.monitoring.evaluation import Absorption, Evaluation


def _roll_up(roll: RollUp) -> dict[str, Any]:
    return {"status": roll.status, "score": roll.score, "counts": roll.counts}


def _assessment(evaluation: Evaluation, a: Assessment) -> dict[str, Any]:
    realised = a.realised
    source = realised.source if realised else None
    return {
        "id": a.indicator.id,
        "name": a.indicator.name,
        "element": a.indicator.element,
        "unit": a.indicator.unit,
        "direction": a.indicator.direction,
        "target": a.target,
        "value": a.value,
        "source": source,
        "placeholder": evaluation.view.is_placeholder(source),
        "progress": a.progress,
        "status": a.status,
    }


def _absorption(rows: list[Absorption]) -> list[dict[str, Any]]:
    return [{"id": r.key, "planned": r.planned, "realised": r.realised, "ratio": r.ratio} for r in rows]


def status_data(evaluation: Evaluation) -> dict[str, Any]:
    """Everything `status` shows, as JSON-ready data: for dashboards."""
    view, report = evaluation.view, evaluation.report
    dimensions = []
    for dim in view.dimensions:
        dimensions.append(
            {
                "id": dim.id,
                "name": dim.name,
                **_roll_up(evaluation.dimension(dim)),
                "elements": [{"id": e.id, **_roll_up(evaluation.element(dim, e.id))} for e in dim.elements],
                "indicators": [_assessment(evaluation, a) for a in evaluation.of_dimension(dim)],
            }
        )
    actions = []
    for action, progress in evaluation.actions():
        planned = sum(line.amount for line in action.budget if line.year == evaluation.year)
        actions.append(
            {
                "id": action.id,
                "kind": "quickwin" if view.is_quickwin(action) else "program",
                "name": action.name,
                "status": progress.status if progress else None,
                "planned": planned,
                "realised": sum(s.amount for s in progress.realised) if progress else 0,
                "evidence": [e.model_dump(exclude_none=True) for e in progress.evidence] if progress else [],
            }
        )
    return {
        "city": view.plan.city.name,
        "year": evaluation.year,
        "years": view.monitoring_years,
        "reported": report.reported.isoformat(),
        "reporter": report.reporter,
        "plan": _roll_up(evaluation.plan),
        "dimensions": dimensions,
        "actions": actions,
        "absorption": {
            "total": _absorption([evaluation.total])[0],
            **{key: _absorption(rows) for key, rows in evaluation.absorption.items()},
        },
    }
