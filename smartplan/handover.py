"""The Markdown process renders the HTML of the action descriptions, for the HTML process.

With both formats built in two processes, the HTML one took half again as long as the Markdown one,
and a third of its time went into markdown-it, for the descriptions. So the Markdown process first
renders a share of them, the first in the order the HTML documents show them, and sends them in
batches through a pipe; a thread of the HTML process takes them in as they come. A description that
has not come when it is needed is rendered on the spot: neither process ever waits for the other,
and the documents are the same as without a hand-over.
"""

from __future__ import annotations

import os
import pickle
import threading

from smartplan.context import View
from smartplan.markup import html_of, remember

BATCH = 200  # descriptions per message: a few milliseconds of work, so the first ones come soon
# The part of the descriptions the Markdown process renders; the HTML process renders the rest itself.
# Both finish together when it is (H + D - M) / 2D, with H and M the work of each process's own
# documents and D that of all descriptions. On 10,000 programs, in one process: H = 6.3, M = 5.4 and
# D = 2.7 CPU s, a share of 0.68; forked, 0.6 ended the two closest together (median of 5 builds).
# Longer descriptions make D larger and the best share nearer a half.
SHARE = 0.6


class Handover:
    """A pipe from the process that renders descriptions to the one that uses them; made before forking."""

    def __init__(self, view: View) -> None:
        # The order in which masterplan.html shows them: the programs' profiles, then the quick wins'.
        texts = [action.description for action in (*view.programs, *view.quickwins)]
        self.texts = texts[: round(len(texts) * SHARE)]
        self.read, self.write = os.pipe()
        self.origin = os.getpid()

    def send(self) -> None:
        """Render every description and send them on; stops quietly when no other process reads them."""
        os.close(self.read)  # then, with no forked reader, the first write fails instead of blocking
        try:
            with os.fdopen(self.write, "wb") as pipe:
                for start in range(0, len(self.texts), BATCH):
                    batch = [html_of(text) for text in self.texts[start : start + BATCH]]
                    pipe.write(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))
                    pipe.flush()
        except BrokenPipeError:
            pass

    def receive(self) -> None:
        """In a forked process: take the descriptions in as they come, while this process renders."""
        if os.getpid() == self.origin:  # no fork after all: the sender has run already, or never will
            return
        os.close(self.write)
        threading.Thread(target=self._take, daemon=True).start()

    def _take(self) -> None:
        done = 0
        with os.fdopen(self.read, "rb") as pipe:
            while True:
                try:
                    batch = pickle.load(pipe)
                except EOFError:
                    return
                remember(zip(self.texts[done : done + len(batch)], batch, strict=True))
                done += len(batch)
