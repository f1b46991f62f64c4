"""The descriptions the Markdown process renders for the HTML one: received when forked, harmless when not."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest

from smartplan import handover, markup, parallel
from smartplan.handover import Handover

TEXTS = [f"# Program {n}\n\nSatu *portal* untuk layanan {n}.\n\n- a\n- b" for n in range(450)]


def _view() -> Any:
    """Just what a hand-over reads of a view: the programs and quick wins, in the HTML documents' order."""
    actions = [SimpleNamespace(description=text) for text in TEXTS]
    return SimpleNamespace(programs=actions[:400], quickwins=actions[400:])


@pytest.fixture(autouse=True)
def nothing_rendered_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "_RENDERED", {})
    monkeypatch.setattr(handover, "BATCH", 100)


def test_a_forked_process_receives_the_share_of_descriptions_rendered_by_the_other() -> None:
    sent = Handover(_view())
    share = round(len(TEXTS) * handover.SHARE)

    def html_process() -> list[str | None]:
        sent.receive()
        deadline = time.monotonic() + 30
        while len(markup._RENDERED) < share and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)  # long enough for anything beyond the share to arrive, were it sent
        return [markup._RENDERED.get(text) for text in TEXTS]  # taken in, none rendered in this process

    expected = [markup.html_of(text) for text in TEXTS[:share]] + [None] * (len(TEXTS) - share)
    assert 0 < share < len(TEXTS)
    assert parallel.in_forks([sent.send, html_process]) == [None, expected]


def test_without_a_fork_the_sender_stops_at_once_and_nothing_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda: False)  # as under `serve`, where other threads run
    sent = Handover(_view())
    started = time.monotonic()
    assert parallel.in_forks([sent.send, sent.receive]) == [None, None]
    assert time.monotonic() - started < 10
    assert markup._RENDERED == {}  # nothing received in the process that sent
