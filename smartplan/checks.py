"""Whole-plan checks, run after every file is loaded: a pure function from Plan to diagnostics.

Diagnostics made here carry a field path but no line:column; the pipeline places them
afterwards, so no file's position map has to be kept in memory for the checks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from difflib import get_close_matches
from pathlib import PurePosixPath
from typing import Any

from smartplan.errors import Diagnostic
from smartplan.models import DIMENSION_IDS, Indicator, PlanFile, ProgramFile, QuickWinFile
from smartplan.plan import Loaded, Plan
from smartplan.source import Path_, dotted, join

Action = QuickWinFile | ProgramFile
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")  # models.Id


def check_plan(plan: Plan) -> list[Diagnostic]:
    """Every cross-file problem in the plan."""
    return [
        *_file_names(plan),
        *_duplicates(plan),
        *_references(plan),
        *_cycles(plan),
        *_years(plan),
        *_amounts(plan),
        *_coverage(plan),
    ]


def _at(
    file: str, path: Path_, code: str, message: str, hint: str = "", severity: str = "error", field: str | None = None
) -> Diagnostic:
    """A diagnostic about the value at `path`; `field` names it when the path alone would mislead."""
    return Diagnostic(file, 0, 0, code, message, severity, dotted(path) if field is None else field, hint, path)


def _suggest(name: str, known: Iterable[str]) -> str:
    # 0.7: ids share prefixes such as "prg-" and "qw-2025-", which alone must not make a suggestion
    close = get_close_matches(name, list(known), n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'?" if close else ""


def _file_names(plan: Plan) -> Iterator[Diagnostic]:
    for loaded in [*plan.dimensions, *plan.actions]:
        stem = PurePosixPath(loaded.file).stem
        if stem != loaded.model.id:
            or_set = f" or set 'id: {stem}'" if _ID.match(stem) else ""
            yield _at(
                loaded.file,
                ("id",),
                "id-mismatch",
                f"id '{loaded.model.id}' does not match the file name '{PurePosixPath(loaded.file).name}'",
                hint=f"rename the file to '{loaded.model.id}.yaml'{or_set}",
            )


def _place(file: str, path: Path_, item: Any) -> tuple[str, Path_, str]:
    return file, path, str(item.id)


def _duplicates(plan: Plan) -> Iterator[Diagnostic]:
    groups = [
        [_place(item.file, ("id",), item.model) for item in plan.actions],
        [
            _place(d.file, ("indicators", i, "id"), ind)
            for d in plan.dimensions
            for i, ind in enumerate(d.model.indicators)
        ],
        *[[_place(d.file, ("elements", i, "id"), e) for i, e in enumerate(d.model.elements)] for d in plan.dimensions],
    ]
    if plan.plan:
        file, root = plan.plan.file, plan.plan.model
        for name in ("agencies", "funding_sources", "sources", "missions"):
            groups.append([_place(file, (name, i, "id"), item) for i, item in enumerate(getattr(root, name))])
        groups.append(
            [_place(file, ("governance", "bodies", i, "id"), b) for i, b in enumerate(root.governance.bodies)]
        )
    for group in groups:
        first: dict[str, tuple[str, Path_]] = {}
        for file, path, ident in group:
            if ident not in first:
                first[ident] = (file, path)
                continue
            other_file, other_path = first[ident]
            where = f"used at {dotted(other_path)}"
            if other_file != file and other_path == ("id",):
                where = f"the id of {other_file}"
            elif other_file != file:
                where = f"used in {other_file} at {dotted(other_path)}"
            yield _at(file, path, "duplicate-id", f"id '{ident}' is already {where}", "give each its own id")


def _reference(
    file: str, path: Path_, ref: str, known: set[str], what: str, *, quiet: bool = False
) -> Iterator[Diagnostic]:
    if ref not in known and not quiet:
        yield _at(file, path, "dangling-ref", f"unknown {what} '{ref}'", hint=_suggest(ref, known))


def _references(plan: Plan) -> Iterator[Diagnostic]:
    broken = plan.broken
    elements = {d.model.id: {e.id for e in d.model.elements} for d in plan.dimensions}
    indicators = {ind.id for d in plan.dimensions for ind in d.model.indicators}
    action_ids = {a.model.id for a in plan.actions} | broken.get("quickwins", set()) | broken.get("programs", set())
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            yield from _reference(
                dim.file, ("indicators", i, "element"), ind.element, elements[dim.model.id], "element"
            )
    for item in plan.actions:
        action = item.model
        if action.dimension in elements:
            yield from _reference(item.file, ("element",), action.element, elements[action.dimension], "element")
        for i, target in enumerate(action.indicators):
            yield from _reference(
                item.file,
                ("indicators", i, "indicator"),
                target.indicator,
                indicators,
                "indicator",
                quiet=bool(broken.get("dimensions")),
            )
        for i, dep in enumerate(action.depends_on):
            yield from _reference(item.file, ("depends_on", i), dep, action_ids, "quick win or program")
    if plan.plan is not None:
        yield from _plan_references(plan, plan.plan)


def _plan_references(plan: Plan, root: Loaded[PlanFile]) -> Iterator[Diagnostic]:
    model = root.model
    agencies = {a.id for a in model.agencies}
    funding = {f.id for f in model.funding_sources}
    sources = {s.id for s in model.sources}
    for item in plan.actions:
        action = item.model
        yield from _reference(item.file, ("lead_agency",), action.lead_agency, agencies, "agency")
        for i, agency in enumerate(action.supporting_agencies):
            yield from _reference(item.file, ("supporting_agencies", i), agency, agencies, "agency")
        for i, line in enumerate(action.budget):
            yield from _reference(item.file, ("budget", i, "funding"), line.funding, funding, "funding source")
        if action.source:
            yield from _reference(item.file, ("source",), action.source, sources, "source")
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            if ind.baseline:
                yield from _reference(
                    dim.file, ("indicators", i, "baseline", "source"), ind.baseline.source, sources, "source"
                )
            if ind.source:
                yield from _reference(dim.file, ("indicators", i, "source"), ind.source, sources, "source")
    profile = model.profile
    cited: list[tuple[Path_, str | None]] = [
        *((("profile", "facts", i, "source"), f.source) for i, f in enumerate(profile.facts)),
        *((("profile", "population", i, "source"), p.source) for i, p in enumerate(profile.population)),
        *((("profile", "districts", i, "source"), d.source) for i, d in enumerate(profile.districts)),
        *(
            (("readiness", aspect, i, "source"), r.source)
            for aspect in ("structure", "infrastructure", "superstructure")
            for i, r in enumerate(getattr(model.readiness, aspect))
        ),
    ]
    for path, ref in cited:
        if ref:
            yield from _reference(root.file, path, ref, sources, "source")
    for i, initiative in enumerate(profile.existing_initiatives):
        yield from _reference(
            root.file, ("profile", "existing_initiatives", i, "agency"), initiative.agency, agencies, "agency"
        )


def _cycles(plan: Plan) -> Iterator[Diagnostic]:
    counts = Counter(item.model.id for item in plan.actions)
    # A duplicated id is reported as such; which of its files a dependency means is unknown.
    by_id = {item.model.id: item for item in plan.actions if counts[item.model.id] == 1}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    trail: list[str] = []

    def visit(ident: str) -> Iterator[Diagnostic]:
        state[ident] = 1
        trail.append(ident)
        item = by_id[ident]
        for dep in item.model.depends_on:
            if dep not in by_id:
                continue
            if state.get(dep) == 1:
                ring = [*trail[trail.index(dep) :], dep]
                for source, target in zip(ring, ring[1:], strict=False):
                    edge = by_id[source]
                    yield _at(
                        edge.file,
                        ("depends_on", edge.model.depends_on.index(target)),
                        "cycle",
                        f"'{source}' depends on '{target}', which closes the cycle {' -> '.join(ring)}",
                        hint="remove one of the dependencies in the cycle",
                    )
            elif dep not in state:
                yield from visit(dep)
        trail.pop()
        state[ident] = 2

    for ident in sorted(by_id):
        if ident not in state:
            yield from visit(ident)


def _years(plan: Plan) -> Iterator[Diagnostic]:
    if plan.plan is None:
        return
    period = plan.plan.model.period
    first, last = period.start, period.end
    if last < first:
        yield _at(
            plan.plan.file,
            ("period", "end"),
            "end-before-start",
            f"the plan ends ({last}) before it starts ({first})",
            hint="swap period.start and period.end",
        )
        return
    span = f"{first}-{last}"

    def outside(file: str, path: Path_, year: int, what: str) -> Iterator[Diagnostic]:
        if not first <= year <= last:
            yield _at(
                file,
                path,
                "out-of-period",
                f"{what} {year} is outside the plan period {span}",
                hint=f"use a year from {first} to {last}",
            )

    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            for year in ind.targets:
                yield from outside(dim.file, ("indicators", i, "targets", year), year, "target year")
    for quickwin in plan.quickwins:
        yield from outside(quickwin.file, ("year",), quickwin.model.year, "year")
        yield from _quickwin_span(quickwin)
    for loaded in plan.programs:
        program = loaded.model
        yield from outside(loaded.file, ("start",), program.start, "start year")
        yield from outside(loaded.file, ("end",), program.end, "end year")
        if program.end < program.start:
            yield _at(
                loaded.file,
                ("end",),
                "end-before-start",
                f"the program ends ({program.end}) before it starts ({program.start})",
                hint=f"set 'end' to {program.start} or later",
            )
        for i, milestone in enumerate(program.milestones):
            yield from outside(loaded.file, ("milestones", i, "year"), milestone.year, "milestone year")
    for item in plan.actions:
        # A quick win's own year is checked once, above; its budget and targets in that year add nothing.
        own = item.model.year if isinstance(item.model, QuickWinFile) else None
        for i, line in enumerate(item.model.budget):
            if line.year != own:
                yield from outside(item.file, ("budget", i, "year"), line.year, "budget year")
        for i, target in enumerate(item.model.indicators):
            if target.year is not None and target.year != own:
                yield from outside(item.file, ("indicators", i, "year"), target.year, "target year")


def _months(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def _quickwin_span(item: Loaded[QuickWinFile]) -> Iterator[Diagnostic]:
    qw = item.model
    for i, step in enumerate(qw.schedule):
        if _months(step.end) < _months(step.start):
            yield _at(
                item.file,
                ("schedule", i, "end"),
                "end-before-start",
                f"activity ends ({step.end}) before it starts ({step.start})",
                hint=f"set 'end' to {step.start} or later",
            )
    if qw.schedule:
        start = min(_months(s.start) for s in qw.schedule)
        end = max(_months(s.end) for s in qw.schedule)
        if end - start + 1 > 12:
            yield _at(
                item.file,
                ("schedule",),
                "quickwin-too-long",
                f"the schedule spans {end - start + 1} months; a quick win is delivered within 12",
                hint="shorten the schedule, or make it a program in programs/",
            )
        if start // 12 != qw.year:
            yield _at(
                item.file,
                ("schedule", 0, "start"),
                "out-of-period",
                f"the schedule starts in {start // 12}, not in the quick win's year {qw.year}",
                hint=f"start the schedule in {qw.year}, or change 'year'",
            )
    years = {qw.year} | {_months(s.end) // 12 for s in qw.schedule}
    for i, line in enumerate(qw.budget):
        if line.year not in years:
            yield _at(
                item.file,
                ("budget", i, "year"),
                "quickwin-too-long",
                f"budget year {line.year} is outside the quick win's year {qw.year}",
                hint="a quick win is funded within its year; spread longer work over a program",
            )


def _amounts(plan: Plan) -> Iterator[Diagnostic]:
    for item in plan.actions:
        for i, line in enumerate(item.model.budget):
            if line.amount < 0:
                yield _at(
                    item.file,
                    ("budget", i, "amount"),
                    "negative-amount",
                    f"amount {line.amount} is negative",
                    hint="budgets are zero or more Rupiah",
                )


def _coverage(plan: Plan) -> Iterator[Diagnostic]:
    present = {d.model.id for d in plan.dimensions} | plan.broken.get("dimensions", set())
    for ident in DIMENSION_IDS:
        if ident not in present:
            yield _at(
                join(plan.root, f"dimensions/{ident}.yaml"),
                (),
                "missing-dimension",
                f"dimension '{ident}' has no file",
                hint=f"add dimensions/{ident}.yaml; every plan covers all six dimensions",
            )
    with_quickwin = {qw.model.dimension for qw in plan.quickwins}
    for dim in plan.dimensions:
        model = dim.model
        if model.id not in with_quickwin and not plan.broken.get("quickwins"):
            yield _at(
                dim.file,
                ("id",),
                "no-quickwin",
                f"dimension '{model.id}' has no quick win",
                hint=f"add a file to quickwins/ with 'dimension: {model.id}'",
                severity="warning",
                field="",
            )
        if len(model.elements) != 3:
            yield _at(
                dim.file,
                ("elements",),
                "element-count",
                f"{len(model.elements)} elements; the national guide sets 3 per dimension",
                severity="warning",
            )
        for i, ind in enumerate(model.indicators):
            path: Path_ = ("indicators", i)
            if ind.baseline is None:
                yield _at(
                    dim.file,
                    (*path, "id"),
                    "no-baseline",
                    f"indicator '{ind.id}' has no baseline",
                    hint="add 'baseline: {year, value, source}'",
                    severity="warning",
                    field=dotted(path),
                )
            if not ind.targets:
                yield _at(
                    dim.file,
                    (*path, "id"),
                    "no-targets",
                    f"indicator '{ind.id}' has no yearly targets",
                    hint="add 'targets:' with one 'year: value' line per year",
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
            yield _at(
                file,
                (*path, "targets"),
                "target-direction",
                f"targets of '{indicator.id}' move the wrong way for direction '{indicator.direction}'",
                hint="check the targets or the direction",
                severity="warning",
            )
            return
