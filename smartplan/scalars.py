"""What an unquoted YAML scalar means here, and which characters no plan text may hold.

A small, strict resolver for the YAML builder (source.py): null, true/false and
decimal numbers; YAML 1.1's `NO`, `on`, `1:30`, `010` and `.inf` stay text.
"""

from __future__ import annotations

import re
from typing import Any

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+\Z"
)
NUMBER_START = frozenset("0123456789+-.")
WORDS = {**dict.fromkeys(_NULLS), **_BOOLS}  # the plain scalars, other than numbers, that are not text
MAX_INT_DIGITS = 18
# C0 controls except tab, LF and CR; DEL; C1 controls; surrogates and non-characters are refused by YAML too.
FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar the strict way: null, true/false, decimal numbers, else text."""
    if text[:1] not in NUMBER_START:  # most scalars: keys and words, which no number pattern can match
        return WORDS.get(text, text)
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            raise ValueError("number too large")
        return int(text)
    if _FLOAT.match(text):
        value = float(text)
        if not abs(value) < 10.0**MAX_INT_DIGITS:  # also inf; 1e308 is no real figure, and breaks formatting
            raise ValueError("number too large")
        return value
    return text
