"""Fixtures; what tests share otherwise is in tests/helpers.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, DIFF_PLAN, MINIMAL, commit, edit, git, require


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work inside a scratch folder so that file names in messages are short and stable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium for the module's tests."""
    require(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Monitoring years are checked against today: a fixed today keeps the expected reports true in later years."""
    monkeypatch.setenv("SMARTPLAN_TODAY", "2026-12-04")


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report's language falls back to the locale's where no plan says its own: the same on every machine."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """v1 the example plan; v2 a rename, a budget moved, a target changed; v3 a broken YAML; v4 no plan folder.

    The working tree is left at v2, and the tests run from the repository's top.
    """
    repo = tmp_path / "repo"
    plan = repo / DIFF_PLAN
    shutil.copytree(MINIMAL, plan)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "v1")
    git(repo, "mv", f"{DIFF_PLAN}/programs/dasbor-kota.yaml", f"{DIFF_PLAN}/programs/dasbor-pimpinan.yaml")
    edit(plan / "programs" / "dasbor-pimpinan.yaml", "id: dasbor-kota", "id: dasbor-pimpinan")
    edit(
        plan / "programs" / "satu-data.yaml",
        "  - year: 2026\n    amount: 300000000",
        "  - year: 2027\n    amount: 300000000",
    )
    edit(plan / "programs" / "satu-data.yaml", "name: Satu Data Kota Banjar", "name: Satu Data <b>@warga</b> | *x*")
    edit(plan / "quickwins" / "qw-2025-economy.yaml", "funding: apbd-kota", "funding: apbd-provinsi")
    edit(plan / "plan.yaml", "funding_sources:\n", "funding_sources:\n  - id: apbd-provinsi\n    name: APBD Provinsi\n")
    edit(plan / "dimensions" / "governance.yaml", "      2026: 60", "      2026: 65")
    commit(repo, "v2")
    edit(plan / "quickwins" / "qw-2025-living.yaml", "name: ", "name: [unclosed\n")
    commit(repo, "v3")
    git(repo, "rm", "-q", "-r", DIFF_PLAN)
    commit(repo, "v4")
    git(repo, "checkout", "-q", "v2")
    monkeypatch.chdir(repo)
    return repo
