"""Problems in words: the catalogue of what validate says, per language, and a Text turned into a sentence.

The texts live in the built-in `templates/messages/problems.<lang>.yaml` only: a plan cannot reword what
validate tells about it. A field named `count` is written as the language writes numbers and picks the
plural form of its key (`key.one`), by the CLDR rule the catalogue gives under `plural-rule`, as a gettext
catalogue does: English has one, Indonesian none. The rule is read by Babel's `babel.plural`, without loading
Babel's locale data, so that validate stays quick.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from smartplan.errors import Text
from smartplan.i18n import LANGUAGES, builtin_messages, format_label, locale_language, whole_number

PLURAL_RULE = "plural-rule"
# The built-in catalogues of what smartplan says, one set of keys in four files: what validate says about a plan
# (problems), what the commands say around their reports (cli: status, the progress line, closing lines),
# diff's report (diff) and export's README sheet (sheets). The others are read only when a key is not in the
# first, so validate reads one catalogue.
CATALOGUES = ("problems", "cli", "diff", "sheets")


def catalogue(lang: str) -> Mapping[str, str]:
    """The problem texts of one language."""
    return builtin_messages(lang, CATALOGUES[0])


def _holding(key: str, lang: str) -> Mapping[str, str]:
    """The catalogue of `lang` that holds `key`."""
    for name in CATALOGUES:
        messages = builtin_messages(lang, name)
        if key in messages:
            return messages
    raise KeyError(f"no text '{key}' in messages/{{{','.join(CATALOGUES)}}}.{lang}.yaml")


@lru_cache(maxsize=len(LANGUAGES))
def _plural_form(lang: str) -> Callable[[int], str]:
    rule = catalogue(lang).get(PLURAL_RULE, "")
    if not rule:
        return lambda _count: "other"
    from babel.plural import PluralRule

    return PluralRule.parse(dict(part.strip().split(": ", 1) for part in rule.split(";")))


def say(value: str | Text, lang: str) -> str:
    """A Text in `lang`; text that is not one (an error worded in English only) as it is."""
    return words(value, lang) if isinstance(value, Text) else value


def words(text: Text, lang: str) -> str:
    """`text` in `lang`, its fields filled in; a field that is itself a Text is put into words first."""
    if not text:
        return ""
    messages = _holding(text.key, lang)
    key = text.key
    values: dict[str, str] = {}
    for field, value in text.fields:
        if field == "count" and isinstance(value, int):
            values[field] = whole_number(value, lang)
            form = f"{text.key}.{_plural_form(lang)(value)}"
            key = form if form in messages else key
        else:
            values[field] = words(value, lang) if isinstance(value, Text) else str(value)
    return format_label(messages[key], **values)


# The language of a report: one for all, or the language of each file (of the plan it belongs to), asked about
# the file "" for the summary.
Languages = str | Callable[[str], str]


def report_language(chosen: str | None, plans: Mapping[str, str | None]) -> Languages:
    """`--lang`, else each plan's own `language`, else the locale's (for a plan whose plan.yaml was not read)."""
    if chosen is not None:
        return chosen
    fallback = locale_language()
    spoken = {root: lang or fallback for root, lang in plans.items()}
    if len(set(spoken.values())) <= 1:
        return next(iter(spoken.values()), fallback)
    first = next(iter(spoken.values()))

    def language_of(file: str) -> str:
        return next((lang for root, lang in spoken.items() if file.startswith(f"{root}/") or file == root), first)

    return language_of


def summary_language(languages: Languages) -> str:
    """The one language of a report's closing lines: that of the first plan where plans differ."""
    return languages if isinstance(languages, str) else languages("")
