"""Whole-plan checks, run after every file is loaded: a pure function from Plan to diagnostics.

Diagnostics made here carry a field path but no line:column; the pipeline places them
afterwards, so no file's position map has to be kept in memory for the checks.
"""

from __future__ import annotations

from smartplan.checks.coverage import coverage
from smartplan.checks.ids import cycles, duplicates, file_names, references
from smartplan.checks.years import amounts, years
from smartplan.errors import Diagnostic
from smartplan.plan import Plan


def check_plan(plan: Plan) -> list[Diagnostic]:
    """Every cross-file problem in the plan."""
    return [
        *file_names(plan),
        *duplicates(plan),
        *references(plan),
        *cycles(plan),
        *years(plan),
        *amounts(plan),
        *coverage(plan),
    ]
