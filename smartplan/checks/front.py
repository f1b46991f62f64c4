"""The formal parts of the books (Kata Pengantar, Lembar Pengesahan): missing ones are shown as placeholders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from smartplan.checks.common import at
from smartplan.emblem import EmblemProblem, read
from smartplan.errors import Diagnostic, Text
from smartplan.plan import Plan


def front_matter(plan: Plan) -> Iterator[Diagnostic]:
    """A warning for each formal part the plan leaves to a placeholder."""
    if plan.plan is None:
        return
    model, file = plan.plan.model, plan.plan.file
    if model.foreword is None or model.head_of_region is None:
        yield at(
            file,
            ("foreword",) if model.foreword is None else ("head_of_region",),
            "no-foreword",
            Text.of("no-foreword"),
            hint=Text.of("no-foreword.hint"),
            severity="warning",
        )
    if not model.approval:
        yield at(
            file,
            ("approval",),
            "no-approval",
            Text.of("no-approval"),
            hint=Text.of("no-approval.hint"),
            severity="warning",
        )


def emblem(plan: Plan) -> Iterator[Diagnostic]:
    """The emblem plan.yaml names, if any, is a PNG or JPEG of bounded size beside it: the one file a check reads."""
    if plan.plan is None or plan.plan.model.city.emblem is None:
        return
    name = plan.plan.model.city.emblem
    try:
        read(Path(plan.plan.file).parent / name)
    except EmblemProblem as problem:
        yield at(
            plan.plan.file,
            ("city", "emblem"),
            problem.code,
            problem.message,
            hint=Text.of("emblem.hint"),
        )
