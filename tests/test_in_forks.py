"""Calls run in forked children: their results come back whole, or the call runs again here."""

from __future__ import annotations

import os
import threading
import time

import pytest

from smartplan import parallel

DOCUMENT = bytes(range(256)) * 200_000  # 51 MB, as large as a masterplan.html of 10,000 programs


def test_large_results_come_back_whole_and_in_order() -> None:
    results = parallel.in_forks([lambda: "here", lambda: {"a.html": DOCUMENT}, lambda: os.getpid()])
    assert results[0] == "here"
    assert results[1] == {"a.html": DOCUMENT}
    assert results[2] != os.getpid()  # it ran in a child


def test_a_result_that_cannot_be_sent_whole_is_made_again_here() -> None:
    ran_in: list[int] = []

    def call() -> list[object]:
        ran_in.append(os.getpid())  # seen here only when it runs here
        return [DOCUMENT, lambda: "not picklable"]  # the document is sent, then pickling fails

    results = parallel.in_forks([lambda: None, call])
    assert ran_in == [os.getpid()]
    assert results[1][0] == DOCUMENT and callable(results[1][1])


def test_a_call_started_in_a_child_gives_its_result_when_asked() -> None:
    started = parallel.Forked(os.getpid)
    assert started.result() != os.getpid()
    _no_child_left()


def test_a_child_whose_result_is_not_wanted_is_stopped() -> None:
    started = parallel.Forked(lambda: time.sleep(60))
    begun = time.monotonic()
    started.cancel()
    assert time.monotonic() - begun < 10
    _no_child_left()


def test_a_call_that_fails_in_its_child_fails_here_the_same_way() -> None:
    ran_in: list[int] = []

    def call() -> None:
        ran_in.append(os.getpid())  # seen here only when it runs here
        raise ValueError("no budget")

    started = parallel.Forked(call)
    with pytest.raises(ValueError, match="no budget"):
        started.result()
    assert ran_in == [os.getpid()]
    _no_child_left()


def test_a_call_runs_here_when_its_result_is_asked_if_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        started = parallel.Forked(os.getpid)
    finally:
        stop.set()
        thread.join()
    assert started.result() == os.getpid()


def _no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
