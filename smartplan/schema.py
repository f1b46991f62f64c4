"""JSON Schemas for each plan file kind, generated from the pydantic models, for editors and other validators.

The schemas cover what one file can say about itself (types, required and unknown fields, allowed values,
formats). What needs several files (references between files, ids unique across the plan, years inside the
plan's period, cycles, coverage of the six dimensions) and smartplan's stricter YAML reading (no anchors,
aliases or tags; `NO`, `on`, `010` and `1:30` stay text) are beyond a schema: `smartplan validate` checks them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from smartplan.models import DimensionFile, PlanFile, ProgramFile, QuickWinFile
from smartplan.monitoring.models import MonitoringFile
from smartplan.schema_text import DESCRIPTIONS, FIELDS, TITLES

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS: dict[str, type[BaseModel]] = {
    "plan": PlanFile,
    "dimension": DimensionFile,
    "quickwin": QuickWinFile,
    "program": ProgramFile,
    "monitoring": MonitoringFile,
}
# Where each kind of file lives inside a plan folder, as a glob relative to the plan folder.
FILES = {
    "plan": "plan.yaml",
    "dimension": "dimensions/*.yaml",
    "quickwin": "quickwins/*.yaml",
    "program": "programs/*.yaml",
    "monitoring": "monitoring/*.yaml",
}
SCHEMA_DIR = ".schemas"
_YEAR_KEY = {"pattern": "^[0-9]{4}$"}


def schema_file(kind: str) -> str:
    """The file name of a kind's schema, e.g. 'quickwin.schema.json'."""
    return f"{kind}.schema.json"


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with a title and description on every field."""
    model = KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    definitions: dict[str, Any] = schema.get("$defs", {})
    for name, definition in [(model.__name__, schema), *definitions.items()]:
        _describe(name, definition)
    targets = _property(definitions, "Indicator", "targets")
    if targets is not None:
        # YAML keys such as `2025:` arrive as numbers, which `pattern` leaves alone; text keys must be years.
        targets["propertyNames"] = _YEAR_KEY
    for money in ("BudgetLine", "Spent"):
        amount = _property(definitions, money, "amount")
        if amount is not None:
            amount["minimum"] = 0  # the model leaves this to the checks, which place the message; a schema can say it
    title, description = TITLES[kind]
    return {"$schema": DIALECT, "title": title, "description": description, **_without(schema, "title")}


def _property(definitions: dict[str, Any], model: str, field: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = definitions.get(model, {}).get("properties", {}).get(field)
    return found


def _without(schema: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k not in (key, "description")}


def _describe(model_name: str, definition: dict[str, Any]) -> None:
    if model_name in DESCRIPTIONS:
        definition["description"] = DESCRIPTIONS[model_name]
    for field, prop in definition.get("properties", {}).items():
        text = FIELDS.get(f"{model_name}.{field}") or FIELDS.get(field)
        if text:
            prop["description"] = text
            prop.setdefault("title", field.replace("_", " ").capitalize())


def render(kind: str) -> str:
    """A kind's schema as stable, readable JSON text."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write one schema file per kind into `out`; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out / schema_file(kind)
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def modeline(kind: str, depth: int) -> str:
    """The first line of a file smartplan writes, pointing the editor at the plan's copy of the schema."""
    up = "../" * depth
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_file(kind)}\n"


def vscode_settings() -> str:
    """`.vscode/settings.json` for a plan folder opened in VS Code: each kind of file mapped to its schema."""
    mapping = {f"./{SCHEMA_DIR}/{schema_file(kind)}": pattern for kind, pattern in FILES.items()}
    return json.dumps({"yaml.schemas": mapping, "files.encoding": "utf8"}, indent=2) + "\n"
