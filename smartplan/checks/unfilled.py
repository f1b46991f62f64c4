"""Unfilled text: what `smartplan init` and `new` write for people to replace, still in the plan.

Placeholder text `[isi ...]`, the template's region code `00.00` and budget amounts of 0 are warnings while
a plan is a draft, and errors once its `document.status` is `final`: a final plan goes to the ministry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from smartplan.checks.common import at
from smartplan.errors import Diagnostic, Text
from smartplan.plan import Plan
from smartplan.source import Path_

PLACEHOLDER = re.compile(r"\[isi\b[^\]\n]{0,80}\]?", re.IGNORECASE)
SHOWN = 60  # characters of a placeholder quoted in a message


def unfilled(plan: Plan) -> Iterator[Diagnostic]:
    """Placeholder text, the template's region code and zero amounts, each at its place."""
    final = plan.plan is not None and plan.plan.model.document.status == "final"
    severity = "error" if final else "warning"
    final_note = Text.of("unfilled.final") if final else ""
    for loaded in [*([plan.plan] if plan.plan is not None else []), *plan.dimensions, *plan.actions]:
        # Serialised by pydantic's own code, a file with no placeholder is passed over at a small cost.
        if PLACEHOLDER.search(loaded.model.model_dump_json()):
            for path, text in _texts(loaded.model, ()):
                found = PLACEHOLDER.search(text)
                if found:
                    shown = found.group() if len(found.group()) <= SHOWN else found.group()[:SHOWN] + "..."
                    yield at(
                        loaded.file,
                        path,
                        "unfilled-text",
                        Text.of("unfilled-text", text=shown),
                        hint=Text.of("unfilled-text.hint", final=final_note),
                        severity=severity,
                    )
    if plan.plan is not None:
        code = plan.plan.model.city.region_code
        if not code.strip("0."):
            yield at(
                plan.plan.file,
                ("city", "region_code"),
                "template-code",
                Text.of("template-code", code=code),
                hint=Text.of("template-code.hint", final=final_note),
                severity=severity,
            )
    for item in plan.actions:
        for i, line in enumerate(item.model.budget):
            if line.amount == 0:
                yield at(
                    item.file,
                    ("budget", i, "amount"),
                    "zero-amount",
                    Text.of("zero-amount", year=line.year),
                    hint=Text.of("zero-amount.hint", final=final_note),
                    severity=severity,
                )


def _texts(value: object, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every text in a model with its field path, depth first in the order of the fields."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
