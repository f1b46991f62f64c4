"""Ids and references across files: file names, duplicate ids, dangling references, dependency cycles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from smartplan.checks.common import at, suggest
from smartplan.errors import Diagnostic, Text
from smartplan.models import PlanFile, ReadinessData, is_id
from smartplan.plan import Loaded, Plan
from smartplan.source import Path_, dotted, stem


def file_names(plan: Plan) -> Iterator[Diagnostic]:
    loaded_files = [*plan.dimensions, *plan.actions]
    taken = {item.file for item in loaded_files}
    for loaded in loaded_files:
        file_stem, ident = stem(loaded.file), loaded.model.id
        if file_stem != ident:
            folder, _, name = loaded.file.rpartition("/")
            rename = "id-mismatch.hint.or-set" if is_id(file_stem) else "id-mismatch.hint"
            if f"{folder}/{ident}.yaml" in taken:  # a copy of that file: renaming it would overwrite the first
                new = file_stem if is_id(file_stem) else f"{ident}-2"
                hint = Text.of("id-mismatch.hint.copy", id=ident, new=new)
            else:
                hint = Text.of(rename, id=ident, stem=file_stem)
            yield at(loaded.file, ("id",), "id-mismatch", Text.of("id-mismatch", id=ident, name=name), hint=hint)


def _place(file: str, path: Path_, item: Any) -> tuple[str, Path_, str]:
    return file, path, str(item.id)


def duplicates(plan: Plan) -> Iterator[Diagnostic]:
    groups = [
        # the file named after the id first: it keeps the id, and a copy of it is the duplicate
        sorted(
            (_place(item.file, ("id",), item.model) for item in plan.actions),
            key=lambda place: stem(place[0]) != place[2],
        ),
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
            where = Text.of("duplicate-id.at", id=ident, field=dotted(other_path))
            if other_file != file and other_path == ("id",):
                where = Text.of("duplicate-id.file", id=ident, file=other_file)
            elif other_file != file:
                where = Text.of("duplicate-id.in", id=ident, file=other_file, field=dotted(other_path))
            yield at(file, path, "duplicate-id", where, Text.of("duplicate-id.hint"))


# What plan.yaml defines (thing.<what> in the catalogue), with the list a reader adds the id to.
_DEFINED_IN_PLAN = {"agency": "agencies", "funding-source": "funding_sources", "source": "sources"}


def dangling(file: str, path: Path_, ref: str, known: set[str], what: str) -> Diagnostic:
    """A reference to an id that `known` lacks (`what`: thing.<what>); every caller tests membership first."""
    hint = suggest(ref, known)
    if what in _DEFINED_IN_PLAN:
        where = Text.of(f"dangling-ref.defined.{_DEFINED_IN_PLAN[what]}")
        hint = Text.of("dangling-ref.both", suggestion=hint, where=where) if hint else where
    elif not hint:  # no id near enough to suggest: then where the ids are defined, so that it says how to fix it
        hint = Text.of(f"dangling-ref.where.{what}")
    return at(file, path, "dangling-ref", Text.of("dangling-ref", what=Text.of(f"thing.{what}"), id=ref), hint=hint)


def references(plan: Plan) -> Iterator[Diagnostic]:
    # An item left out of a file with errors is not unknown: that file's errors say what is wrong with it.
    broken, left_out = plan.broken, plan.left_out
    elements = {d.model.id: {e.id for e in d.model.elements} | left_out for d in plan.dimensions}
    indicators = {ind.id for d in plan.dimensions for ind in d.model.indicators} | left_out
    action_ids = {a.model.id for a in plan.actions} | broken.get("quickwins", set()) | broken.get("programs", set())
    for dim in plan.dimensions:
        known = elements[dim.model.id]
        for i, ind in enumerate(dim.model.indicators):
            if ind.element not in known:
                yield dangling(dim.file, ("indicators", i, "element"), ind.element, known, "element")
        headline = dim.model.headline_indicator
        own = {ind.id for ind in dim.model.indicators}
        if headline is not None and headline not in own:
            yield dangling(dim.file, ("headline_indicator",), headline, own, "own-indicator")
    # With a dimension file broken, its indicators are unknown: an indicator not found may well be one of them.
    check_indicators = not broken.get("dimensions")
    for item in plan.actions:
        file, action = item.file, item.model
        in_dimension = elements.get(action.dimension)
        if in_dimension is not None and action.element not in in_dimension:
            yield dangling(file, ("element",), action.element, in_dimension, "element")
        for i, target in enumerate(action.indicators):
            if check_indicators and target.indicator not in indicators:
                yield dangling(file, ("indicators", i, "indicator"), target.indicator, indicators, "indicator")
        for i, dep in enumerate(action.depends_on):
            if dep not in action_ids:
                yield dangling(file, ("depends_on", i), dep, action_ids, "action")
    if plan.plan is not None:
        yield from _plan_references(plan, plan.plan)


def _plan_references(plan: Plan, root: Loaded[PlanFile]) -> Iterator[Diagnostic]:
    model, left_out = root.model, plan.left_out
    agencies = {a.id for a in model.agencies} | left_out
    funding = {f.id for f in model.funding_sources} | left_out
    sources = {s.id for s in model.sources} | left_out
    for item in plan.actions:
        file, action = item.file, item.model
        if action.lead_agency not in agencies:
            yield dangling(file, ("lead_agency",), action.lead_agency, agencies, "agency")
        for i, agency in enumerate(action.supporting_agencies):
            if agency not in agencies:
                yield dangling(file, ("supporting_agencies", i), agency, agencies, "agency")
        for i, line in enumerate(action.budget):
            if line.funding not in funding:
                yield dangling(file, ("budget", i, "funding"), line.funding, funding, "funding-source")
        if action.source and action.source not in sources:
            yield dangling(file, ("source",), action.source, sources, "source")
        criteria = {c.id for c in model.quickwin_criteria}
        for criterion in getattr(action, "scores", {}):
            if criterion not in criteria:
                yield dangling(file, ("scores", criterion), criterion, criteria, "criterion")
        scored_by = getattr(action, "scores_source", None)
        if scored_by and scored_by not in sources:
            yield dangling(file, ("scores_source",), scored_by, sources, "source")
        upkeep = action.operating_cost
        if upkeep and upkeep.funding not in funding:
            yield dangling(file, ("operating_cost", "funding"), upkeep.funding, funding, "funding-source")
        if upkeep and upkeep.source and upkeep.source not in sources:
            yield dangling(file, ("operating_cost", "source"), upkeep.source, sources, "source")
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            if ind.baseline and ind.baseline.source not in sources:
                yield dangling(
                    dim.file, ("indicators", i, "baseline", "source"), ind.baseline.source, sources, "source"
                )
            if ind.source and ind.source not in sources:
                yield dangling(dim.file, ("indicators", i, "source"), ind.source, sources, "source")
            for year, target in ind.targets.items():
                own = getattr(target, "source", None)
                if own is not None and own not in sources:
                    yield dangling(dim.file, ("indicators", i, "targets", year, "source"), own, sources, "source")
        for i, element in enumerate(dim.model.elements):
            for j, score in enumerate(element.readiness):
                if score.source and score.source not in sources:
                    path: Path_ = ("elements", i, "readiness", j, "source")
                    yield dangling(dim.file, path, score.source, sources, "source")
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
        *((("phases", i, "source"), p.source) for i, p in enumerate(model.phases)),
        *((("decisions", i, "source"), d.source) for i, d in enumerate(model.decisions)),
        *((("crosswalk", i, "source"), c.source) for i, c in enumerate(model.crosswalk)),
        *((("staff_development", i, "source"), s.source) for i, s in enumerate(model.staff_development)),
        *(
            (("readiness", "data", kind, i, "source"), item.source)
            for kind in _READINESS_DATA
            for i, item in enumerate(getattr(model.readiness.data, kind))
        ),
    ]
    for path, ref in cited:
        if ref and ref not in sources:
            yield dangling(root.file, path, ref, sources, "source")
    for i, app in enumerate(model.readiness.data.applications):
        if app.agency not in agencies:
            yield dangling(
                root.file, ("readiness", "data", "applications", i, "agency"), app.agency, agencies, "agency"
            )
    owners = [(("risk_management", i, "owner"), r.owner) for i, r in enumerate(model.risk_management)]
    owners += [(("staff_development", i, "agency"), s.agency) for i, s in enumerate(model.staff_development)]
    for path, owner in owners:
        if owner and owner not in agencies:
            yield dangling(root.file, path, owner, agencies, "agency")
    missions = {m.id for m in model.missions}
    indicators = {ind.id for d in plan.dimensions for ind in d.model.indicators}
    for i, step in enumerate(model.crosswalk):
        if step.mission and step.mission not in missions:
            yield dangling(root.file, ("crosswalk", i, "mission"), step.mission, missions, "mission")
        if step.indicator and not plan.broken.get("dimensions") and step.indicator not in indicators:
            yield dangling(root.file, ("crosswalk", i, "indicator"), step.indicator, indicators, "indicator")
    for i, initiative in enumerate(profile.existing_initiatives):
        if initiative.agency not in agencies:
            yield dangling(
                root.file, ("profile", "existing_initiatives", i, "agency"), initiative.agency, agencies, "agency"
            )


_READINESS_DATA = tuple(ReadinessData.model_fields)


def cycles(plan: Plan) -> Iterator[Diagnostic]:
    counts = Counter(item.model.id for item in plan.actions)
    # A duplicated id is reported as such; which of its files a dependency means is unknown.
    by_id = {item.model.id: item for item in plan.actions if counts[item.model.id] == 1}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    trail: list[str] = []

    def visit(start: str) -> Iterator[Diagnostic]:
        # Depth-first with an explicit stack: a valid chain of thousands of dependencies must not recurse.
        state[start] = 1
        trail.append(start)
        pending = [iter(by_id[start].model.depends_on)]
        while pending:
            dep = next(pending[-1], None)
            if dep is None:
                pending.pop()
                state[trail.pop()] = 2
            elif dep in by_id and state.get(dep) == 1:
                ring = [*trail[trail.index(dep) :], dep]
                # A long ring is shortened, so that n reports of it do not grow as n * n.
                shown = ring if len(ring) <= 9 else [*ring[:4], "...", *ring[-4:]]
                for source, target in zip(ring, ring[1:], strict=False):
                    edge = by_id[source]
                    yield at(
                        edge.file,
                        ("depends_on", edge.model.depends_on.index(target)),
                        "cycle",
                        Text.of("cycle", source=source, target=target, ring=" -> ".join(shown)),
                        hint=Text.of("cycle.hint"),
                    )
            elif dep in by_id and dep not in state:
                state[dep] = 1
                trail.append(dep)
                pending.append(iter(by_id[dep].model.depends_on))

    for ident in sorted(by_id):
        if ident not in state:
            yield from visit(ident)
