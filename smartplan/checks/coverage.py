"""Completeness: all six dimensions present, and warnings for what is suspicious but legal."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.errors import Diagnostic, Text
from smartplan.models import DIMENSION_IDS, Indicator
from smartplan.plan import Plan
from smartplan.source import Path_, dotted, join


def coverage(plan: Plan) -> Iterator[Diagnostic]:
    present = {d.model.id for d in plan.dimensions} | plan.broken.get("dimensions", set())
    for ident in DIMENSION_IDS:
        if ident not in present:
            yield at(
                join(plan.root, f"dimensions/{ident}.yaml"),
                (),
                "missing-dimension",
                Text.of("missing-dimension", id=ident),
                hint=Text.of("missing-dimension.hint", id=ident),
            )
    with_quickwin = {qw.model.dimension for qw in plan.quickwins}
    for dim in plan.dimensions:
        model = dim.model
        if dim.file in plan.partial:  # what its errors left out would look missing here
            continue
        if model.id not in with_quickwin and not plan.broken.get("quickwins"):
            yield at(
                dim.file,
                ("id",),
                "no-quickwin",
                Text.of("no-quickwin", id=model.id),
                hint=Text.of("no-quickwin.hint", id=model.id),
                severity="warning",
                field="",
            )
        if len(model.elements) != 3:
            yield at(
                dim.file,
                ("elements",),
                "element-count",
                Text.of("element-count", count=len(model.elements)),
                severity="warning",
            )
        for i, ind in enumerate(model.indicators):
            path: Path_ = ("indicators", i)
            if ind.baseline is None:
                yield at(
                    dim.file,
                    (*path, "id"),
                    "no-baseline",
                    Text.of("no-baseline", id=ind.id),
                    hint=Text.of("no-baseline.hint"),
                    severity="warning",
                    field=dotted(path),
                )
            if not ind.targets:
                yield at(
                    dim.file,
                    (*path, "id"),
                    "no-targets",
                    Text.of("no-targets", id=ind.id),
                    hint=Text.of("no-targets.hint"),
                    severity="warning",
                    field=dotted(path),
                )
            yield from _direction(dim.file, path, ind)


def _direction(file: str, path: Path_, indicator: Indicator) -> Iterator[Diagnostic]:
    values = [indicator.targets[y] for y in sorted(indicator.targets)]
    if indicator.baseline is not None:
        values.insert(0, indicator.baseline.value)
    sign = 1 if indicator.direction == "higher" else -1
    for before, after in zip(values, values[1:], strict=False):
        if (after - before) * sign < 0:
            yield at(
                file,
                (*path, "targets"),
                "target-direction",
                Text.of("target-direction", id=indicator.id, direction=indicator.direction),
                hint=Text.of("target-direction.hint"),
                severity="warning",
            )
            return
