"""Pydantic's validation errors in plain words: what is wrong, where, and how to fix it."""

from __future__ import annotations

import re
import types
import typing
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel

from smartplan.errors import Diagnostic
from smartplan.models import FIRST_YEAR, ID_PATTERN, LAST_YEAR, MONTH_PATTERN, REGION_CODE_PATTERN, URL_PATTERN
from smartplan.source import Document, dotted
from smartplan.syntax import quoted

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
    if kind == "string_type" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        text = f"[{', '.join(value)}]"
        return f"text starting with [ is read as a list; put it in quotes: {quoted(text)}"
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


def problem_from(error: Any, document: Document, model: type[BaseModel]) -> Diagnostic:
    """One pydantic error in plain words, placed at the key or value it is about."""
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
        if ctx.get("pattern") == ID_PATTERN and isinstance(value, str):
            hint = _id_hint(value, _field_name(loc)) or hint
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
        hint = "write the year in full, e.g. 2025" if bound in (FIRST_YEAR, LAST_YEAR) else ""
    elif kind.startswith("date") or kind == "value_error":
        code = "invalid-date" if kind.startswith("date") or "date" in error["msg"] else code
        message = f"'{value}' is not a valid date" if code == "invalid-date" else error["msg"]
        hint = "write the date as YYYY-MM-DD with a real day of the month" if code == "invalid-date" else ""
    if "[key]" in error["loc"]:  # e.g. a year under 'targets:' that is not a year
        message, key = f"the key is wrong: {message}", True
    line, col = document.lines.find(loc[:-1] if kind == "missing" else loc, key=key)
    if value is None and kind in _KINDS:
        hint = _comment_hint(document.text, line, col) or hint
    return Diagnostic(document.file, line, col, code, message, field=dotted(loc), hint=hint, path=loc)


# Fields whose id names something defined in plan.yaml, with the list that defines it.
_DEFINED_IN_PLAN = {
    "lead_agency": ("an agency", "agencies"),
    "supporting_agencies": ("an agency", "agencies"),
    "agency": ("an agency", "agencies"),
    "funding": ("a funding source", "funding_sources"),
    "source": ("a source", "sources"),
}


def _field_name(loc: tuple[Any, ...]) -> str:
    """The name of the field at `loc`, or of the list holding the item there."""
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "")


def _id_hint(value: str, field: str) -> str:
    """'Bappeda' is 'bappeda' in the wrong case; 'Dinas Kesehatan' is a name where an id belongs."""
    if re.match(ID_PATTERN, value.lower()):
        return f"ids are written in lowercase: did you mean '{value.lower()}'?"
    if field in _DEFINED_IN_PLAN:
        what, where = _DEFINED_IN_PLAN[field]
        return f"use the id of {what} defined in plan.yaml under '{where}': lowercase letters, digits and hyphens"
    return ""


def _comment_hint(text: str, line: int, col: int) -> str:
    """When a value is empty because it starts with '#', which begins a comment: how to write it as text."""
    rows = text.split("\n", line)
    row = rows[line - 1] if line <= len(rows) else ""
    found = re.search(r"(?:^\s*-|:)\s+(#.*?)\s*$", row)
    if not found:
        return ""
    return f"'#' starts a comment, so the value is empty; put it in quotes: {quoted(found.group(1))}"


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
