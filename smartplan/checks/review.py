"""The shape a reviewer expects: every element worked on, fresh baselines, names and terms that agree, shared leads."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from smartplan.checks.common import at
from smartplan.errors import Diagnostic, Text
from smartplan.models import YEAR_IN_ID_PATTERN
from smartplan.plan import Plan
from smartplan.source import dotted

BASELINE_AGE = 3  # years a baseline may lie before the plan starts
MEDIUM_TERM = 5  # a medium-term program runs at most this many years; a long-term one runs longer
_YEAR_IN_ID = re.compile(YEAR_IN_ID_PATTERN)


def uncovered_elements(plan: Plan) -> Iterator[Diagnostic]:
    """An element that no quick win or program works on."""
    if plan.broken.get("quickwins") or plan.broken.get("programs"):
        return
    covered = {(a.model.dimension, a.model.element) for a in plan.actions}
    known = {(d.model.id, e.id) for d in plan.dimensions for e in d.model.elements}
    # A quick win naming an unknown element (reported as dangling) may mean any of its dimension's elements.
    unsure = {dimension for dimension, element in covered - known}
    for dim in plan.dimensions:
        if dim.model.id in unsure:
            continue
        for j, element in enumerate(dim.model.elements):
            if (dim.model.id, element.id) not in covered:
                yield at(
                    dim.file,
                    ("elements", j, "id"),
                    "element-without-action",
                    Text.of("element-without-action", id=element.id),
                    hint=Text.of("element-without-action.hint", dimension=dim.model.id, id=element.id),
                    severity="warning",
                    field=dotted(("elements", j)),
                )


def old_baselines(plan: Plan) -> Iterator[Diagnostic]:
    """A baseline measured more than three years before the plan starts."""
    if plan.plan is None:
        return
    start = plan.plan.model.period.start
    for dim in plan.dimensions:
        for i, ind in enumerate(dim.model.indicators):
            if ind.baseline is not None and ind.baseline.year < start - BASELINE_AGE:
                yield at(
                    dim.file,
                    ("indicators", i, "baseline", "year"),
                    "old-baseline",
                    Text.of("old-baseline", id=ind.id, year=ind.baseline.year, age=BASELINE_AGE, start=start),
                    hint=Text.of("old-baseline.hint", year=start - BASELINE_AGE),
                    severity="warning",
                )


def names_and_terms(plan: Plan) -> Iterator[Diagnostic]:
    """A quick win whose id names another year; a program whose term does not fit its length."""
    for item in plan.quickwins:
        qw = item.model
        named = _YEAR_IN_ID.search(qw.id)
        if named and int(named.group()) != qw.year:
            yield at(
                item.file,
                ("id",),
                "id-year-mismatch",
                Text.of("id-year-mismatch", named=named.group(), year=qw.year),
                hint=Text.of("id-year-mismatch.hint", named=named.group(), year=qw.year),
                severity="warning",
            )
    for loaded in plan.programs:
        program = loaded.model
        years = program.end - program.start + 1
        if years < 1:
            continue  # reported as end-before-start
        fits = "medium" if years <= MEDIUM_TERM else "long"
        if program.term != fits:
            yield at(
                loaded.file,
                ("term",),
                "term-duration",
                Text.of("term-duration", term=program.term, years=years, span=f"{program.start}-{program.end}"),
                hint=Text.of("term-duration.hint", most=MEDIUM_TERM, fits=fits),
                severity="warning",
            )


def lead_share(plan: Plan) -> Iterator[Diagnostic]:
    """One agency leading more than a third of all quick wins and programs."""
    if plan.plan is None or plan.broken.get("quickwins") or plan.broken.get("programs"):
        return
    # By id: a quick win filed twice (reported as a duplicate id) is still one item.
    lead_of = {a.model.id: a.model.lead_agency for a in plan.actions}
    leads = Counter(lead_of.values())
    total = len(lead_of)
    for i, agency in enumerate(plan.plan.model.agencies):
        count = leads.pop(agency.id, 0)  # popped: a duplicated agency id is reported once
        if count * 3 > total:
            yield at(
                plan.plan.file,
                ("agencies", i, "id"),
                "lead-share",
                Text.of("lead-share", id=agency.id, count=count, total=total),
                hint=Text.of("lead-share.hint"),
                severity="warning",
                field=dotted(("agencies", i)),
            )
