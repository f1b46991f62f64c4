"""Calls run in forked children: their results come back whole, or the call runs again here."""

from __future__ import annotations

import os

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
