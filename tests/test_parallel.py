"""Plans read and formats rendered in processes of their own: the documents and every error are those of one process."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from smartplan import api, loader, parallel, render
from tests.helpers import DOCUMENTS, GOLDEN, INVALID, MINIMAL, lay_out, smartplan


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def test_map_in_processes_keeps_the_order_runs_in_children_and_says_when_each_is_taken() -> None:
    taken: list[tuple[int, int]] = []
    results = parallel.map_in_processes(_pid_and_square, [1, 2, 3, 4], 3, lambda i, n: taken.append((i, n)))
    assert [square for _, square in results] == [1, 4, 9, 16]
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids
    assert len(pids) <= 3  # a pool of at most jobs children; a quick one may take every call
    assert taken == [(0, 1), (1, 2), (2, 3), (3, 4)]


def test_map_in_runs_gives_each_process_an_equal_run_and_joins_the_results_in_order() -> None:
    results = parallel.map_in_runs(_run_sizes_and_squares, list(range(1, 8)), 3)
    assert [square for _, _, square in results] == [n * n for n in range(1, 8)]
    assert [size for _, size, _ in results] == [3, 3, 3, 3, 3, 3, 1]
    assert os.getpid() not in {pid for pid, _, _ in results}


def _run_sizes_and_squares(numbers: Sequence[int]) -> list[tuple[int, int, int]]:
    return [(os.getpid(), len(numbers), n * n) for n in numbers]


def test_one_job_or_one_item_runs_here() -> None:
    for items, jobs in (([1, 2, 3], 1), ([5], 4)):
        assert {pid for pid, _ in parallel.map_in_processes(_pid_and_square, items, jobs)} == {os.getpid()}


def test_no_fork_while_another_thread_runs() -> None:
    # serve builds from a watcher thread: a forked child could inherit a lock that another thread holds.
    results: list[list[tuple[int, int]]] = []
    thread = threading.Thread(target=lambda: results.append(parallel.map_in_processes(_pid_and_square, [1, 2], 2)))
    thread.start()
    thread.join()
    assert {pid for pid, _ in results[0]} == {os.getpid()}


class _Refused(Exception):
    """An error whose constructor pickle cannot call again: it must still be raised here as it was raised there."""

    def __init__(self, number: int, why: str) -> None:
        super().__init__(f"{number}: {why}")


def _fails_on_three(number: int) -> int:
    if number == 3:
        raise _Refused(number, "three is refused")
    return number


def test_an_error_in_a_child_is_raised_here_as_without_children() -> None:
    with pytest.raises(_Refused, match="3: three is refused"):
        parallel.map_in_processes(_fails_on_three, [1, 2, 3], 2)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_format_rendered_in_its_own_process_matches_the_golden_documents(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "PARALLEL_ACTIONS", 1)
    spread: list[int] = []
    map_in_processes = parallel.map_in_processes
    monkeypatch.setattr(
        parallel,
        "map_in_processes",
        lambda f, items, jobs, *done: spread.append(jobs) or map_in_processes(f, items, jobs, *done),
    )
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    out = tmp_path / "out"
    code, _, stderr = smartplan("build", str(MINIMAL), "--out", str(out), "--lang", lang)
    # read here (a small plan), then its descriptions rendered to HTML ahead and its documents, in two processes
    assert (code, stderr, spread) == (0, "", [1, 2, 2])
    for name in DOCUMENTS:
        for fmt in ("md", "html"):
            assert (out / f"{name}.{fmt}").read_bytes() == (GOLDEN / lang / f"{name}.{fmt}").read_bytes(), name


def test_a_small_plan_is_rendered_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spread: list[int] = []
    map_in_processes = parallel.map_in_processes
    monkeypatch.setattr(
        parallel,
        "map_in_processes",
        lambda f, items, jobs, *done: spread.append(jobs) or map_in_processes(f, items, jobs, *done),
    )
    assert smartplan("build", str(MINIMAL), "--out", str(tmp_path / "out"), "--jobs", "4")[0] == 0
    assert spread == [1, 1]  # read, then rendered, here


def test_map_in_workers_keeps_the_order_never_runs_here_and_says_when_each_is_done() -> None:
    finished: list[tuple[int, int]] = []
    results = parallel.map_in_workers(
        _pid_and_square, [3, 1, 2], 2, lambda index, count: finished.append((index, count))
    )
    assert [square for _, square in results] == [9, 1, 4]
    assert os.getpid() not in {pid for pid, _ in results}
    assert sorted(index for index, _ in finished) == [0, 1, 2]
    assert [count for _, count in finished] == [1, 2, 3]


_EACH_WAY_WRONG = {
    "yaml-syntax-error",
    "alias",
    "duplicate-key",
    "limit-too-deep",
    "non-utf8-byte",
    "bom-crlf-positions",
    "missing-field",
    "all-in-one-run-invalid-id-beside-unknown-agency",
    "duplicate-id-across-files",
    "dependency-cycle",
    "monitoring-unknown-indicator",
    "empty-file",
}


def test_a_large_plan_read_in_processes_gives_every_problem_as_when_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Examples of each way a file goes wrong (YAML, strict reading, limits, bytes, the model, a salvaged part,
    # between files), read as a plan of 400+ files is: each process reads an equal run of the files.
    cases = [case for case in INVALID if case.name in _EACH_WAY_WRONG]
    assert len(cases) == len(_EACH_WAY_WRONG)
    monkeypatch.setattr(loader, "PARALLEL_FILES", 1)
    runs: list[int] = []
    map_in_processes = parallel.map_in_processes
    monkeypatch.setattr(
        parallel,
        "map_in_processes",
        lambda f, items, jobs, *done: runs.append(len(items)) or map_in_processes(f, items, jobs, *done),
    )
    for case in cases:
        plan = lay_out(case, tmp_path / case.name)
        here, spread = api.check(plan, jobs=1), api.check(plan, jobs=2)
        assert (spread[1], spread[2]) == (here[1], here[2]), case.name
        assert spread[0].files_in_part == here[0].files_in_part, case.name
    assert runs == [1, 2] * len(cases)
