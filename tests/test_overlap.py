"""bench/overlap.py, the measure of how much each companion book repeats the masterplan."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.helpers import MINIMAL, REPO, smartplan


def _overlap() -> ModuleType:
    spec = importlib.util.spec_from_file_location("overlap", REPO / "bench" / "overlap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["overlap"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


overlap = _overlap()

REFERENCE = "one two three four five six seven eight nine ten"


def test_a_run_of_eight_shared_words_counts_all_eight() -> None:
    text = "alpha one two three four five six seven eight omega"
    assert overlap.shared_words(text, REFERENCE) == (10, 8)


def test_seven_shared_words_are_not_a_run() -> None:
    assert overlap.shared_words("alpha one two three four five six seven omega", REFERENCE) == (9, 0)


def test_overlapping_runs_count_each_word_once_and_ignore_case_and_punctuation() -> None:
    text = "One, two | three four five six seven eight nine ten. x"
    assert overlap.shared_words(text, REFERENCE) == (11, 10)


def test_a_text_of_its_own_shares_nothing() -> None:
    assert overlap.shared_words("the road map says what must come before what", REFERENCE) == (9, 0)


def test_measure_reads_every_companion_book_of_a_build(tmp_path: Path) -> None:
    code, _, _ = smartplan("build", str(MINIMAL), "--format", "md", "--out", str(tmp_path / "out"))
    assert code == 0
    found = overlap.measure(tmp_path / "out")
    names = [o.name for o in found]
    assert names == ["analisis-kesiapan", "profil-quick-win-2025", "ringkasan-eksekutif", "roadmap"]
    out = tmp_path / "out"
    roadmap = found[names.index("roadmap")]
    assert roadmap.words == len(overlap.words_of((out / "roadmap.md").read_text()))
    assert 0 <= roadmap.shared <= roadmap.words
    lines = overlap.table(found).splitlines()
    assert lines[0] == "| book | words | in the masterplan (runs of 8+) | share |"
    assert lines[-1] == f"| roadmap | {roadmap.words:,} | {roadmap.shared:,} | {roadmap.share:.0%} |"
