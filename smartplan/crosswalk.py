"""The masterplan's crosswalk: from RPJPD, RPJMD, RPJMN and the province's plans to mission, goal and indicator."""

from __future__ import annotations

from smartplan.context import View
from smartplan.tables import Table, _note


def crosswalk(view: View) -> Table | None:
    """One row per line of the plan's crosswalk; None when the plan has none."""
    lang = view.lang
    lines = view.plan.crosswalk
    if not lines:
        return None
    missions = {m.id: n for n, m in enumerate(view.plan.missions, start=1)}
    rows = []
    for line in lines:
        indicator = view.indicator(line.indicator) if line.indicator else None
        dimension = line.dimension or next((d.id for d in view.dimensions if indicator in d.indicators), None)
        dim = view.dimension.get(dimension) if dimension else None
        rows.append(
            [
                line.document,
                line.reference,
                lang.format("mission_number", number=missions[line.mission]) if line.mission else "–",
                f"{dim.name}: {dim.goal}" if dim else "–",
                indicator.name if indicator else "–",
            ]
        )
    header = [
        lang.label("document"),
        lang.label("crosswalk_reference"),
        lang.label("mission"),
        lang.label("crosswalk_goal"),
        lang.label("indicator"),
    ]
    return Table(
        "crosswalk",
        lang.label("table_crosswalk"),
        header,
        rows,
        numeric=False,
        note=_note(view, [c.source for c in lines]),
    )


def unlinked_indicators(view: View) -> list[str]:
    """Names of the indicators no crosswalk line leads to."""
    linked = {line.indicator for line in view.plan.crosswalk}
    return [i.name for d in view.dimensions for i in d.indicators if i.id not in linked]
