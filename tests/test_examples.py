"""Every example plan through `smartplan validate`, compared with its expected report word for word.

A valid example is a whole plan folder, or an overlay like the invalid cases (a folder with `files/`).
An invalid case is a folder in tests/examples/invalid/: `files/` overlays the base plan (default
`valid/minimal`, or the one named in `base`), `remove` lists files to delete, `args` holds extra
command-line options, and `expected.txt` is the exact report followed by `exit code: N`, in Indonesian;
`expected.en.txt` is the same report in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import INVALID, REPORTS, VALID, assert_reports_exactly, assert_valid_example


@pytest.mark.parametrize("plan", VALID, ids=lambda p: p.name)
def test_valid_example_has_no_problems(plan: Path, in_tmp: Path) -> None:
    assert_valid_example(plan, in_tmp)


@pytest.mark.parametrize("expected", REPORTS)
@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_exactly(case: Path, expected: str, in_tmp: Path) -> None:
    assert_reports_exactly(case, in_tmp, expected)


# One kind of problem per case, so that a cascade of follow-on errors shows up as a failure here.
TWO_KINDS = {
    "case-clash": "an upper-case file name is also not a valid id",
    "report-format-github": "shows an error and a warning",
    # A file with an error is still checked against the rest of the plan where it is well-formed.
    "all-in-one-run-dotted-amount-beside-unknown-lead": "a number with separators, and an unknown agency",
    "all-in-one-run-invalid-id-beside-unknown-agency": "an invalid id, and an unknown agency in the same list",
    "all-in-one-run-percent-target-beside-out-of-period": "a target written with '%', and a year out of period",
    "monitoring-year-reported-twice": "a second file for a year is also not named after it",
    "copied-file-keeps-the-id": "a copy of a file repeats its id, which also does not match the copy's name",
    "unknown-field-indonesian": "'tahun' for 'year' also leaves the required 'year' missing",
}


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example_shows_one_kind_of_problem(case: Path) -> None:
    report = (case / "expected.en.txt").read_text()
    codes = {a or b for a, b in re.findall(r'(?:error|warning)\[([a-z-]+)\]|"code": "([a-z-]+)"', report)}
    assert len(codes) == (2 if case.name in TWO_KINDS else 1), codes
