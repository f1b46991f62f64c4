"""The cyclic garbage collector stays paused while a command holds a plan, and is on again afterwards.

Loading makes millions of objects and no cycles; a collection while they are alive scans every one
of them (0.35 s of validate on 10,000 files), so none may start until the plan is freed.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smartplan import api
from tests.conftest import EXAMPLES


@pytest.fixture
def collections_during() -> Iterator[Callable[[Callable[[], api.Outcome]], tuple[api.Outcome, list[int]]]]:
    """Run a call; return its result and the generation of every collection that started during it."""
    started: list[int] = []
    active = [False]

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and active[0]:
            started.append(info["generation"])

    def run(call: Callable[[], api.Outcome]) -> tuple[api.Outcome, list[int]]:
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
    """The with-programs example and 200 more programs: enough objects that the collector would want to run."""
    plan = Path(shutil.copytree(EXAMPLES / "valid" / "with-programs", in_tmp / "plan"))
    text = (plan / "programs" / "satu-data.yaml").read_text(encoding="utf-8")
    for i in range(200):
        (plan / "programs" / f"copy-{i}.yaml").write_text(text.replace("id: satu-data", f"id: copy-{i}", 1))
    return plan


def test_validate_starts_no_collection_and_leaves_the_collector_on(plan: Path, collections_during: Any) -> None:
    outcome, started = collections_during(lambda: api.validate([plan], jobs=1))
    assert outcome.files == 215 and outcome.exit_code() == 0
    assert started == []
    assert gc.isenabled()


def test_build_starts_no_collection_and_leaves_the_collector_on(
    plan: Path, in_tmp: Path, collections_during: Any
) -> None:
    outcome, started = collections_during(lambda: api.build(plan, in_tmp / "docs", jobs=1))
    assert outcome.written and outcome.exit_code() == 0
    assert started == []
    assert gc.isenabled()
