"""Large plans are read in several processes; every report must be exactly that of one process."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pytest

from smartplan import api, loader, parallel
from smartplan.loader import FOLDERS, load_file, load_plan, plan_files
from smartplan.models import PlanFile
from smartplan.reading import read_file
from smartplan.source import DEFAULT_LIMITS, Document, Limits
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


def _tasks(folder: Path) -> list[parallel.Task]:
    files, _ = plan_files(folder, "plan", DEFAULT_LIMITS)
    return [(path, file, PlanFile if kind == "plan" else FOLDERS[kind], DEFAULT_LIMITS) for path, file, kind in files]


def test_every_chunk_is_taken_once_and_a_child_takes_its_share(in_tmp: Path) -> None:
    folder = lay_out(EXAMPLES / "invalid" / "unknown-field", in_tmp)
    tasks = _tasks(folder)
    here = [load_file(*task) for task in tasks]
    queue = parallel._queue(len(tasks))
    pid, read = parallel._fork(functools.partial(parallel._send_chunks, [[task] for task in tasks], queue))
    os.waitpid(pid, 0)  # the child alone empties the queue
    assert parallel._take(queue) is None
    results: list[list[parallel.Result] | None] = [None] * len(tasks)
    parallel._take_in(parallel._Inbox(read).rest(), [[task] for task in tasks], results)
    os.close(read)
    assert [result for chunk in results if chunk for result in chunk] == here


def test_chunks_a_dead_child_took_are_read_here(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = lay_out(EXAMPLES / "invalid" / "unknown-field", in_tmp)
    tasks = _tasks(folder)

    def dies_holding_a_chunk(chunks: object, queue: int, pipe: object) -> None:
        parallel._take(queue)
        os._exit(1)

    monkeypatch.setattr(parallel, "_send_chunks", dies_holding_a_chunk)
    assert parallel.load_files(tasks, 2) == [load_file(*task) for task in tasks]


def test_an_error_in_a_child_is_raised_here_as_without_children(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = lay_out(EXAMPLES / "invalid" / "unknown-field", in_tmp)
    tasks = _tasks(folder)
    last = tasks[-1][1]

    def fails_on_the_last_file(path: Path, file: str, limits: Limits) -> Document:
        if file == last:
            raise RuntimeError(f"cannot read {file}")
        return read_file(path, file, limits)

    monkeypatch.setattr(parallel, "read_file", fails_on_the_last_file)
    monkeypatch.setattr(loader, "read_file", fails_on_the_last_file)
    with pytest.raises(RuntimeError, match=f"cannot read {last}"):
        parallel.load_files(tasks, 2)


def test_more_processes_asked_for_than_there_are_chunks_or_queue_room(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = lay_out(EXAMPLES / "invalid" / "unknown-field", in_tmp)
    tasks = _tasks(folder)
    forked: list[object] = []
    fork = parallel._fork
    monkeypatch.setattr(parallel, "_fork", lambda send: forked.append(send) or fork(send))
    monkeypatch.setattr(parallel, "QUEUE_SIZE", 4)  # so that even these few files need bigger chunks
    assert parallel.load_files(tasks, 64) == [load_file(*task) for task in tasks]
    assert len(forked) == 3  # four chunks: one for this process and each of three children


@pytest.mark.parametrize("name", ["dangling-lead-agency", "dependency-cycle", "negative-amount"])
def test_a_build_stopped_by_the_cross_file_checks_leaves_no_child_and_no_documents(
    name: str, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan loads cleanly, so a child starts on the tables and charts while the checks run; they fail.
    started: list[object] = []
    monkeypatch.setattr(parallel.Forked, "__init__", _spied(parallel.Forked.__init__, started))
    case = EXAMPLES / "invalid" / name
    lay_out(case, in_tmp)
    code, out, err = smartplan("build", "plan", "--out", "docs")
    assert len(started) == 1
    assert f"{out}exit code: {code}\n" == (case / "expected.txt").read_text()  # the report validate gives
    assert err == "" and not Path("docs").exists()
    with pytest.raises(ChildProcessError):  # the child was stopped, and waited for
        os.waitpid(-1, os.WNOHANG)


def _spied(init: Any, started: list[object]) -> Any:
    def spy(self: object, call: Any) -> None:
        started.append(call)
        init(self, call)

    return spy
