"""The cyclic garbage collector is paused while a plan is loaded, and on again afterwards, rendering included.

Loading makes many objects and no cycles: a collection then would scan them all in vain. Templates do
make cycles (a plan's own can loop making them), so rendering runs with the collector on. The `smartplan`
command ends without freeing anything.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smartplan import api
from smartplan.__main__ import run
from tests.helpers import EXAMPLES


@pytest.fixture
def collections_during() -> Iterator[Callable[[Callable[[], api.Outcome]], tuple[api.Outcome, list[int]]]]:
    """Run a call; return its result and the generation of every collection that started during it."""
    started: list[int] = []
    active = [False]

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and active[0]:
            started.append(info["generation"])

    def run(call: Callable[[], api.Outcome]) -> tuple[api.Outcome, list[int]]:
        gc.unfreeze()  # as in a new process: no plan checked before
        gc.collect()
        active[0] = True
        try:
            result = call()
        finally:
            active[0] = False  # no allocation here: what the collector does next is not the call's
        return result, started

    gc.callbacks.append(record)
    try:
        yield run
    finally:
        gc.callbacks.remove(record)


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    """The minimal example and 200 more programs: enough objects that the collector would want to run."""
    plan = Path(shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan"))
    text = (plan / "programs" / "satu-data.yaml").read_text(encoding="utf-8")
    agencies = ["diskominfo", "bappeda", "dinkes", "dishub", "disdik", "dlh"]  # none leading more than a third
    for i in range(200):
        copy = text.replace("id: satu-data", f"id: copy-{i}", 1).replace("diskominfo", agencies[i % 6], 1)
        (plan / "programs" / f"copy-{i}.yaml").write_text(copy)
    return plan


def test_validate_starts_no_collection_and_leaves_the_collector_on(plan: Path, collections_during: Any) -> None:
    outcome, started = collections_during(lambda: api.validate([plan]))
    assert outcome.files == 225 and outcome.exit_code() == 0
    assert started == []
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(plan: Path) -> None:
    gc.disable()
    try:
        api.validate([plan])
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Ended(Exception):
    """os._exit, caught: the test process must go on."""


def _run_command(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """smartplan.__main__.run with these arguments; the exit code it would end the process with."""

    def ended(code: int) -> None:
        raise _Ended(code)

    monkeypatch.setattr(sys, "argv", ["smartplan", *args])
    monkeypatch.setattr(os, "_exit", ended)
    with pytest.raises(_Ended) as exc:
        run()
    return int(exc.value.args[0])


def test_the_command_ends_without_a_collection_once_the_build_is_done(
    plan: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    done = [False]
    build = api.build

    def watched(*args: Any, **kwargs: Any) -> api.Outcome:
        outcome = build(*args, **kwargs)
        done[0] = True
        return outcome

    monkeypatch.setattr(api, "build", watched)
    after: list[int] = []
    gc.callbacks.append(lambda phase, info: after.append(info["generation"]) if phase == "start" and done[0] else None)
    try:
        code = _run_command(monkeypatch, "build", str(plan), "--out", str(in_tmp / "docs"), "--jobs", "1")
    finally:
        gc.callbacks.pop()
    assert (code, done, after) == (0, [True], [])
    assert (
        capsys.readouterr().out == f"memeriksa 225 berkas: tidak ada masalah\nmenulis 10 dokumen ke {in_tmp / 'docs'}\n"
    )


def test_the_command_ends_with_the_exit_code_of_what_it_found(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_command(monkeypatch, "validate", "no-such-folder") == 2
    assert capsys.readouterr().err.startswith("smartplan: error: no-such-folder: not a plan folder")


def test_checking_again_in_the_same_process_frees_what_the_last_check_froze(plan: Path) -> None:
    # serve checks the plan on every save: frozen objects of the last check must not pile up.
    api.validate([plan])
    first = gc.get_freeze_count()
    for _ in range(3):
        api.validate([plan])
    assert gc.get_freeze_count() < first * 1.1
