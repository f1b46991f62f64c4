"""The fast path: the plain data of a clean YAML file, without positions.

Nearly every file of a plan is clean, and the positions of a clean file are never shown. So each file
is built without them: by linewise.py if it is in the everyday shape of YAML, else here, from the
same parser events and with the same scalar resolver as source.py's careful builder, but with no
positions recorded and no messages written: at the first thing that is not plainly fine (a tag, an
anchor, a merge or duplicate key, a key that is not text or a whole number, a limit, a syntax error,
anything unusual) it gives up and returns None, and the careful builder reads the file again and
reports the problem at its line and column. It never accepts what the careful builder would refuse,
and what it accepts it builds identically (tests/test_quick.py holds it to that on every example
file and on generated YAML).
"""

from __future__ import annotations

from typing import Any

import yaml

from smartplan import source
from smartplan.scalars import FORBIDDEN_CHAR, NUMBER_START, SPECIAL_WORDS, resolve_plain
from smartplan.source import Limits

# Compared with `is`: PyYAML's parsers create exactly these event classes, no subclasses.
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOCUMENT_START, _DOCUMENT_END, _STREAM_END = yaml.DocumentStartEvent, yaml.DocumentEndEvent, yaml.StreamEndEvent
_NO_KEY = object()  # the innermost mapping waits for a key, not for a value


def quick_data(text: str, limits: Limits) -> dict[str, Any] | None:
    """The file's fields if it is a clean single mapping within the limits; None means: read it carefully."""
    try:
        return _build(source.Loader(text).get_event, limits)  # looked up here: tests swap in the pure parser
    except (yaml.YAMLError, ValueError):  # ValueError: a number too large for the resolver
        return None


def _build(get: Any, limits: Limits) -> dict[str, Any] | None:  # noqa: C901 - one loop, kept flat for speed
    get()  # StreamStart
    if type(get()) is not _DOCUMENT_START:
        return None
    event = get()
    if type(event) is not _MAPPING or event.anchor is not None or event.tag is not None:
        return None
    # A little below the careful builder's limits: what is near them is left to it to judge exactly.
    max_nodes, max_depth, max_chars = limits.max_nodes - 1, limits.max_depth - 2, limits.max_scalar_chars
    root: dict[Any, Any] = {}
    stack: list[Any] = [root]
    top: Any = root
    key: Any = _NO_KEY
    nodes = 1
    while True:
        event = get()
        kind = type(event)
        if kind is _SCALAR:
            if event.anchor is not None or event.tag is not None:
                return None
            value = event.value
            if len(value) > max_chars:
                return None
            style = event.style
            if not style:  # plain: '' from libyaml, None from the pure parser
                if value[:1] in NUMBER_START or value in SPECIAL_WORDS:  # else it stays text: most keys and words
                    value = resolve_plain(value)
            elif style == '"' and FORBIDDEN_CHAR.search(value):
                return None
            nodes += 1
            if key is not _NO_KEY:
                top[key] = value
                key = _NO_KEY
            elif type(top) is dict:
                if not style and value == "<<":
                    return None
                if (type(value) is not str and type(value) is not int) or value in top:
                    return None
                key = value
            else:
                top.append(value)
        elif kind is _MAPPING or kind is _SEQUENCE:
            if event.anchor is not None or event.tag is not None or len(stack) > max_depth:
                return None
            nodes += 1
            child: Any = {} if kind is _MAPPING else []
            if key is not _NO_KEY:
                top[key] = child
                key = _NO_KEY
            elif type(top) is dict:  # a mapping or list used as a key
                return None
            else:
                top.append(child)
            stack.append(child)
            top = child
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            stack.pop()
            if not stack:
                break
            top = stack[-1]
        else:  # an alias, or anything else
            return None
        if nodes > max_nodes:
            return None
    if type(get()) is not _DOCUMENT_END or type(get()) is not _STREAM_END:
        return None
    return root
