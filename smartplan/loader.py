"""Find a plan's files, read them, and validate each against its model.

Pydantic's errors are turned into plain-worded Diagnostics placed at the key or value they
are about. Files that cannot be used are left out of the Plan, and named in `Plan.broken`, so
the cross-file checks can stay quiet about what is already reported.
"""

from __future__ import annotations

import os
import re
import stat
import types
import typing
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from smartplan.errors import Diagnostic, PlanNotFoundError, printable
from smartplan.models import (
    ID_PATTERN,
    MONTH_PATTERN,
    REGION_CODE_PATTERN,
    URL_PATTERN,
    DimensionFile,
    PlanFile,
    ProgramFile,
    QuickWinFile,
)
from smartplan.plan import Loaded, Plan
from smartplan.reading import read_file
from smartplan.source import DEFAULT_LIMITS, Document, Limits, dotted, join

FOLDERS: dict[str, type[BaseModel]] = {
    "dimensions": DimensionFile,
    "quickwins": QuickWinFile,
    "programs": ProgramFile,
}


def plan_files(root: Path, display: str, limits: Limits) -> tuple[list[tuple[Path, str, str]], list[Diagnostic]]:
    """List (path, display name, kind) of every plan file below root, refusing links and odd names."""
    if not (root / "plan.yaml").exists() and not (root / "plan.yaml").is_symlink():
        raise PlanNotFoundError(display)
    found = [(root / "plan.yaml", join(display, "plan.yaml"), "plan")]
    problems: list[Diagnostic] = []
    for folder in FOLDERS:
        path = root / folder
        name = join(display, folder)
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            problems.append(
                Diagnostic(
                    name, 1, 1, "not-a-folder", f"'{folder}' must be a folder inside the plan, not a link or file"
                )
            )
            continue
        seen: dict[str, str] = {}
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            file = f"{name}/{entry.name}"
            if entry.name.startswith(".") or entry.is_dir(follow_symlinks=False):
                continue
            if entry.name.endswith((".yaml", ".yml")) and not entry.name.isprintable():
                # Undecodable bytes or control characters would reach terminals and CI logs as they are.
                problems.append(
                    Diagnostic(
                        f"{name}/{printable(entry.name)}",
                        1,
                        1,
                        "file-name",
                        "file name has bytes that are not printable UTF-8 text",
                        hint="rename the file with letters, digits and hyphens",
                    )
                )
                continue
            if entry.name.endswith(".yml"):  # still read, so that its content is checked too
                problems.append(
                    Diagnostic(
                        file,
                        1,
                        1,
                        "file-name",
                        "plan files end in '.yaml', not '.yml'",
                        hint=f"rename it to '{entry.name[:-4]}.yaml'",
                    )
                )
            elif not entry.name.endswith(".yaml"):
                continue
            folded = entry.name.casefold()
            if folded in seen:
                problems.append(
                    Diagnostic(
                        file,
                        1,
                        1,
                        "case-clash",
                        f"file name differs from '{seen[folded]}' only in upper/lower case",
                        hint="rename one of them; on Windows and macOS they would be the same file",
                    )
                )
                continue
            seen[folded] = entry.name
            found.append((Path(entry.path), file, folder))
    # Over a plan-wide limit nothing is read: the time and memory a plan costs stay bounded.
    if len(found) > limits.max_files:
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                "too-many-files",
                f"more than {limits.max_files:,} files in one plan",
                hint="split the plan into several plan folders",
            )
        )
        return [], problems
    if sum(min(_size(path), limits.max_file_bytes + 1) for path, _, _ in found) > limits.max_plan_bytes:
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                "plan-too-large",
                f"the plan's files add up to more than {limits.max_plan_bytes // 2**20:,} MiB",
                hint="split the plan into several plan folders",
            )
        )
        return [], problems
    return found, problems


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def load_plan(
    root: Path, display: str, limits: Limits = DEFAULT_LIMITS, jobs: int = 1
) -> tuple[Plan, list[Diagnostic]]:
    """Read and validate every file of the plan in `root`, in `jobs` processes if there are many."""
    from smartplan.parallel import load_files  # imported here because it imports this module

    files, problems = plan_files(root, display, limits)
    plan = Plan(display)
    tasks = [(path, file, PlanFile if kind == "plan" else FOLDERS[kind], limits) for path, file, kind in files]
    for (path, _, kind), (loaded, file_problems) in zip(files, load_files(tasks, jobs), strict=True):
        problems.extend(file_problems)
        plan.add(kind, path.stem, loaded)
    return plan, problems


MAX_PROBLEMS_PER_FILE = 100


def load_file(
    path: Path, file: str, model: type[BaseModel], limits: Limits = DEFAULT_LIMITS
) -> tuple[Loaded[Any] | None, list[Diagnostic]]:
    """Read one file and validate it against `model`."""
    return validate_document(read_file(path, file, limits), model)


def validate_document(document: Document, model: type[BaseModel]) -> tuple[Loaded[Any] | None, list[Diagnostic]]:
    """Validate a read file against `model`; pydantic's errors become diagnostics placed by its line map."""
    file = document.file
    if document.data is None:
        return None, document.problems
    try:
        return Loaded(file, model.model_validate(document.data)), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    # Past a hundred, more messages help nobody and a hostile file could ask for 200,000 of them.
    problems = [_problem(error, document, model) for error in errors[:MAX_PROBLEMS_PER_FILE]]
    if len(errors) > MAX_PROBLEMS_PER_FILE:
        line, col = document.lines.find(tuple(part for part in errors[MAX_PROBLEMS_PER_FILE]["loc"] if part != "[key]"))
        more = len(errors) - MAX_PROBLEMS_PER_FILE
        problems.append(
            Diagnostic(
                file,
                line,
                col,
                "too-many-problems",
                f"{more:,} more problem{'s' if more > 1 else ''} in this file not shown",
                hint="fix the problems above and validate again",
            )
        )
    return None, problems


# ---- pydantic errors in plain words ----------------------------------------------------------

_KINDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys and values",
    "model_type": "a group of fields",
    "model_attributes_type": "a group of fields",
    "date_type": "a date written as YYYY-MM-DD",
}
_PATTERNS = {
    ID_PATTERN: (
        "is not a valid id",
        "use lowercase letters, digits and hyphens (at most 64), e.g. 'qw-2025-governance'",
    ),
    MONTH_PATTERN: ("is not a month", "write the month as YYYY-MM, e.g. 2025-03"),
    URL_PATTERN: ("is not a web address", "write a full address starting with https://"),
    REGION_CODE_PATTERN: ("is not a region code", 'write the Kemendagri code in quotes, e.g. "32.79"'),
}
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_LEADING_ZEROS = re.compile(r"^0+(\d+)$")


def _type_hint(kind: str, value: Any, name: str | int, of_groups: bool) -> str:
    """How to write the value so that it has the type the field expects (`of_groups`: a list of field groups)."""
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'put it in quotes: "{value}"'
    if kind in ("int_type", "float_type") and isinstance(value, str):
        if _THOUSANDS.match(value):
            return f"write the number without separators: {re.sub('[.,]', '', value)}"
        zeros = _LEADING_ZEROS.match(value)
        if zeros:
            return f"write the number without leading zeros: {zeros.group(1)}"
        return "write the number with digits only, without quotes or units"
    if kind in ("int_type", "int_from_float") and isinstance(value, float):
        return f"write it without decimals: {value:.0f}" if value.is_integer() else "round it to a whole number"
    if kind == "bool_type":
        return "write true or false"
    if value is None:
        return (
            "write a value after '- ', or remove the empty item"
            if isinstance(name, int)
            else f"write a value after '{name}:'"
        )
    if kind == "list_type" and isinstance(value, (str, int, float)):
        return "write it as a list, one '- ' entry per item" if of_groups else f"write it as a list: [{value}]"
    if kind == "list_type" and isinstance(value, dict):
        return "start each entry of the list with '- '"
    if kind == "string_type" and isinstance(value, dict):
        return "write the text on the same line as the field name, in quotes if it contains ': '"
    if kind == "model_type" and isinstance(value, list):
        return "remove the '- ': this is a single group of fields, not a list"
    if kind == "model_type":
        return "write its fields on the indented lines below, as 'field: value'"
    if kind == "dict_type":
        return "write one 'key: value' line per entry, e.g. '2025: 55'"
    return ""


def _described(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:60]}'" if value else "empty text"
    return "a list" if isinstance(value, list) else "a group of fields"


def _problem(error: Any, document: Document, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    name = str(loc[-1]) if loc else ""
    code, message, hint, key = "invalid-value", error["msg"], "", False
    if kind == "missing":
        code, message, hint = "missing-field", f"missing required field '{name}'", f"add '{name}: ...'"
        key = True
    elif kind in ("extra_forbidden", "invalid_key"):
        code, message, key = "unknown-field", f"unknown field '{name}'", True
        known = _fields_of(model, loc[:-1])
        close = get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(known)}"
    elif kind in _KINDS:
        code, message = "wrong-type", f"expected {_KINDS[kind]}, got {_described(value)}"
        hint = _type_hint(kind, value, loc[-1] if loc else "", bool(_fields_of(model, (*loc, 0))))
    elif kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        message = f"{_described(value)} is not allowed here; expected one of: {', '.join(allowed)}"
        close = get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else ""
    elif kind == "string_pattern_mismatch":
        code = "invalid-format"
        what, hint = _PATTERNS.get(ctx.get("pattern", ""), ("has the wrong format", ""))
        message = f"'{value}' {what}"
    elif kind == "string_too_short":
        code, message = "empty-value", "must not be empty"
        hint = "write a value, or leave out the field if it is optional"
    elif kind == "string_too_long":
        code, message = "too-long", f"text longer than {ctx.get('max_length'):,} characters"
        hint = "shorten it"
    elif kind == "too_short":
        least = ctx.get("min_length")
        code, message = "too-few-items", f"needs at least {'one item' if least == 1 else f'{least} items'}"
        hint = "add an entry starting with '- '"
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound, side = (ctx.get("ge"), "smallest") if kind == "greater_than_equal" else (ctx.get("le"), "largest")
        code, message = "out-of-range", f"{_described(value)} is out of range; the {side} allowed is {bound}"
        hint = "write the year in full, e.g. 2025" if bound in (1900, 2200) else ""  # the bounds of models.Year
    elif kind.startswith("date") or kind == "value_error":
        code = "invalid-date" if kind.startswith("date") or "date" in error["msg"] else code
        message = f"'{value}' is not a valid date" if code == "invalid-date" else error["msg"]
        hint = "write the date as YYYY-MM-DD with a real day of the month" if code == "invalid-date" else ""
    if "[key]" in error["loc"]:  # e.g. a year under 'targets:' that is not a year
        message, key = f"the key is wrong: {message}", True
    line, col = document.lines.find(loc[:-1] if kind == "missing" else loc, key=key)
    return Diagnostic(document.file, line, col, code, message, field=dotted(loc), hint=hint, path=loc)


def _fields_of(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found at `loc` inside `model`."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
    current = _unwrap(current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `X | None` down to the type inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        else:
            return annotation
