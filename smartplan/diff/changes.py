"""What changed between two versions of a plan, as a value: items, budget totals, indicators. No I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from smartplan.models import DIMENSION_IDS, DimensionFile, PlanFile
from smartplan.plan import Plan

# Lists of plan.yaml that hold items with ids of their own: compared item by item, not as fields of the plan.
PLAN_ITEMS = {"agencies": "agency", "funding_sources": "funding source", "sources": "source"}
BUDGET_AXES = ("dimension", "year", "funding", "agency")


@dataclass(frozen=True)
class FieldChange:
    """One value that differs: its path inside the item (`budget[1].year`), before and after (None: absent)."""

    path: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    """A quick win, program, indicator, dimension, agency, ... that was added, removed, renamed or changed."""

    kind: str
    id: str
    name: str
    status: str  # added, removed, renamed (same content, new id: `old_id` is the id before) or changed
    fields: tuple[FieldChange, ...] = ()
    old_id: str = ""


@dataclass(frozen=True)
class Total:
    """One row of a budget total: a dimension, year, funding source or lead agency; Rupiah before and after."""

    key: str
    name: str
    before: int
    after: int

    @property
    def difference(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator whose baseline or yearly targets differ; `targets` holds (year, before, after) per change."""

    id: str
    name: str
    baseline_before: tuple[int, float] | None
    baseline_after: tuple[int, float] | None
    targets: tuple[tuple[int, float | None, float | None], ...]


@dataclass(frozen=True)
class Diff:
    """Everything that differs between two plans; the budget totals are whole, changed or not."""

    items: tuple[ItemChange, ...]
    budget: dict[str, tuple[Total, ...]]  # by axis: dimension, year, funding, agency
    indicators: tuple[IndicatorChange, ...]
    monitoring: tuple[FieldChange, ...]

    @property
    def has_changes(self) -> bool:
        return bool(self.items or self.indicators or self.monitoring)


def flatten(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of a JSON-like value with its path: `budget[0].amount`, `targets.2026`; empty lists are leaves."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from flatten(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from flatten(item, f"{path}[{index}]")
    else:
        yield path, value


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The leaves that differ, in the order they appear (after's new leaves last)."""
    old, new = dict(flatten(before)), dict(flatten(after))
    paths = [*old, *(p for p in new if p not in old)]
    return tuple(
        FieldChange(p, old.get(p), new.get(p)) for p in paths if old.get(p) != new.get(p) or (p in old) != (p in new)
    )


def _dump(model: BaseModel, leave_out: Iterable[str] = ()) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude=set(leave_out) or None)


def _name(model: BaseModel) -> str:
    return str(getattr(model, "name", None) or getattr(model, "title", None) or getattr(model, "id", ""))


def compare_items(
    kind: str, before: Sequence[Any], after: Sequence[Any], leave_out: tuple[str, ...] = (), apart: tuple[str, ...] = ()
) -> list[ItemChange]:
    """Items of one kind matched by id; an item gone and one come with the same content otherwise is a rename.

    Fields in `leave_out` are not compared at all; those in `apart` (shown in a section of their own) only
    count for telling a rename.
    """
    old = {m.id: m for m in before}
    new = {m.id: m for m in after}
    changes = []
    for ident in old.keys() & new.keys():
        fields = field_changes(_dump(old[ident], (*leave_out, *apart)), _dump(new[ident], (*leave_out, *apart)))
        if fields:
            changes.append(ItemChange(kind, ident, _name(new[ident]), "changed", fields))
    gone = [i for i in old if i not in new]
    for ident in (i for i in new if i not in old):
        content = _dump(new[ident], ("id", *leave_out))
        was = next((g for g in gone if _dump(old[g], ("id", *leave_out)) == content), None)
        if was is not None:
            gone.remove(was)
            changes.append(ItemChange(kind, ident, _name(new[ident]), "renamed", old_id=was))
        else:
            changes.append(ItemChange(kind, ident, _name(new[ident]), "added"))
    changes.extend(ItemChange(kind, g, _name(old[g]), "removed") for g in gone)
    return sorted(changes, key=lambda c: c.id)


def _models(plan: Plan) -> tuple[PlanFile, list[DimensionFile]]:
    assert plan.plan is not None, "only a plan that passed its checks is compared"
    return plan.plan.model, [d.model for d in plan.dimensions]


def compare(before: Plan, after: Plan) -> Diff:
    """Compare two plans that passed their checks."""
    old_plan, old_dims = _models(before)
    new_plan, new_dims = _models(after)
    items: list[ItemChange] = []
    plan_fields = field_changes(_dump(old_plan, PLAN_ITEMS), _dump(new_plan, PLAN_ITEMS))
    if plan_fields:
        items.append(ItemChange("plan", "plan.yaml", new_plan.document.title, "changed", plan_fields))
    for field, kind in PLAN_ITEMS.items():
        items += compare_items(kind, getattr(old_plan, field), getattr(new_plan, field))
    items += compare_items("dimension", list(old_dims), list(new_dims), ("indicators",))
    old_indicators = [i for d in old_dims for i in d.indicators]
    new_indicators = [i for d in new_dims for i in d.indicators]
    items += compare_items("indicator", old_indicators, new_indicators, apart=("baseline", "targets"))
    items += compare_items("quick win", [q.model for q in before.quickwins], [q.model for q in after.quickwins])
    items += compare_items("program", [p.model for p in before.programs], [p.model for p in after.programs])
    return Diff(
        tuple(items),
        budget_totals(before, after),
        tuple(indicator_changes(old_dims, new_dims)),
        monitoring_changes(before, after),
    )


def budget_by(plan: Plan) -> dict[str, dict[str, int]]:
    """The plan's budget summed along each axis: by dimension, year, funding source and lead agency."""
    sums: dict[str, dict[str, int]] = {axis: defaultdict(int) for axis in BUDGET_AXES}
    for action in plan.actions:
        for line in action.model.budget:
            sums["dimension"][action.model.dimension] += line.amount
            sums["year"][str(line.year)] += line.amount
            sums["funding"][line.funding] += line.amount
            sums["agency"][action.model.lead_agency] += line.amount
    return sums


def budget_totals(before: Plan, after: Plan) -> dict[str, tuple[Total, ...]]:
    """Before and after along each axis, every key either plan has, in the plan's order; names from after."""
    old, new = budget_by(before), budget_by(after)
    names: dict[str, dict[str, str]] = {"dimension": {}, "year": {}, "funding": {}, "agency": {}}
    for plan in (before, after):
        model, dims = _models(plan)
        names["dimension"].update({d.id: d.name for d in dims})
        names["funding"].update({f.id: f.name for f in model.funding_sources})
        names["agency"].update({a.id: a.short_name or a.name for a in model.agencies})
    order = {
        "dimension": list(DIMENSION_IDS),
        "year": sorted({*old["year"], *new["year"]}),
        "funding": list(names["funding"]),
        "agency": list(names["agency"]),
    }
    return {
        axis: tuple(
            Total(key, names[axis].get(key, key), old[axis].get(key, 0), new[axis].get(key, 0))
            for key in order[axis]
            if key in old[axis] or key in new[axis]
        )
        for axis in BUDGET_AXES
    }


def indicator_changes(before: list[DimensionFile], after: list[DimensionFile]) -> Iterator[IndicatorChange]:
    """Indicators present in both versions whose baseline or targets differ, in the order of the new plan."""
    old = {i.id: i for d in before for i in d.indicators}
    for new in (i for d in after for i in d.indicators):
        was = old.get(new.id)
        if was is None:
            continue
        baselines = [(b.year, b.value) if b else None for b in (was.baseline, new.baseline)]
        years = sorted({*was.targets, *new.targets})
        targets = tuple(
            (y, was.targets.get(y), new.targets.get(y)) for y in years if was.targets.get(y) != new.targets.get(y)
        )
        if baselines[0] != baselines[1] or targets:
            yield IndicatorChange(new.id, new.name, baselines[0], baselines[1], targets)


def monitoring_changes(before: Plan, after: Plan) -> tuple[FieldChange, ...]:
    """What the monitoring files report differently, by year: realised values, statuses, realised budgets."""
    old, new = _reported(before), _reported(after)
    return tuple(
        FieldChange(path, old.get(path), new.get(path))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    )


def _reported(plan: Plan) -> dict[str, Any]:
    """Every reported figure of the plan's monitoring files, by path: `2025.governance-1.value`."""
    values: dict[str, Any] = {}
    for loaded in plan.monitoring:
        report = loaded.model
        for realised in report.indicators:
            values[f"{report.year}.{realised.indicator}.value"] = realised.value
            values[f"{report.year}.{realised.indicator}.source"] = realised.source
        for progress in (*report.quickwins, *report.programs):
            values[f"{report.year}.{progress.id}.status"] = progress.status
            values[f"{report.year}.{progress.id}.realised"] = sum(spent.amount for spent in progress.realised)
    return values
