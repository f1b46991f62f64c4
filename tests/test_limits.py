"""Resource bounds: each pathological plan ends within seconds, in bounded memory, naming the limit it hit.

Every case runs `python -m smartplan validate` in a child process; os.wait4 gives that child's own
peak memory (ru_maxrss), and a timer kills it if it runs away. The plans are built here, in a scratch
folder: huge, sparse or very many files do not belong in git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES

QW = "quickwins/qw-2025-governance.yaml"
SECONDS = 30  # generous: the machine running the tests may be busy; typical runs take 1-4 s
MEGABYTES = 400  # the worst case (200,000 type errors in one file) peaks near 300 MB; a plan of 13 files at ~40 MB


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    megabytes: float


def measure(*args: str, cwd: Path) -> Run:
    """Run smartplan in a child process; its exit code, output, wall time and peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "smartplan", *args], cwd=cwd, stdout=out, stderr=err)
        timer = threading.Timer(SECONDS * 2, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
            timer.join()  # no thread left behind: a later test may fork
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(child.returncode, out.read().decode(), err.read().decode(), seconds, usage.ru_maxrss / 1024)


def _edit(plan: Path, name: str, old: str, new: str) -> None:
    text = (plan / name).read_text()
    assert old in text
    (plan / name).write_text(text.replace(old, new, 1))


def many_nodes(plan: Path) -> None:
    (plan / "plan.yaml").write_text("a: [" + "1," * 510_000 + "1]\n")


def long_value(plan: Path) -> None:
    _edit(plan, QW, "name: Portal Layanan Publik Terpadu", "name: " + "x" * 1_000_000)


def deep_nesting(plan: Path) -> None:
    (plan / "plan.yaml").write_text("a: " + "[" * 1_000_000 + "\n")


def huge_sparse_file(plan: Path) -> None:
    with open(plan / QW, "r+b") as handle:
        handle.truncate(4 * 1024**3)


def many_files(plan: Path) -> None:
    for i in range(50_001):
        (plan / "programs" / f"p{i}.yaml").write_bytes(b"")


def plan_too_large(plan: Path) -> None:
    for i in range(33):
        with open(plan / "programs" / f"p{i}.yaml", "wb") as handle:
            handle.truncate(1024 * 1024)


def billion_laughs(plan: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 20)]
    (plan / "plan.yaml").write_text("\n".join(lines) + "\n")


def many_type_errors(plan: Path) -> None:
    _edit(plan, QW, "outputs:\n  - Portal layanan publik daring\n", "outputs:\n" + "- []\n" * 199_000)


def many_dangling_refs(plan: Path) -> None:
    refs = "".join(f"- a{i}\n" for i in range(110_000))
    _edit(plan, QW, "supporting_agencies: [bappeda]", "supporting_agencies:\n" + refs)


def _programs(plan: Path, count: int, *, ring: bool) -> None:
    agencies = ["diskominfo", "bappeda", "dinkes", "dishub", "disdik", "dlh"]  # none leading more than a third
    for i in range(count):
        after = (i + 1) % count if ring else i + 1
        depends = f"depends_on: [p{after}]\n" if ring or after < count else ""
        (plan / "programs" / f"p{i}.yaml").write_text(
            f"id: p{i}\nname: Program {i}\nterm: medium\nstart: 2025\nend: 2029\ndimension: governance\n"
            f"element: pelayanan-publik\nlead_agency: {agencies[i % 6]}\ndescription: x\noutputs: [x]\n{depends}"
        )


def long_dependency_chain(plan: Path) -> None:
    _programs(plan, 3_000, ring=False)


def long_dependency_ring(plan: Path) -> None:
    _programs(plan, 990, ring=True)  # 990 reports: under the cap of 1,000 problems between files


def heaviest_valid_file(plan: Path) -> None:
    _edit(plan, QW, "outputs:\n  - Portal layanan publik daring\n", "outputs:\n" + "- ab\n" * 199_000)


# (builder, exit code, the first line of the report, its summary)
CASES: list[tuple[Callable[[Path], None], int, str, str]] = [
    (
        many_nodes,
        3,
        "plan/plan.yaml:1:399999: error[too-many-nodes]: more than 200,000 values in one file "
        "(split the content over several files)",
        "checked 25 files: 1 error, 0 warnings",
    ),
    (
        long_value,
        3,
        f"plan/{QW}:2:7: error[value-too-long]: name: value longer than 100,000 characters "
        "(shorten the text or move it to several fields)",
        "checked 25 files: 1 error, 0 warnings",
    ),
    (
        deep_nesting,
        3,
        "plan/plan.yaml:1:1003: error[too-deep]: nesting deeper than 32 levels (flatten the structure)",
        "checked 25 files: 1 error, 0 warnings",
    ),
    (
        huge_sparse_file,
        3,
        f"plan/{QW}:1:1: error[file-too-large]: file larger than 1,024 KiB (split the content over several files)",
        "checked 25 files: 1 error, 0 warnings",
    ),
    (
        many_files,
        3,
        "plan:1:1: error[too-many-files]: more than 50,000 files in one plan "
        "(split the plan into several plan folders)",
        "checked 0 files: 1 error, 0 warnings",
    ),
    (
        plan_too_large,
        3,
        "plan:1:1: error[plan-too-large]: the plan's files add up to more than 32 MiB "
        "(split the plan into several plan folders)",
        "checked 0 files: 1 error, 0 warnings",
    ),
    (
        billion_laughs,
        1,
        "plan/plan.yaml:1:5: error[anchor]: a0: anchor '&a0' is not allowed "
        "(remove the anchor; anchors and aliases are not supported)",
        "checked 25 files: 1 error, 0 warnings",
    ),
    (
        many_type_errors,
        1,
        f"plan/{QW}:11:3: error[wrong-type]: outputs[0]: expected text, got a list",
        "checked 25 files: 101 errors, 0 warnings",
    ),
    (
        many_dangling_refs,
        1,
        "plan:1:1: error[too-many-problems]: stopped after 1,000 problems between files "
        "(fix the problems above and validate again)",
        "checked 25 files: 1,001 errors, 0 warnings",
    ),
    (long_dependency_chain, 0, "checked 3,025 files: no problems", "checked 3,025 files: no problems"),
    (
        long_dependency_ring,
        1,
        "plan/programs/p0.yaml:11:14: error[cycle]: depends_on[0]: 'p0' depends on 'p1', which closes the cycle "
        "p0 -> p1 -> p2 -> p3 -> ... -> p987 -> p988 -> p989 -> p0 (remove one of the dependencies in the cycle)",
        "checked 1,015 files: 990 errors, 0 warnings",
    ),
    (heaviest_valid_file, 0, "checked 25 files: no problems", "checked 25 files: no problems"),
]


@pytest.mark.parametrize(("build", "code", "first", "summary"), CASES, ids=[c[0].__name__ for c in CASES])
def test_pathological_plan_ends_quickly_in_bounded_memory(
    build: Callable[[Path], None], code: int, first: str, summary: str, tmp_path: Path
) -> None:
    plan = Path(shutil.copytree(EXAMPLES / "valid" / "minimal", tmp_path / "plan"))
    build(plan)
    run = measure("validate", "--lang", "en", "plan", cwd=tmp_path)
    lines = run.out.splitlines()
    assert (run.code, run.err) == (code, "")
    assert (lines[0], next(line for line in lines if line.startswith("checked "))) == (first, summary)
    assert run.seconds < SECONDS, f"{build.__name__} took {run.seconds:.1f} s"
    assert run.megabytes < MEGABYTES, f"{build.__name__} peaked at {run.megabytes:.0f} MB"
    print(f"{build.__name__}: {run.seconds:.2f} s, {run.megabytes:.0f} MB")
