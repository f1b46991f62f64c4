"""How much of each companion book is the masterplan again: the share of its words in shared runs of 8+ words.

A word of a companion book counts as shared when it lies inside some run of RUN (8) consecutive words that also
stands, word for word, in the masterplan. Words are what `\\w+` finds, lower-cased, in the Markdown documents, so
table pipes, headings marks and punctuation do not count and do not break a run.

Usage: python bench/overlap.py BUILD_DIR    (a folder `smartplan build --format md` wrote)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

RUN = 8
MASTERPLAN = "masterplan.md"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Overlap:
    """One companion book: its words, and how many of them stand in the masterplan in runs of RUN or more."""

    name: str
    words: int
    shared: int

    @property
    def share(self) -> float:
        return self.shared / self.words if self.words else 0.0


def words_of(text: str) -> list[str]:
    """The words of a text, lower-cased."""
    return [w.lower() for w in _WORD.findall(text)]


def shared_words(text: str, reference: str, run: int = RUN) -> tuple[int, int]:
    """(words of `text`, how many of them lie in a run of `run` words that also stands in `reference`)."""
    words = words_of(text)
    ref = words_of(reference)
    grams = {tuple(ref[i : i + run]) for i in range(len(ref) - run + 1)}
    covered = [False] * len(words)
    for i in range(len(words) - run + 1):
        if tuple(words[i : i + run]) in grams:
            covered[i : i + run] = [True] * run
    return len(words), sum(covered)


def measure(build: Path) -> list[Overlap]:
    """Every Markdown book in `build` other than the masterplan, measured against it, in file-name order."""
    reference = (build / MASTERPLAN).read_text(encoding="utf-8")
    found = []
    for path in sorted(build.glob("*.md")):
        if path.name != MASTERPLAN:
            words, shared = shared_words(path.read_text(encoding="utf-8"), reference)
            found.append(Overlap(path.stem, words, shared))
    return found


def table(overlaps: list[Overlap]) -> str:
    """The measure as a Markdown table."""
    lines = ["| book | words | in the masterplan (runs of 8+) | share |", "|---|---:|---:|---:|"]
    lines += [f"| {o.name} | {o.words:,} | {o.shared:,} | {o.share:.0%} |" for o in overlaps]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(table(measure(Path(sys.argv[1]))))
