"""The example corpus again, with PyYAML's pure-Python parser in place of libyaml's.

smartplan reads YAML with libyaml's C parser where PyYAML was built with it, and with the pure
parser elsewhere; both must give the same data, the same positions and the same reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smartplan import source
from tests.helpers import ADVERSARIAL as CASES
from tests.helpers import INVALID, REGENERATE, VALID, assert_reports_exactly, assert_valid_example, report_of


@pytest.fixture(autouse=True)
def pure_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "Loader", yaml.SafeLoader)


@pytest.mark.parametrize("plan", VALID, ids=lambda p: p.name)
def test_valid_example_has_no_problems(plan: Path, in_tmp: Path) -> None:
    assert_valid_example(plan, in_tmp)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_exactly(case: Path, in_tmp: Path) -> None:
    assert_reports_exactly(case, in_tmp, "expected.en.txt")


# Where the two parsers themselves disagree, before smartplan sees an event. The pure parser's report is pinned
# in expected-pure.txt (in English) beside the libyaml one: still a diagnostic with its place, never a crash.
PARSERS_DIFFER = {
    "deep-flow-beyond-parser": "libyaml stops at 1,000 levels; the pure parser lets the builder stop at 33",
    "document-end-then-garbage": "the pure parser words the syntax error differently",
    "escape-surrogate": "libyaml refuses the escape; the pure parser lets the control-character check find it",
    "tab-in-flow": "the pure parser refuses a tab inside [ ] that libyaml accepts",
}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_adversarial_case_reports_exactly(case: Path, in_tmp: Path) -> None:
    if case.name not in PARSERS_DIFFER:
        assert_reports_exactly(case, in_tmp, "expected.en.txt")
        return
    report, err = report_of(case, in_tmp, lang="en")
    if REGENERATE:
        (case / "expected-pure.txt").write_text(report)
    assert report == (case / "expected-pure.txt").read_text()
    assert report != (case / "expected.en.txt").read_text(), "the parsers agree now: drop the case from PARSERS_DIFFER"
    assert "Traceback" not in err


def test_the_default_parser_is_libyaml() -> None:
    assert source.Loader is not yaml.CSafeLoader  # this module's fixture swapped it
    assert yaml.__with_libyaml__
