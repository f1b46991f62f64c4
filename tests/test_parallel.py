"""Large plans are read in several processes; every report must be exactly that of one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan import api, parallel
from smartplan.loader import load_plan
from tests import test_examples
from tests.conftest import EXAMPLES, lay_out, smartplan
from tests.test_build_golden import DOCUMENTS, GOLDEN, MINIMAL
from tests.test_examples import INVALID, VALID


@pytest.fixture(autouse=True)
def always_in_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spread even the smallest plan over two workers, whatever the machine's CPU count."""
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 1)
    monkeypatch.setattr(api, "default_jobs", lambda: 2)


@pytest.mark.parametrize("plan", VALID, ids=lambda p: p.name)
def test_valid_example_has_no_problems(plan: Path, in_tmp: Path) -> None:
    test_examples.test_valid_example_has_no_problems(plan, in_tmp)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_exactly(case: Path, in_tmp: Path) -> None:
    test_examples.test_invalid_example_reports_exactly(case, in_tmp)


def test_the_plan_loaded_in_processes_equals_the_one_loaded_here(in_tmp: Path) -> None:
    folder = lay_out(EXAMPLES / "invalid" / "unknown-field", in_tmp)
    here, here_problems = load_plan(folder, "plan", jobs=1)
    there, there_problems = load_plan(folder, "plan", jobs=2)
    assert there == here
    assert there_problems == here_problems
    assert here_problems and here.plan and here.dimensions and here.quickwins


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_format_rendered_in_its_own_process_matches_the_golden_documents(lang: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, stderr = smartplan("build", str(MINIMAL), "--out", str(out), "--lang", lang)
    assert (code, stderr) == (0, "")
    for name in DOCUMENTS:
        for fmt in ("md", "html"):
            assert (out / f"{name}.{fmt}").read_bytes() == (GOLDEN / lang / f"{name}.{fmt}").read_bytes(), name
