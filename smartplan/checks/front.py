"""The formal parts of the books (Kata Pengantar, Lembar Pengesahan): missing ones are shown as placeholders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from smartplan.checks.common import at
from smartplan.emblem import EmblemProblem, read
from smartplan.errors import Diagnostic
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
            "no Kata Pengantar signed by the head of region; the books show a placeholder",
            hint="add 'foreword:' (the text) and 'head_of_region:' (position, name) to plan.yaml",
            severity="warning",
        )
    if not model.approval:
        yield at(
            file,
            ("approval",),
            "no-approval",
            "no one to sign the Lembar Pengesahan; the books show a placeholder",
            hint="add 'approval:' with the position (and name, once known) of each who signs",
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
            hint="give a PNG or JPEG file beside plan.yaml, at most 512 KiB and 4000 pixels a side",
        )
