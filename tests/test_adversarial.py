"""The adversarial corpus: hostile or broken plans, each with the exact report smartplan must give.

A case is a folder tests/adversarial/<category>/<case>/ laid out like tests/examples/invalid: `files/`
overlays the base plan, `remove` lists files to delete, `args` holds extra options, `expected.txt` is the
exact stdout followed by `exit code: N`. Hazards git cannot hold (links, FIFOs, devices, odd file names,
huge files) are built by the tests in tests/test_adversarial_fs.py and tests/test_limits.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REGENERATE, TESTS, lay_out, smartplan

ADVERSARIAL = TESTS / "adversarial"
CASES = sorted(p for p in ADVERSARIAL.glob("*/*") if p.is_dir())


def report_of(case: Path, into: Path) -> tuple[str, str]:
    """Lay out a case in `into`, run smartplan on it; return (report with exit code, stderr)."""
    lay_out(case, into)
    args = (case / "args").read_text().split() if (case / "args").exists() else ["validate"]
    code, out, err = smartplan(*args, "plan")
    return f"{out}exit code: {code}\n", err


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 50
    assert {p.parent.name for p in CASES} == {"yaml", "paths"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_reports_exactly(case: Path, in_tmp: Path) -> None:
    report, err = report_of(case, in_tmp)
    if REGENERATE:
        (case / "expected.txt").write_text(report)
    assert report == (case / "expected.txt").read_text()
    assert "Traceback" not in err
    assert not report.endswith("exit code: 4\n")
