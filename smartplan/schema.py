"""JSON Schemas for each plan file kind, generated from the pydantic models, for editors and other validators.

The schemas cover what one file can say about itself (types, required and unknown fields, allowed values,
formats). What needs several files (references between files, ids unique across the plan, years inside the
plan's period, cycles, coverage of the six dimensions) and smartplan's stricter YAML reading (no anchors,
aliases or tags; `NO`, `on`, `010` and `1:30` stay text) are beyond a schema: `smartplan validate` checks them.

Titles and descriptions, which editors show on hover and completion, come from
templates/messages/schema.<lang>.yaml, in Indonesian or English.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from smartplan.errors import CannotWriteError
from smartplan.i18n import builtin_messages, locale_language
from smartplan.models import DimensionFile, PlanFile, ProgramFile, QuickWinFile
from smartplan.monitoring.models import MonitoringFile
from smartplan.plan import declared_language
from smartplan.reading import read_file

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


def schema_for(kind: str, lang: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with a title and description in `lang` on every object and field."""
    model = KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    definitions: dict[str, Any] = schema.get("$defs", {})
    texts = _texts(lang)
    for name, definition in [(model.__name__, schema), *definitions.items()]:
        _describe(name, definition, texts)
    targets = _property(definitions, "Indicator", "targets")
    if targets is not None:
        # YAML keys such as `2025:` arrive as numbers, which `pattern` leaves alone; text keys must be years.
        targets["propertyNames"] = _YEAR_KEY
    for money in ("BudgetLine", "Spent"):
        amount = _property(definitions, money, "amount")
        if amount is not None:
            amount["minimum"] = 0  # the model leaves this to the checks, which place the message; a schema can say it
    title, description = schema.pop("title"), schema.pop("description", None)
    return {"$schema": DIALECT, "title": title, "description": description, **schema}


def _texts(lang: str) -> Mapping[str, str]:
    """templates/messages/schema.<lang>.yaml, the built-in one only: schemas describe smartplan, not one plan."""
    return builtin_messages(lang, "schema")


def _property(definitions: dict[str, Any], model: str, field: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = definitions.get(model, {}).get("properties", {}).get(field)
    return found


def _describe(model_name: str, definition: dict[str, Any], texts: Mapping[str, str]) -> None:
    if model_name in texts:
        definition["description"] = texts[model_name]
    if f"title.{model_name}" in texts:
        definition["title"] = texts[f"title.{model_name}"]
    for field, prop in definition.get("properties", {}).items():
        # "Model.field" first, then the bare field name: shared names are written once.
        for key, text in (
            ("description", _text(texts, "", model_name, field)),
            ("title", _text(texts, "title.", model_name, field)),
        ):
            if text:
                prop[key] = text


def _text(texts: Mapping[str, str], prefix: str, model_name: str, field: str) -> str | None:
    return texts.get(f"{prefix}{model_name}.{field}") or texts.get(f"{prefix}{field}")


def render(kind: str, lang: str) -> str:
    """A kind's schema as stable, readable JSON text."""
    return json.dumps(schema_for(kind, lang), ensure_ascii=False, indent=2) + "\n"


def language_of(folder: Path) -> str:
    """The language for a plan folder's schemas: its plan's `language`, else the user's locale.

    A plan.yaml without `language` is Indonesian, the model's default; a folder without a readable plan.yaml
    (or one naming an unknown language) takes the locale.
    """
    path = folder / "plan.yaml"
    declared = declared_language(read_file(path, path.as_posix()).data) if path.is_file() else None
    return declared or locale_language()


def write_schemas(out: Path, lang: str) -> list[Path]:
    """Write one schema file per kind, in `lang`, into `out`; return the files written."""
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            path = out / schema_file(kind)
            path.write_text(render(kind, lang), encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise CannotWriteError(out, exc) from None
    return written


def modeline(kind: str, depth: int) -> str:
    """The first line of a file smartplan writes, pointing the editor at the plan's copy of the schema."""
    up = "../" * depth
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema_file(kind)}\n"


def vscode_settings() -> str:
    """`.vscode/settings.json` for a plan folder opened in VS Code: each kind of file mapped to its schema."""
    mapping = {f"./{SCHEMA_DIR}/{schema_file(kind)}": pattern for kind, pattern in FILES.items()}
    return json.dumps({"yaml.schemas": mapping, "files.encoding": "utf8"}, indent=2) + "\n"
