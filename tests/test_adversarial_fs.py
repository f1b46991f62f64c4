"""Filesystem hazards a pull request can bring, built here because git cannot hold them all as they are.

Links to files outside the plan and to /dev/zero, FIFOs, device nodes, sockets, folders where files
belong, file names with undecodable bytes or control characters, names that differ only in case.
Each test asserts the exact report. Cases that could hang (a FIFO) run in a subprocess with a timeout.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from smartplan import api
from smartplan.problem_words import words
from smartplan.source import Limits
from tests.helpers import EXAMPLES, smartplan

QW = "quickwins/qw-2025-governance.yaml"
LINK_HINT = "(replace it with an ordinary YAML file inside the plan folder)"


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    """A valid plan at ./plan in a scratch folder."""
    return Path(shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan"))


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """smartplan in a subprocess, so that a regression that blocks fails within seconds instead of hanging."""
    result = subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    return result.returncode, result.stdout, result.stderr


def expect(lines: list[str], files: int, code: int, *args: str, unread: int = 1) -> None:
    """validate (with extra args) reports exactly these lines and exit code; `unread` files could not be read."""
    errors = sum(": error[" in line for line in lines)  # in English, as validate --lang en says them
    summary = [f"checked {files} files: {errors} error{'' if errors == 1 else 's'}, 0 warnings"]
    if unread:
        summary.append(f"{IN_PART} on {unread} file with errors: fix them and validate again")
    assert smartplan("validate", "--lang", "en", *args, "plan") == (
        code,
        "".join(f"{x}\n" for x in [*lines, *summary]),
        "",
    )


IN_PART = "some checks between files could not run"


def expect_unusable_programs_folder() -> None:
    """The folder is refused, and the checks between files stay quiet about the programs they cannot see."""
    expect(
        ["plan/programs:1:1: error[not-a-folder]: 'programs' must be a folder inside the plan, not a link or file"],
        13,
        1,
        unread=0,  # the folder's error says it all
    )


def test_symlink_to_a_file_outside_the_plan(plan: Path) -> None:
    secret = plan.parent / "secret.yaml"
    secret.write_text("id: qw-secret\n")
    (plan / "quickwins" / "qw-secret.yaml").symlink_to(secret)
    expect(
        [f"plan/quickwins/qw-secret.yaml:1:1: error[symlink]: symbolic links are not allowed in a plan {LINK_HINT}"],
        26,
        1,
    )


def test_symlink_to_etc_passwd_is_not_read(plan: Path) -> None:
    (plan / QW).unlink()
    (plan / QW).symlink_to("/etc/passwd")
    expect([f"plan/{QW}:1:1: error[symlink]: symbolic links are not allowed in a plan {LINK_HINT}"], 25, 1)


def test_plan_yaml_linked_to_dev_zero(plan: Path) -> None:
    (plan / "plan.yaml").unlink()
    (plan / "plan.yaml").symlink_to("/dev/zero")
    expect([f"plan/plan.yaml:1:1: error[symlink]: symbolic links are not allowed in a plan {LINK_HINT}"], 25, 1)


def test_dangling_symlink(plan: Path) -> None:
    (plan / "quickwins" / "qw-gone.yaml").symlink_to(plan / "nowhere.yaml")
    expect(
        [f"plan/quickwins/qw-gone.yaml:1:1: error[symlink]: symbolic links are not allowed in a plan {LINK_HINT}"],
        26,
        1,
    )


def test_symlinked_folder_is_not_followed(plan: Path) -> None:
    outside = plan.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("id: secret\n")
    shutil.rmtree(plan / "programs")
    (plan / "programs").symlink_to(outside, target_is_directory=True)
    expect_unusable_programs_folder()


def test_file_where_a_folder_belongs(plan: Path) -> None:
    shutil.rmtree(plan / "programs")
    (plan / "programs").write_text("id: x\n")
    expect_unusable_programs_folder()


def test_folder_where_plan_yaml_belongs(plan: Path) -> None:
    (plan / "plan.yaml").unlink()
    (plan / "plan.yaml").mkdir()
    expect([f"plan/plan.yaml:1:1: error[not-a-file]: not a regular file {LINK_HINT}"], 25, 1)


def test_fifo_does_not_block(plan: Path) -> None:
    os.mkfifo(plan / "quickwins" / "qw-fifo.yaml")
    code, out, err = run("validate", "--lang", "en", "plan")
    assert (code, err) == (1, "")
    assert out == (
        f"plan/quickwins/qw-fifo.yaml:1:1: error[not-a-file]: not a regular file {LINK_HINT}\n"
        "checked 26 files: 1 error, 0 warnings\n"
        f"{IN_PART} on 1 file with errors: fix them and validate again\n"
    )


def test_fifo_as_plan_yaml_does_not_block(plan: Path) -> None:
    (plan / "plan.yaml").unlink()
    os.mkfifo(plan / "plan.yaml")
    code, out, err = run("validate", "--lang", "en", "plan")
    assert (code, err) == (1, "")
    assert out.startswith(f"plan/plan.yaml:1:1: error[not-a-file]: not a regular file {LINK_HINT}\n")


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root (CI runs as root)")
def test_character_device_copy_of_dev_zero(plan: Path) -> None:
    os.mknod(plan / "quickwins" / "qw-zero.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    code, out, err = run("validate", "--lang", "en", "plan")
    assert (code, err) == (1, "")
    assert out == (
        f"plan/quickwins/qw-zero.yaml:1:1: error[not-a-file]: not a regular file {LINK_HINT}\n"
        "checked 26 files: 1 error, 0 warnings\n"
        f"{IN_PART} on 1 file with errors: fix them and validate again\n"
    )


def test_unix_socket(plan: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("plan/quickwins/qw-sock.yaml")
        expect(
            ["plan/quickwins/qw-sock.yaml:1:1: error[unreadable]: cannot read: No such device or address " + LINK_HINT],
            26,
            1,
        )


def test_undecodable_file_name_is_shown_escaped_in_every_format(plan: Path) -> None:
    name = os.fsdecode(b"qw-\xff\xfe.yaml")
    shutil.copy(plan / QW, plan / "quickwins" / name)
    line = (
        "plan/quickwins/qw-\\xff\\xfe.yaml:1:1: error[file-name]: file name has bytes that are not printable "
        "UTF-8 text (rename the file with letters, digits and hyphens)"
    )
    expect([line], 25, 1, unread=0)  # a file with such a name is not read at all
    # A strict UTF-8 stdout (as CI often sets) must not turn the name into a crash.
    code, out, err = run("validate", "--lang", "en", "--format", "json", "plan", env={"PYTHONIOENCODING": "utf-8"})
    assert (code, err) == (1, "")
    assert json.loads(out)["diagnostics"][0]["file"] == "plan/quickwins/qw-\\xff\\xfe.yaml"


def test_control_characters_in_a_file_name_cannot_forge_ci_annotations(plan: Path) -> None:
    shutil.copy(plan / QW, plan / "quickwins" / "x\n::error file=ci.yaml::forged\x1b[2J.yaml")
    code, out, err = smartplan("validate", "--lang", "en", "--format", "github", "plan")
    assert (code, err) == (1, "")
    assert out == (
        "::error file=plan/quickwins/x\\n%3A%3Aerror file=ci.yaml%3A%3Aforged\\x1b[2J.yaml,line=1,col=1,"
        "title=file-name::error[file-name]: file name has bytes that are not printable UTF-8 text "
        "(rename the file with letters, digits and hyphens)\n"
        "checked 25 files: 1 error, 0 warnings\n"
    )


def test_names_that_differ_only_in_case(plan: Path) -> None:
    shutil.copy(plan / "dimensions" / "living.yaml", plan / "dimensions" / "Living.yaml")
    expect(
        [
            "plan/dimensions/Living.yaml:1:5: error[id-mismatch]: id: id 'living' does not match the file name "
            "'Living.yaml' (rename the file to 'living.yaml')",
            "plan/dimensions/living.yaml:1:1: error[case-clash]: file name differs from 'Living.yaml' only in "
            "upper/lower case (rename one of them; on Windows and macOS they would be the same file)",
        ],
        25,
        1,
        unread=0,  # the second of the two names is not read
    )


def test_dot_dot_in_the_plan_path_is_just_a_path(plan: Path) -> None:
    (plan / "sub").mkdir()
    code, out, err = smartplan("validate", "--lang", "en", "plan/sub/../")
    assert (code, out, err) == (0, "checked 25 files: no problems\n", "")


def test_too_many_files(plan: Path) -> None:
    outcome = api.validate([Path("plan")], Limits(max_files=5))
    assert outcome.exit_code() == 3
    assert [
        (d.file, d.line, d.col, d.code, words(d.message, "en"))
        for d in outcome.diagnostics
        if d.code == "too-many-files"
    ] == [("plan", 1, 1, "too-many-files", "more than 5 files in one plan")]


@pytest.mark.parametrize("report", ["text", "json", "github"])
def test_plan_folder_with_an_undecodable_name(in_tmp: Path, report: str) -> None:
    # `smartplan validate plans/*` in CI passes whatever folder names a pull request adds.
    folder = in_tmp / os.fsdecode(b"plan-\xff")
    shutil.copytree(EXAMPLES / "valid" / "minimal", folder)
    qw = folder / QW
    qw.write_text(qw.read_text().replace("lead_agency: diskominfo", "lead_agency: diskominf"))
    code, out, err = run("validate", "--lang", "en", "--format", report, folder.name, env={"PYTHONIOENCODING": "utf-8"})
    assert (code, err) == (1, "")
    shown = f"plan-\\xff/{QW}"
    if report == "json":
        assert [d["file"] for d in json.loads(out)["diagnostics"]] == [shown]
    else:
        assert shown in out.splitlines()[0]
