"""A number typed as people write it in letters and budgets, and the hint that writes it as YAML needs it."""

from __future__ import annotations

import re

from smartplan.errors import Text
from smartplan.guesses import decimal_meant, first_of_range

_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_LEADING_ZEROS = re.compile(r"^0+(\d+)$")
_COMMENTED = re.compile(r"^(-?[\d.,]+)\s*(#|//)")
_RUPIAH = re.compile(r"^\s*Rp\.?\s*(\S+?)(?:,-|,00)?\s*$", re.IGNORECASE)  # 'Rp 100.000.000', 'Rp1.500.000,-'


def number_hint(value: str, *, decimal: bool) -> Text:
    """How to write `value`, text where a number belongs (`decimal`: a number with decimals is allowed)."""
    commented = _COMMENTED.match(value)
    if commented:  # '250000000# Rupiah' or '250000000 // Rupiah': a comment YAML did not take for one
        mark = "glued" if commented.group(2) == "#" else "slashes"
        return Text.of(f"wrong-type.comment-{mark}", number=commented.group(1))
    if decimal and (meant := decimal_meant(value)):
        return Text.of("wrong-type.decimal-comma", number=meant)
    rupiah = _RUPIAH.match(value)
    if rupiah and (_THOUSANDS.match(rupiah.group(1)) or rupiah.group(1).isdigit()):
        return Text.of("wrong-type.rupiah", number=re.sub("[.,]", "", rupiah.group(1)))
    if _THOUSANDS.match(value):
        return Text.of("wrong-type.separators", number=re.sub("[.,]", "", value))
    zeros = _LEADING_ZEROS.match(value)
    if zeros:
        return Text.of("wrong-type.leading-zeros", number=zeros.group(1))
    if first := first_of_range(value):
        return Text.of("wrong-type.year-range", year=first)
    return Text.of("wrong-type.digits-only")
