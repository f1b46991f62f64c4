"""The pre-commit hook: changed file names in, the plan folders that hold them checked whole, once each."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import EXAMPLES, REPO, smartplan

BIN = Path(sys.executable).parent
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())


def _two_plans(root: Path) -> None:
    """`good/` is a valid plan; `bad/` names an agency that does not exist."""
    shutil.copytree(EXAMPLES / "valid" / "minimal", root / "good")
    shutil.copytree(EXAMPLES / "valid" / "minimal", root / "bad")
    quickwin = root / "bad" / "quickwins" / "qw-2025-living.yaml"
    quickwin.write_text(quickwin.read_text().replace("lead_agency: diskominfo", "lead_agency: dinsos"))
    (root / "notes").mkdir()
    (root / "notes" / "meeting.yaml").write_text("agenda: []\n")


def test_hooks_run_validate_on_the_changed_yaml_files() -> None:
    assert [hook["id"] for hook in HOOKS] == ["smartplan-validate", "smartplan-validate-strict"]
    for hook in HOOKS:
        assert hook["entry"].startswith("smartplan validate") and hook["entry"].endswith("--files")
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        pattern = re.compile(hook["files"])
        assert pattern.search("plans/banjar/quickwins/qw-2025-governance.yaml")
        assert pattern.search("plans/banjar/quickwins/qw-2025-governance.yml")  # reported: plans use .yaml
        assert not pattern.search("plans/banjar/README.md")


def test_the_example_workflow_installs_smartplan_from_the_repository_the_hook_names() -> None:
    """Not 'pip install smartplan': there is no such package on PyPI, and one published later under that name
    would be someone else's code running in every city's CI."""
    hook_repo = re.search(r"- repo: (\S+)\n#\s+rev: (\S+)", (REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook_repo is not None
    wanted = f'pip install "smartplan @ git+{hook_repo.group(1)}@{hook_repo.group(2)}"'
    for document in (REPO / "docs" / "github-actions-smartplan.yml", REPO / "docs" / "new-city.md"):
        installs = re.findall(r"- run: (pip install .*)", document.read_text())
        assert installs == [wanted], document.name


def test_files_are_mapped_to_their_plan_folders_each_checked_once(in_tmp: Path) -> None:
    _two_plans(in_tmp)
    code, out, err = smartplan(
        "validate",
        "--lang",
        "en",
        "--files",
        "good/plan.yaml",
        "good/quickwins/qw-2025-economy.yaml",
        "bad/quickwins/qw-2025-living.yaml",
        "bad/dimensions/living.yaml",
        "notes/meeting.yaml",
    )
    assert (code, err) == (1, "")
    assert out == (
        "bad/quickwins/qw-2025-living.yaml:6:14: error[dangling-ref]: lead_agency: unknown agency 'dinsos'"
        " (agencies are defined in plan.yaml under 'agencies')\n"
        "checked 50 files: 1 error, 0 warnings\n"
    )


def test_files_outside_any_plan_check_nothing(in_tmp: Path) -> None:
    _two_plans(in_tmp)
    assert smartplan("validate", "--files", "notes/meeting.yaml") == (0, "checked 0 files: no problems\n", "")


def test_hook_entries_run_as_pre_commit_runs_them(in_tmp: Path) -> None:
    """pre-commit runs `entry` with the changed file names appended; only the strict hook fails on a warning."""
    _two_plans(in_tmp)
    (
        in_tmp / "good" / "quickwins" / "qw-2025-society.yaml"
    ).unlink()  # warnings: a dimension and an element without one
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    changed = ["good/quickwins/qw-2025-economy.yaml", "good/plan.yaml"]
    for hook, expected_code in zip(HOOKS, (0, 1), strict=True):
        result = subprocess.run(
            [*shlex.split(hook["entry"]), *changed], capture_output=True, text=True, env=env, check=False
        )
        assert result.returncode == expected_code, hook["id"]
        assert result.stdout.endswith("memeriksa 24 berkas: 0 kesalahan, 2 peringatan\n")  # the plans' language
        assert "peringatan[no-quickwin]" in result.stdout
