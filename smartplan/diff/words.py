"""The words of `smartplan diff`'s text and Markdown reports, in the reader's language.

The sentences live in the built-in `templates/messages/diff.<lang>.yaml` (a plan cannot reword them); kinds of
items, budget axes and field names are the documents' own labels (`messages/<lang>.yaml`), so that a reviewer
reads the same term in the diff as in the book; figures are written by `i18n.Language`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from os.path import commonprefix
from typing import Any

from smartplan.diff.changes import Diff, FieldChange, IndicatorChange, ItemChange
from smartplan.diff.labels import AXIS_LABELS, FIELD_LABELS, KIND_LABELS, MONITORING_LABELS, VALUE_LABELS, YEAR_FIELDS
from smartplan.errors import Text
from smartplan.i18n import Language, builtin_messages
from smartplan.problem_words import words

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_SHORT = 60  # characters of a text value shown in text and Markdown; JSON has them whole


def in_sentence(label: str) -> str:
    """A label as a word inside a sentence: 'Sumber dana' -> 'sumber dana'; 'SPBE' stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


@dataclass(frozen=True)
class DiffWords:
    """One report language: the diff catalogue's sentences and the documents' labels and figures."""

    lang: Language

    @classmethod
    def of(cls, code: str) -> DiffWords:
        return cls(Language(code, dict(builtin_messages(code))))

    def say(self, key: str, /, **fields: str | int) -> str:
        """The diff catalogue's text `key`; a field `count` picks the plural form, as problem texts do."""
        return words(Text.of(key, **fields), self.lang.code)

    def kind(self, kind: str) -> str:
        return in_sentence(self.lang.label(KIND_LABELS[kind])) if kind in KIND_LABELS else self.say(f"kind.{kind}")

    def axis(self, axis: str) -> str:
        return self.say("axis", field=in_sentence(self.lang.label(AXIS_LABELS[axis])))

    def amount(self, amount: int, sign: bool = False) -> str:
        """Rupiah as a figure (the unit is in the heading), `+` in front of a rise when `sign`."""
        return self.lang.change(amount) if sign else self.lang.number(amount)

    @property
    def as_in_the_books(self) -> bool:
        """Fields by the documents' labels and figures as they write them; else both as the YAML file has them."""
        return self.say("style") == "books"

    def value(self, v: Any, key: str = "") -> str:
        """A field's value: text quoted and shortened; a figure as the documents write it, or as the YAML does."""
        if v is None:
            return self.say("none")
        if isinstance(v, str):
            labels = (f"{prefix}_{v}" for prefix in VALUE_LABELS.get(key, ()) if self.as_in_the_books)
            label = next((self.lang.label(k) for k in labels if k in self.lang.messages), None)
            if label is not None:
                return label
            text = v if len(v) <= _SHORT else v[: _SHORT - 1] + "…"
            return json.dumps(text, ensure_ascii=False)
        if self.as_in_the_books and isinstance(v, int | float) and not isinstance(v, bool) and key not in YEAR_FIELDS:
            return self.lang.number(v)
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return json.dumps(v, ensure_ascii=False)

    def figure(self, v: float | None) -> str:
        """An indicator's baseline or target."""
        return self.value(v, "figure")

    def field(self, path: str, labels: dict[str, str] | None = None) -> str:
        """A field's path as written (`budget[1].year`), or by labels (`Anggaran per tahun butir 2 › Tahun`)."""
        if not self.as_in_the_books:
            return path
        name = ""
        for index, key in _PART.findall(path):
            if index:
                name = self.say("path.item", field=name, number=int(index) + 1)
                continue
            label = self._label(key, labels or {})
            name = self.say("path.within", outer=name, inner=label) if name else label
        return name

    def _label(self, key: str, labels: dict[str, str]) -> str:
        """The documents' label of a field, else the diff catalogue's, else its title in the JSON Schemas (which
        have one for every field), else the key as written."""
        book_key = labels.get(key) or FIELD_LABELS.get(key)
        if book_key is not None:
            return self.lang.label(book_key)
        code = self.lang.code
        own = builtin_messages(code, "diff").get(f"field.{key}")
        return own or builtin_messages(code, "schema").get(f"title.{key}", key)

    def field_line(self, change: FieldChange, labels: dict[str, str] | None = None) -> str:
        key = _PART.findall(change.path)[-1][1] if change.path else ""
        before, after = change.before, change.after
        if isinstance(before, str) and isinstance(after, str):
            before, after = _from_difference(before, after)
        return f"{self.field(change.path, labels)}: {self.value(before, key)} → {self.value(after, key)}"

    def monitoring_line(self, change: FieldChange) -> str:
        return f"{self.say('monitoring')} {self.field_line(change, MONITORING_LABELS)}"

    def item_title(self, item: ItemChange) -> str:
        kind = self.kind(item.kind)
        return self.say(f"item.{item.status}", kind=kind, id=item.id, name=item.name, old_id=item.old_id)

    def indicator_lines(self, change: IndicatorChange) -> Iterator[str]:
        """What differs in one indicator, a phrase each."""
        if change.baseline_before != change.baseline_after:
            before, after = (self._baseline(b) for b in (change.baseline_before, change.baseline_after))
            yield f"{in_sentence(self.lang.label('baseline'))}: {before} → {after}"
        target = in_sentence(self.lang.label("target"))
        for year, before_value, after_value in change.targets:
            yield f"{target} {year}: {self.figure(before_value)} → {self.figure(after_value)}"

    def _baseline(self, b: tuple[int, float] | None) -> str:
        return self.say("none") if b is None else self.say("baseline", value=self.figure(b[1]), year=b[0])

    def summary(self, diff: Diff) -> str:
        """One line: how many changes of each kind, or that there are none."""
        if not diff.has_changes:
            return self.say("no-differences")
        counts: dict[str, int] = {}
        for item in diff.items:
            counts[item.status] = counts.get(item.status, 0) + 1
        parts = [self.say(f"count.{status}", count=n) for status, n in counts.items()]
        if diff.indicators:
            parts.append(self.say("count.indicators", count=len(diff.indicators)))
        if diff.monitoring:
            parts.append(self.say("count.monitoring", count=len(diff.monitoring)))
        return self.say("summary", items=self.say("summary.items", count=len(diff.items)), parts=", ".join(parts))


def _from_difference(before: str, after: str) -> tuple[str, str]:
    """Two long texts that begin alike, each from a little before where they part: shortened from the start,
    both would show the same words and hide the change."""
    same = len(commonprefix([before, after]))
    if same < _SHORT // 2 or min(len(before), len(after)) <= _SHORT:
        return before, after
    start = before.rfind(" ", 0, same - _SHORT // 4) + 1  # a few words before, from the start of a word
    return "…" + before[start:], "…" + after[start:]
