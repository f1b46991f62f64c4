"""`smartplan status`: one monitoring year's roll-up as plain data (the JSON), and that data as terminal text.

Plan text goes through `printable` before colour codes are added, so a plan cannot drive the terminal.
"""

from __future__ import annotations

from typing import Any

from smartplan.errors import printable
from smartplan.monitoring.achievement import STATUSES, Assessment, RollUp
from smartplan.monitoring.evaluation import Absorption, Evaluation

WORDS = {status: status.replace("-", " ") for status in STATUSES}
WORDS.update({"not-started": "not started", "running": "running", "done": "done", "delayed": "delayed"})
WORDS.update({"cancelled": "cancelled", "": "not reported"})
COLOURS = {"achieved": "green", "on-track": "green", "needs-attention": "yellow", "off-track": "red"}
COLOURS.update({"done": "green", "running": "green", "delayed": "yellow", "cancelled": "red"})


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


def _percent(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio * 100:.0f}%"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def _summary(roll: dict[str, Any], paint: Any) -> str:
    counts = ", ".join(f"{n} {WORDS[s]}" for s, n in roll["counts"].items() if n)
    return f"{paint(roll['status'])} ({_percent(roll['score'])}): {counts or 'no indicators'}"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  "
        + "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _with_status(table: list[str], painted: list[str]) -> list[str]:
    """A status column added after the others are aligned, so that colour codes do not count as width."""
    width = max(len(line) for line in table)
    return [printable(table[0].ljust(width)) + "  status"] + [
        printable(line.ljust(width)) + "  " + word for line, word in zip(table[1:], painted, strict=True)
    ]


def status_text(data: dict[str, Any], colour: bool = False) -> str:
    """The roll-up for a terminal: the plan, a table per dimension, quick wins and programs, absorption."""
    import click

    def paint(status: str | None) -> str:
        word = WORDS[status or ""]
        return click.style(word, fg=COLOURS.get(status or ""), bold=True) if colour else word

    lines = [
        printable(f"{data['city']}: monitoring {data['year']}, reported {data['reported']} by {data['reporter']}"),
        f"plan: {_summary(data['plan'], paint)}",
    ]
    for dim in data["dimensions"]:
        lines += ["", f"{printable(dim['name'])}: {_summary(dim, paint)}"]
        rows = [["indicator", "unit", "target", "realised", "achievement"]]
        for ind in dim["indicators"]:
            value = _number(ind["value"]) + ("†" if ind["placeholder"] else "")
            rows.append([ind["id"], ind["unit"], _number(ind["target"]), value, _percent(ind["progress"])])
        lines += _with_status(_table(rows, {2, 3, 4}), [paint(ind["status"]) for ind in dim["indicators"]])
    if data["actions"]:
        lines += ["", f"quick wins and programs in {data['year']}:"]
        rows = [["id", "kind", "planned", "realised", "evidence"]]
        for a in data["actions"]:
            rows.append([a["id"], a["kind"], f"{a['planned']:,}", f"{a['realised']:,}", str(len(a["evidence"]))])
        lines += _with_status(_table(rows, {2, 3, 4}), [paint(a["status"]) for a in data["actions"]])
    total = data["absorption"]["total"]
    lines += [
        "",
        f"budget absorption {data['year']}: {total['realised']:,} of {total['planned']:,} Rupiah "
        f"({_percent(total['ratio'])})",
    ]
    for key, label in (("dimension", "by dimension"), ("funding", "by funding source"), ("agency", "by lead agency")):
        rows = [[label, "planned", "realised", "absorbed"]]
        rows += [
            [r["id"], f"{r['planned']:,}", f"{r['realised']:,}", _percent(r["ratio"])] for r in data["absorption"][key]
        ]
        lines += _table(rows, {1, 2, 3})
    if any(ind["placeholder"] for dim in data["dimensions"] for ind in dim["indicators"]):
        lines += ["", "† from a placeholder source: awaits confirmation by the agency (OPD)"]
    return "".join(line + "\n" for line in lines)  # plan text made printable above, before any colour
