"""What several test modules share: the example corpora, running the public CLI in-process, laying out plans."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartplan.books import BOOKS, FORMATS
from smartplan.cli import app

TESTS = Path(__file__).parent
EXAMPLES = TESTS / "examples"
REPO = TESTS.parent
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
ADVERSARIAL = sorted(p for p in (TESTS / "adversarial").glob("*/*") if p.is_dir())
MINIMAL = EXAMPLES / "valid" / "minimal"
GOLDEN = TESTS / "golden" / "minimal"
# The documents of a plan whose quick wins are all in 2025 (the minimal example), from the registry of books.
DOCUMENTS = [name for book in BOOKS for name, _ in book.documents([2025])]
DOCUMENT_FILES = [f"{name}.{fmt}" for name in DOCUMENTS for fmt in FORMATS]
# The outline in DOMAIN.md, chapter by chapter, as the Indonesian masterplan titles them.
CHAPTERS = [
    "BAB I Pendahuluan",
    "BAB II Gambaran Umum dan Kondisi Eksisting",
    "BAB III Analisis Strategis",
    "BAB IV Visi, Misi dan Tujuan",
    "BAB V Strategi Pengembangan per Dimensi",
    "BAB VI Rencana Program",
    "BAB VII Peta Jalan dan Rencana Implementasi",
    "BAB VIII Penutup",
    "Lampiran",
]
# Set SMARTPLAN_REGENERATE=1 to rewrite expected outputs on purpose; review the diff before committing.
REGENERATE = os.environ.get("SMARTPLAN_REGENERATE") == "1"

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


def report_of(case: Path, into: Path, command: str = "validate", lang: str | None = None) -> tuple[str, str]:
    """Lay out a case in `into` and run smartplan on it as its `args` say, in `lang` if given;
    (report with exit code, stderr)."""
    lay_out(case, into)
    args = (case / "args").read_text().split() if (case / "args").exists() else [command]
    if args[0].startswith("-"):  # options only: the command is the default one
        args = [command, *args]
    if lang is not None:
        args = [args[0], "--lang", lang, *args[1:]]
    code, out, err = smartplan(*args, "plan")
    return f"{out}exit code: {code}\n", err


def assert_valid_example(plan: Path, into: Path) -> None:
    """A valid example passes `validate --strict` with no problem."""
    folder = lay_out(plan, into) if (plan / "files").exists() else plan
    code, out, err = smartplan("validate", "--strict", str(folder))
    assert (code, err) == (0, "")
    assert out.endswith(": tidak ada masalah\n")  # the plan's language, Indonesian


# The pinned reports of a case: the Indonesian one (`expected.txt`) and the English one.
REPORTS = ("expected.txt", "expected.en.txt")


def assert_reports_exactly(case: Path, into: Path, expected: str = "expected.txt") -> None:
    """A case gives exactly the report pinned in its `expected` file, and never a traceback or an internal error.

    `expected.txt` is the report in Indonesian (`--lang id`), `expected.en.txt` in English (`--lang en`).
    """
    report, err = report_of(case, into, lang="en" if expected.endswith(".en.txt") else "id")
    if REGENERATE:
        (case / expected).write_text(report)
    assert report == (case / expected).read_text()
    assert "Traceback" not in err
    assert not report.endswith("exit code: 4\n")


def require(available: bool, what: str) -> None:
    """Skip a test whose tool is missing on a developer's machine; in CI (`make test` installs it) fail instead."""
    if not available:
        message = f"needs {what}: run 'make system-deps'"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


# smartplan diff's tests: a git repository made in the test, the plan folder inside it.
DIFF_PLAN = "plans/kota"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Tim", "-c", "user.email=tim@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(repo: Path, tag: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", tag)
    git(repo, "tag", tag)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
