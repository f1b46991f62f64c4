"""Language of the documents: the message catalogue of fixed labels and locale-aware formatting.

Labels live in `messages/<lang>.yaml` along the template search path, so a plan can reword any of
them from its own `templates/messages/`. Numbers, Rupiah amounts and dates go through Babel,
imported only when a document is built.
"""

from __future__ import annotations

import math
import os
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartplan.errors import RenderError
from smartplan.reading import read_file

if TYPE_CHECKING:
    from babel import Locale

LANGUAGES = ("id", "en")
_LOCALES = {"id": "id_ID", "en": "en_GB"}


def locale_language(environ: Mapping[str, str] = os.environ) -> str:
    """The user's language from the locale: 'id' when it is Indonesian (`id_ID.UTF-8`, `id`), else 'en'.

    The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as for the messages of any program.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "id" if value.split("_")[0].split(".")[0].lower() == "id" else "en"
    return "en"


def builtin_templates() -> Path:
    """templates/ inside the installed package (wheel) or at the top of the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


def load_messages(search_path: list[Path], lang: str, catalogue: str = "") -> dict[str, str]:
    """Merge `messages/<lang>.yaml` from the built-in folder up to the plan's own, the plan's winning.

    `catalogue` names another catalogue of the same folder: `problems` reads `messages/problems.<lang>.yaml`.
    """
    messages: dict[str, str] = {}
    for folder in reversed(search_path):
        path = folder / "messages" / (f"{catalogue}.{lang}.yaml" if catalogue else f"{lang}.yaml")
        if not path.is_file():
            continue
        document = read_file(path, path.as_posix())
        if document.data is None or document.problems:
            problem = document.problems[0] if document.problems else None
            line = problem.line if problem else None
            from smartplan.problem_words import words  # what the reader of a template error reads: English

            reason = words(problem.message, "en") if problem else "not a message catalogue"
            raise RenderError(path.as_posix(), line, reason)
        for key, value in document.data.items():
            if not isinstance(value, str):
                raise RenderError(path.as_posix(), document.lines.find((key,))[0], f"'{key}' must be text")
            messages[str(key)] = value
    return messages


@lru_cache(maxsize=6 * len(LANGUAGES))  # the labels, problems, cli, diff, schema and sheets catalogues
def builtin_messages(lang: str, catalogue: str = "") -> Mapping[str, str]:
    """A catalogue of the built-in folder alone, read once: what smartplan says, which no plan can reword."""
    return load_messages([builtin_templates()], lang, catalogue)


def format_label(text: str, /, **values: Any) -> str:
    """`text.format(**values)` for a label that a plan may have written: `{name}` fields only.

    str.format runs outside the sandbox: `{v.__init__.__globals__[os].environ}` would reach CI secrets
    through any object passed in, and `{v:>999999999}` would build a gigabyte.
    """
    for _, field, spec, conversion in string.Formatter().parse(text):
        if field is not None and (not field.isidentifier() or spec or conversion):
            from jinja2.exceptions import SecurityError  # validate's own texts never get here: jinja2 stays unloaded

            written = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise SecurityError(f"label field '{{{written}}}' is not allowed; write {{name}} only")
    return text.format(**values)


@lru_cache(maxsize=8192)
def _decimal(value: float, pattern: str | None, locale: str) -> str:
    """Babel's number formatting, remembered: a document repeats the same figures many times."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, format=pattern, locale=_locale(locale), decimal_quantization=pattern is not None))


def whole_number(count: int, lang: str) -> str:
    """A count as `lang` writes it: `1,000` (en), `1.000` (id); below a thousand without Babel, as Babel writes it."""
    return str(count) if 0 <= count < 1000 else _decimal(count, "#,##0", _LOCALES[lang])


@lru_cache(maxsize=len(_LOCALES))
def _locale(name: str) -> Locale:
    """Babel's locale, parsed once: given by name, Babel parses it again on every call."""
    from babel import Locale

    return Locale.parse(name)


_INNER = re.compile(r"\s*\(([^()]*)\)")


def unnested(text: str) -> str:
    """Text to be put in parentheses, its own turned into a comma: 'indeks (skala 0-5)' -> 'indeks, skala 0-5'."""
    return _INNER.sub(lambda m: ", " + m.group(1), text).removeprefix(", ")


# Words a heading keeps in lower case (Indonesian and English): conjunctions, prepositions, articles.
_SMALL_WORDS = frozenset(
    [
        "dan",
        "di",
        "ke",
        "dari",
        "yang",
        "untuk",
        "atau",
        "pada",
        "dengan",
        "dalam",
        "per",
        "serta",
        "bagi",
        "oleh",
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
    ]
)


def title_case(text: str) -> str:
    """A heading as the built-in ones are written: each lower-case word capitalised but the small ones.

    A word with a capital already (SPBE, e-KTP, iPhone) is left as written.
    """
    words = text.split(" ")
    return " ".join(
        word[:1].upper() + word[1:] if word.islower() and (i == 0 or word not in _SMALL_WORDS) else word
        for i, word in enumerate(words)
    )


def places(values: Iterable[float], most: int = 2) -> int:
    """The decimals a series of figures shares: those of its most precise figure, at most `most`."""
    return max(
        (
            min(most, -int(Decimal(repr(float(v))).normalize().as_tuple().exponent))
            for v in values
            if math.isfinite(v) and not float(v).is_integer()
        ),
        default=0,
    )


@dataclass(frozen=True)
class Language:
    """One document language: its labels and its way of writing numbers, money and dates."""

    code: str
    messages: dict[str, str]

    @property
    def locale(self) -> str:
        return _LOCALES[self.code]

    def label(self, key: str) -> str:
        """The fixed label `key`; a missing one is a template bug, reported with its name."""
        try:
            return self.messages[key]
        except KeyError:
            raise KeyError(f"no label '{key}' in messages/{self.code}.yaml") from None

    def format(self, key: str, **values: Any) -> str:
        """The label `key` with its {name} fields filled in."""
        return format_label(self.label(key), **values)

    def fixed(self, value: float, places: int) -> str:
        """A figure with exactly `places` decimals, as every figure of one indicator is written: `71,70`, `4,0`."""
        return _decimal(round(value, places), "#,##0" + ("." + "0" * places if places else ""), self.locale)

    def number(self, value: float, digits: int = 2) -> str:
        if float(value).is_integer():
            return _decimal(int(value), "#,##0", self.locale)
        return _decimal(round(value, digits), None, self.locale)

    def change(self, amount: int) -> str:
        """A difference with its sign, zero included: `+1.250.000`, `-1.250.000`, `+0` (id)."""
        return _decimal(amount, "+#,##0;-#,##0", self.locale)

    def money(self, amount: int) -> str:
        """Rupiah without decimals: `Rp1.250.000.000` (id), `Rp1,250,000,000` (en)."""
        sign = "-" if amount < 0 else ""
        return f"{sign}Rp{_decimal(abs(amount), '#,##0', self.locale)}"

    def budget(self, amount: int) -> str:
        """An action's budget: `money`, or "belum dianggarkan" for none at all (never "Rp0")."""
        return self.money(amount) if amount else self.label("not_budgeted")

    def millions(self, amount: int) -> str:
        """An amount in millions of Rupiah, as budget matrices print it: `1.250` for Rp1.250.000.000."""
        return _decimal(amount / 1_000_000, "#,##0.##", self.locale)

    def money_short(self, amount: int) -> str:
        """A compact amount for chart labels: `Rp1,3 M` (miliar) or `Rp1.3 bn`."""
        for size, key in ((10**12, "unit_trillion"), (10**9, "unit_billion"), (10**6, "unit_million")):
            if abs(amount) >= size:
                value = _decimal(round(amount / size, 1), "#,##0.#", self.locale)
                return f"Rp{value} {self.label(key)}"
        return self.money(amount)

    def month(self, value: str) -> str:
        """A `YYYY-MM` month written out: `Juli 2024` (id), `July 2024` (en)."""
        from babel.dates import format_date

        year, month = value.split("-")
        return str(format_date(date(int(year), int(month), 1), format="LLLL y", locale=self.locale))

    def date(self, value: date) -> str:
        """A long date: `29 Juli 2024` (id), `29 July 2024` (en)."""
        from babel.dates import format_date

        return str(format_date(value, format="d MMMM y", locale=self.locale))
