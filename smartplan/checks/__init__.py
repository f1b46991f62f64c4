"""Whole-plan checks, run after every file is loaded: a pure function from Plan to diagnostics.

Diagnostics made here carry a field path but no line:column; the pipeline places them
afterwards, so no file's position map has to be kept in memory for the checks. Their message and hint
are Texts, `Text.of(key, field=value)`: a new message is one entry in each of
templates/messages/problems.id.yaml and problems.en.yaml (tests/test_problem_words.py holds them alike).
"""

from __future__ import annotations

from itertools import chain, islice

from smartplan.checks.coverage import coverage
from smartplan.checks.front import emblem, front_matter
from smartplan.checks.funding import funding
from smartplan.checks.ids import cycles, duplicates, file_names, references
from smartplan.checks.monitoring import monitoring
from smartplan.checks.review import lead_share, names_and_terms, old_baselines, uncovered_elements
from smartplan.checks.unfilled import unfilled
from smartplan.checks.years import amounts, years
from smartplan.errors import Diagnostic, Text
from smartplan.plan import Plan

MAX_PROBLEMS = 1_000


def check_plan(plan: Plan) -> list[Diagnostic]:
    """Every cross-file problem in the plan, or the first thousand of them."""
    checks = chain(
        file_names(plan),
        duplicates(plan),
        references(plan),
        cycles(plan),
        years(plan),
        amounts(plan),
        coverage(plan),
        uncovered_elements(plan),
        old_baselines(plan),
        names_and_terms(plan),
        lead_share(plan),
        funding(plan),
        unfilled(plan),
        monitoring(plan),
        front_matter(plan),
        emblem(plan),
    )
    # The checks are generators: stopping here also stops the work, which a hostile plan could make quadratic.
    found = list(islice(checks, MAX_PROBLEMS + 1))
    if len(found) > MAX_PROBLEMS:
        found[MAX_PROBLEMS:] = [
            Diagnostic(
                plan.root,
                1,
                1,
                "too-many-problems",
                Text.of("too-many-problems.between", count=MAX_PROBLEMS),
                hint=Text.of("too-many-problems.hint"),
            )
        ]
    return found
