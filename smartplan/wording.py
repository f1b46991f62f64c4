"""Pydantic's validation errors in plain words: what is wrong, where, and how to fix it."""

from __future__ import annotations

import re
import types
import typing
from difflib import get_close_matches
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from smartplan.errors import NO_TEXT, Diagnostic, Text
from smartplan.guesses import date_meant, field_meant, id_meant, month_meant, value_meant
from smartplan.i18n import LANGUAGES, builtin_messages
from smartplan.models import FIRST_YEAR, ID_PATTERN, LAST_YEAR, MONTH_PATTERN, REGION_CODE_PATTERN, URL_PATTERN
from smartplan.numbers_written import number_hint
from smartplan.source import Document, dotted
from smartplan.syntax import DASH_GLUED, ODD_DASH, quoted

# Pydantic's error type -> the key of what the field expects.
_KINDS = {
    "string_type": "kind.text",
    "int_type": "kind.whole-number",
    "int_from_float": "kind.whole-number",
    "float_type": "kind.number",
    "bool_type": "kind.bool",
    "list_type": "kind.list",
    "dict_type": "kind.mapping",
    "model_type": "kind.group",
    "model_attributes_type": "kind.group",
    "date_type": "kind.date",
}
# A pattern -> the keys of the message and the hint for a value that does not match it.
_PATTERNS = {
    ID_PATTERN: ("invalid-format.id", "invalid-format.id.hint"),
    MONTH_PATTERN: ("invalid-format.month", "invalid-format.month.hint"),
    URL_PATTERN: ("invalid-format.url", "invalid-format.url.hint"),
    REGION_CODE_PATTERN: ("invalid-format.region-code", "invalid-format.region-code.hint"),
}


def _type_hint(kind: str, value: Any, name: str | int, of_groups: bool) -> Text:
    """How to write the value so that it has the type the field expects (`of_groups`: a list of field groups)."""
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return Text.of("wrong-type.quote-number", value=str(value))
    if kind in ("int_type", "float_type") and isinstance(value, str):
        return number_hint(value, decimal=kind == "float_type")
    if kind in ("int_type", "int_from_float") and isinstance(value, float):
        if value.is_integer():
            return Text.of("wrong-type.no-decimals", number=f"{value:.0f}")
        return Text.of("wrong-type.round")
    if kind == "bool_type":
        return Text.of("wrong-type.bool")
    if value is None:
        return Text.of("wrong-type.empty-item") if isinstance(name, int) else Text.of("wrong-type.empty", name=name)
    if kind == "list_type" and isinstance(value, str) and (dash := ODD_DASH.match(value)):
        return Text.of("wrong-type.odd-space", code=f"U+{ord(dash.group(1)):04X}")
    if kind == "list_type" and isinstance(value, str) and DASH_GLUED.match(value):
        return Text.of("wrong-type.dash-space", written=f"- {value[1:].split(' -')[0]}")  # the first item
    if kind == "list_type" and isinstance(value, (str, int, float)):
        return Text.of("wrong-type.list-of-groups") if of_groups else Text.of("wrong-type.list", value=str(value))
    if kind == "list_type" and isinstance(value, dict):
        return Text.of("wrong-type.list-dashes")
    if kind == "string_type" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        text = f"[{', '.join(value)}]"
        return Text.of("wrong-type.bracket-text", quoted=quoted(text))
    if kind == "string_type" and isinstance(value, dict):
        return Text.of("wrong-type.text-on-line")
    if kind == "model_type" and isinstance(value, list):
        return Text.of("wrong-type.not-a-list")
    if kind == "model_type":
        return Text.of("wrong-type.fields-below")
    if kind == "dict_type":
        return Text.of("wrong-type.mapping")
    return NO_TEXT


def _described(value: Any) -> Text:
    if value is None:
        return Text.of("value.nothing")
    if isinstance(value, bool):
        return Text.of("value.word", word=str(value).lower())
    if isinstance(value, (int, float)):
        return Text.of("value.number", number=str(value))
    if isinstance(value, str):
        return Text.of("value.text", text=value[:60]) if value else Text.of("value.empty-text")
    return Text.of("kind.list" if isinstance(value, list) else "kind.group")


def problem_from(error: Any, document: Document, model: type[BaseModel]) -> Diagnostic:
    """One pydantic error in plain words, placed at the key or value it is about."""
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    name = str(loc[-1]) if loc else ""
    # Pydantic's own words for an error this module does not know: English, as pydantic writes them.
    code, message, hint, key = "invalid-value", Text.of("invalid-value", words=error["msg"]), NO_TEXT, False
    if kind == "missing":
        code, message, hint = (
            "missing-field",
            Text.of("missing-field", name=name),
            Text.of("missing-field.hint", name=name),
        )
        key = True
    elif kind in ("extra_forbidden", "invalid_key"):
        code, message, key = "unknown-field", Text.of("unknown-field", name=name), True
        known = _fields_of(model, loc[:-1])
        close = [meant] if (meant := field_meant(name, known)) else get_close_matches(name, known, n=1)
        hint = (
            Text.of("did-you-mean", name=close[0]) if close else Text.of("unknown-field.hint", names=", ".join(known))
        )
    elif kind in _KINDS:
        code, message = "wrong-type", Text.of("wrong-type", expected=Text.of(_KINDS[kind]), got=_described(value))
        hint = _type_hint(kind, value, loc[-1] if loc else "", bool(_fields_of(model, (*loc, 0))))
    elif kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        message = Text.of("invalid-value.literal", value=_described(value), allowed=", ".join(allowed))
        close = get_close_matches(str(value), allowed, n=1) or _labelled(value, allowed, name)
        close = close or [meant for meant in [value_meant(value, allowed)] if meant]
        hint = Text.of("did-you-mean", name=close[0]) if close else NO_TEXT
    elif kind == "string_pattern_mismatch":
        code = "invalid-format"
        what, how = _PATTERNS.get(ctx.get("pattern", ""), ("invalid-format", ""))
        message, hint = Text.of(what, value=str(value)), Text.of(how) if how else NO_TEXT
        if ctx.get("pattern") == ID_PATTERN and isinstance(value, str):
            hint = _id_hint(value, _field_name(loc)) or hint
        elif ctx.get("pattern") == MONTH_PATTERN and (month := month_meant(value)):
            hint = Text.of("invalid-format.month.meant", month=month)
    elif kind == "string_too_short":
        code, message = "empty-value", Text.of("empty-value")
        hint = Text.of("empty-value.hint")
    elif kind == "string_too_long":
        code, message = "too-long", Text.of("too-long", count=int(ctx.get("max_length", 0)))
        hint = Text.of("too-long.hint")
    elif kind == "too_short":
        code, message = "too-few-items", Text.of("too-few-items", count=int(ctx.get("min_length", 1)))
        hint = Text.of("too-few-items.hint")
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound, side = (ctx.get("ge"), "smallest") if kind == "greater_than_equal" else (ctx.get("le"), "largest")
        code, message = "out-of-range", Text.of(f"out-of-range.{side}", value=_described(value), bound=str(bound))
        hint = Text.of("out-of-range.year.hint") if bound in (FIRST_YEAR, LAST_YEAR) else NO_TEXT
    elif kind.startswith("date") or kind == "value_error":
        code = "invalid-date" if kind.startswith("date") or "date" in error["msg"] else code
        if code == "invalid-date":
            meant = date_meant(value)
            message = Text.of("invalid-date", value=str(value))
            hint = Text.of("invalid-date.meant", date=meant) if meant else Text.of("invalid-date.hint")
    if "[key]" in error["loc"]:  # e.g. a year under 'targets:' that is not a year
        message, key = Text.of("wrong-key", problem=message), True
    line, col = document.lines.find(loc[:-1] if kind == "missing" else loc, key=key)
    if value is None and kind in _KINDS:
        hint = _comment_hint(document.text, line, col) or hint
    return Diagnostic(document.file, line, col, code, message, field=dotted(loc), hint=hint, path=loc)


def _labelled(value: Any, allowed: list[str], name: str) -> list[str]:
    """The allowed value whose label in the documents, in either language, is what was written: a plan's
    authors write `status: Selesai` or `term: jangka menengah` for `done` and `medium`."""
    wanted = str(value).strip().casefold()
    return [code for code in allowed if wanted in _labels(f"{name}_{code}")][:1]


@lru_cache(maxsize=256)
def _labels(key: str) -> frozenset[str]:
    return frozenset(builtin_messages(lang).get(key, "").casefold() for lang in LANGUAGES) - {""}


# Fields whose id names something defined in plan.yaml, with the list that defines it.
_DEFINED_IN_PLAN = {
    "lead_agency": "agencies",
    "supporting_agencies": "agencies",
    "agency": "agencies",
    "funding": "funding_sources",
    "source": "sources",
}


def _field_name(loc: tuple[Any, ...]) -> str:
    """The name of the field at `loc`, or of the list holding the item there."""
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "")


def _id_hint(value: str, field: str) -> Text:
    """'Bappeda' is 'bappeda' in the wrong case; 'Dinas Kesehatan' is a name where an id belongs."""
    if re.match(ID_PATTERN, value.lower()):
        return Text.of("invalid-format.id.lowercase", name=value.lower())
    if field in _DEFINED_IN_PLAN:
        return Text.of(f"invalid-format.id.of.{_DEFINED_IN_PLAN[field]}")
    if written := id_meant(value):  # 'QW 2026 Living': a name written where its id belongs
        return Text.of("invalid-format.id.spaces", name=written)
    return NO_TEXT


def _comment_hint(text: str, line: int, col: int) -> Text:
    """When a value is empty because it starts with '#', which begins a comment: how to write it as text."""
    rows = text.split("\n", line)
    row = rows[line - 1] if line <= len(rows) else ""
    found = re.search(r"(?:^\s*-|:)\s+(#.*?)\s*$", row)
    if not found:
        return NO_TEXT
    return Text.of("wrong-type.comment", quoted=quoted(found.group(1)))


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
