"""The command line meets its users: --version, --help with examples for every command, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from smartplan import __version__
from smartplan.cli import app
from tests.helpers import smartplan

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
SMARTPLAN = Path(sys.executable).parent / "smartplan"


def test_version() -> None:
    assert smartplan("--version") == (0, f"smartplan {__version__}\n", "")


def test_the_authoring_commands_exist() -> None:
    assert {"init", "new", "schema", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_examples_of_the_command(command: str) -> None:
    code, out, err = smartplan(command, "--help")
    assert (code, err) == (0, "")
    assert "Examples:" in out
    examples = out.split("Examples:", 1)[1]
    assert f"smartplan {command} " in examples


@pytest.mark.parametrize("command", COMMANDS)
def test_examples_stay_whole_on_a_narrow_terminal(command: str) -> None:
    """Each example is one line to copy, never re-wrapped to the terminal's width."""
    help_text = typer.main.get_command(app).commands[command].help  # type: ignore[attr-defined]
    examples = [line.strip() for line in help_text.split("Examples:", 1)[1].splitlines() if "smartplan " in line]
    assert examples
    result = CliRunner().invoke(app, [command, "--help"], prog_name="smartplan", terminal_width=50)
    shown = [line.strip() for line in result.stdout.splitlines()]
    for example in examples:
        assert example in shown


def _complete(words: str) -> list[str]:
    """What bash completion offers after `words` (the last word being typed)."""
    env = {
        **os.environ,
        "_SMARTPLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = subprocess.run([str(SMARTPLAN)], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_script_is_offered_for_bash() -> None:
    # The shell is found among the calling processes (shellingham): run from bash, as a user would, so that the
    # test does not depend on how pytest itself was started (in a pipeline, or orphaned in the background).
    command = ["bash", "-c", f"'{SMARTPLAN}' --show-completion; exit $?"]  # not exec'd: bash stays its parent
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "_SMARTPLAN_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _smartplan_completion smartplan" in result.stdout


def test_completion_of_commands_kinds_and_dimensions() -> None:
    assert "init" in _complete("smartplan i")
    assert _complete("smartplan new ") == ["quickwin", "program", "monitoring"]
    assert _complete("smartplan new quickwin plans/x qw-1 --dimension e") == ["economy", "environment"]


def test_completion_offers_report_document_formats_and_languages() -> None:
    assert _complete("smartplan validate --report ") == ["text", "json", "github"]
    assert _complete("smartplan validate -f ") == ["text", "json", "github"]
    assert _complete("smartplan build plans/x --report ") == ["text", "json", "github"]
    assert _complete("smartplan build plans/x --format ") == ["md", "html", "pdf", "docx", "both", "all"]
    assert _complete("smartplan build plans/x --lang ") == ["id", "en"]
    assert _complete("smartplan serve --lang ") == ["id", "en"]


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("build", "Usage: smartplan build [OPTIONS] {PLAN_DIR}"),
        ("serve", "Usage: smartplan serve [OPTIONS] [PLAN_DIR]"),
        ("validate", "Usage: smartplan validate [OPTIONS] [PLAN_DIR]..."),
        ("new", "Usage: smartplan new [OPTIONS] {KIND} {PLAN_DIR} {ID}"),
        ("schema", "Usage: smartplan schema [OPTIONS] [KIND]"),
    ],
)
def test_usage_names_the_arguments_as_the_readme_does(command: str, usage: str) -> None:
    code, out, _ = smartplan(command, "--help")
    assert (code, out.splitlines()[0]) == (0, usage)
