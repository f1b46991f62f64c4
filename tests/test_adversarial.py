"""The adversarial corpus: hostile or broken plans, each with the exact report smartplan must give.

A case is a folder tests/adversarial/<category>/<case>/ laid out like tests/examples/invalid: `files/`
overlays the base plan, `remove` lists files to delete, `args` holds extra options, `expected.txt` is the
exact stdout followed by `exit code: N` (`expected.en.txt` the same in English). Hazards git cannot hold
(links, FIFOs, devices, odd file names, huge files) are built by the tests in tests/test_adversarial_fs.py
and tests/test_limits.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ADVERSARIAL as CASES
from tests.helpers import REPORTS, assert_reports_exactly


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 50
    assert {p.parent.name for p in CASES} == {"yaml", "paths"}


@pytest.mark.parametrize("expected", REPORTS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_reports_exactly(case: Path, expected: str, in_tmp: Path) -> None:
    assert_reports_exactly(case, in_tmp, expected)
