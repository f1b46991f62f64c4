"""Shared helpers: run the public CLI in-process and lay out example plans in scratch folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from smartplan.cli import app

TESTS = Path(__file__).parent
EXAMPLES = TESTS / "examples"
REPO = TESTS.parent
# Set SMARTPLAN_REGENERATE=1 to rewrite expected outputs on purpose; review the diff before committing.
REGENERATE = os.environ.get("SMARTPLAN_REGENERATE") == "1"


def smartplan(*args: str) -> tuple[int, str, str]:
    """Run `smartplan ARGS` as a user would; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, list(args), prog_name="smartplan")
    return result.exit_code, result.stdout, result.stderr


def lay_out(case: Path, into: Path) -> Path:
    """Copy the case's base plan to `into/plan`, overlay its files and remove what it lists."""
    base = (case / "base").read_text().strip() if (case / "base").exists() else "minimal"
    plan = into / "plan"
    shutil.copytree(EXAMPLES / "valid" / base, plan)
    if (case / "files").exists():
        shutil.copytree(case / "files", plan, dirs_exist_ok=True)
    if (case / "remove").exists():
        for name in (case / "remove").read_text().split():
            target = plan / name
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    return plan


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work inside a scratch folder so that file names in messages are short and stable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Debian's chromium, driven by Playwright; never a downloaded browser.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require(available: bool, what: str) -> None:
    """Skip a test whose tool is missing on a developer's machine; in CI (`make test` installs it) fail instead."""
    if not available:
        message = f"needs {what}: run 'make system-deps'"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium for the module's tests."""
    require(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
