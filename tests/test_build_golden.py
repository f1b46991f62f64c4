"""`smartplan build` on the minimal example plan, compared byte for byte with the golden documents.

Set SMARTPLAN_REGENERATE=1 to rewrite tests/golden/ on purpose; review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DOCUMENT_FILES, DOCUMENTS, EXAMPLES, GOLDEN, MINIMAL, REGENERATE, TESTS, lay_out, smartplan


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_minimal_plan_builds_the_golden_documents(fmt: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = smartplan("build", str(MINIMAL), "--out", str(out), "--format", fmt, "--lang", lang)
    assert (code, stderr) == (0, "")
    assert stdout == f"checked 13 files: no problems\nwrote 5 documents to {out}\n"
    built = sorted(p.name for p in out.iterdir())
    assert built == sorted([".smartplan-build", *(f"{d}.{fmt}" for d in DOCUMENTS)])
    expected_dir = GOLDEN / lang
    for name in DOCUMENTS:
        actual = (out / f"{name}.{fmt}").read_bytes()
        golden = expected_dir / f"{name}.{fmt}"
        if REGENERATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(actual)
        assert actual == golden.read_bytes(), f"{name}.{fmt} ({lang}) differs from {golden}"


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1722211200")  # 2024-07-29
    for name in ("a", "b"):
        assert smartplan("build", str(MINIMAL), "--out", str(tmp_path / name))[0] == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert first == second
    assert len(first) == len(DOCUMENT_FILES) + 1  # and the marker
    assert {int(p.stat().st_mtime) for p in (tmp_path / "a").iterdir()} == {1722211200}


def _matches_golden(plan: Path, golden: Path, out: Path) -> None:
    """Build `plan` into `out` and compare every document in both formats with `golden` (rewritten on purpose)."""
    code, _, stderr = smartplan("build", str(plan), "--out", str(out))
    assert (code, stderr) == (0, "")
    for name in DOCUMENTS:
        for fmt in ("md", "html"):
            actual = (out / f"{name}.{fmt}").read_bytes()
            if REGENERATE:
                golden.mkdir(parents=True, exist_ok=True)
                (golden / f"{name}.{fmt}").write_bytes(actual)
            assert actual == (golden / f"{name}.{fmt}").read_bytes(), f"{name}.{fmt} differs from {golden}"


def test_plan_with_programs_builds_the_golden_documents(tmp_path: Path) -> None:
    """Programs of both terms, with their tables and profiles in the masterplan and the roadmap."""
    _matches_golden(EXAMPLES / "valid" / "with-programs", TESTS / "golden" / "with-programs" / "id", tmp_path / "out")


def test_plan_with_every_optional_field_builds_the_golden_documents(tmp_path: Path) -> None:
    """Stages, upkeep, decisions, readiness data and scores, criteria, crosswalk, plan-level risks: the new parts."""
    plan = lay_out(EXAMPLES / "valid" / "four-books", tmp_path)
    _matches_golden(plan, TESTS / "golden" / "four-books" / "id", tmp_path / "out")
