"""What is well-formed in a file that failed validation, so that the cross-file checks still see it.

A value that fails its model is left out: its key, or the list item it is. Where a required field is then
missing, the item that lacks it goes the same way, and so on up; where that would be the file itself,
nothing can be salvaged. The ids of the items left out are kept, so that a reference to one of them is not reported as
unknown: the file's own errors already say what is wrong there. Plain data in, a model out; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

ROUNDS = 4  # each round leaves out more; what is not valid after a few is left as unusable
_GONE = object()


@dataclass(frozen=True)
class Salvaged:
    """The model of what was well-formed, and the ids of the items left out."""

    model: BaseModel
    dropped_ids: frozenset[str]


def salvage(data: dict[str, Any], model: type[BaseModel], errors: list[Any]) -> Salvaged | None:
    """The model of `data` without the values pydantic's `errors` are about; None if that leaves nothing valid.

    `data` is changed on the way: give it data that nothing else uses any more.
    """
    dropped: set[str] = set()
    for _ in range(ROUNDS):
        for error in errors:
            if not _leave_out(data, tuple(error["loc"]), dropped):
                return None
        data = _swept(data)
        try:
            return Salvaged(model.model_validate(data), frozenset(dropped))
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None


def _leave_out(data: Any, loc: tuple[Any, ...], dropped: set[str]) -> bool:
    """Mark as gone the deepest value on `loc` that the data holds; False if that would be the whole file.

    For a wrong value that is the value itself; for a missing field, the item that lacks it.
    """
    last: tuple[Any, Any] | None = None
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        ):
            last = (node, part)
            node = node[part]
        else:
            break  # a missing field, or a part only pydantic knows (a union member's name, '[key]')
    if last is None:
        return False
    _mark(*last, dropped)
    return True


def _mark(container: Any, key: Any, dropped: set[str]) -> None:
    value = container[key]
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        dropped.add(value["id"])
    container[key] = _GONE


def _swept(node: Any) -> Any:
    """The data without what was marked gone."""
    if isinstance(node, dict):
        return {key: _swept(value) for key, value in node.items() if value is not _GONE}
    if isinstance(node, list):
        return [_swept(value) for value in node if value is not _GONE]
    return node
