"""The progress line of `smartplan build`: shown on a terminal, never in pipes, logs or under --quiet."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smartplan.errors import Text
from smartplan.progress import TerminalProgress, progress_line, terminal_progress
from tests.helpers import EXAMPLES, smartplan

SMARTPLAN = Path(sys.executable).parent / "smartplan"


def _build_on_a_terminal(plan: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    """Run `smartplan build` with its stderr on a pseudo-terminal, as in an interactive shell."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(SMARTPLAN), "build", str(plan), "--out", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "200"},
    )
    os.close(follower)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        terminal += chunk
    os.close(leader)
    stdout, _ = process.communicate(timeout=120)
    return process.returncode, stdout.decode(), terminal.decode()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "valid" / "minimal", tmp_path / "plan")
    return tmp_path / "plan"


def test_a_terminal_sees_each_step_and_then_a_clean_line(plan: Path, tmp_path: Path) -> None:
    code, stdout, terminal = _build_on_a_terminal(plan, tmp_path / "out")
    assert code == 0
    assert stdout == f"memeriksa 25 berkas: tidak ada masalah\nmenulis 10 dokumen ke {tmp_path / 'out'}\n"
    assert "\rmemeriksa masterplan" in terminal.replace("\x1b[K", "")  # the plan's language
    assert "menyusun dokumen [0/10]" in terminal and "menyusun dokumen [10/10]" in terminal
    assert "menulis dokumen" in terminal
    assert "rendering" not in terminal
    assert terminal.endswith("s\r\x1b[K")  # the line is wiped: the terminal is left as it was


def test_the_line_speaks_lang_over_the_plan_s_language(plan: Path, tmp_path: Path) -> None:
    code, stdout, terminal = _build_on_a_terminal(plan, tmp_path / "out", "--lang", "en")
    assert code == 0
    assert "\rchecking the plan" in terminal.replace("\x1b[K", "")
    assert "rendering the documents [10/10]" in terminal and "writing the documents" in terminal
    assert "menyusun" not in terminal


@pytest.mark.parametrize(
    ("what", "done", "total", "seconds", "lang", "line"),
    [
        (Text.of("progress.checking"), 0, 0, 0.04, "en", "checking the plan 0.0s"),
        (Text.of("progress.checking"), 0, 0, 0.04, "id", "memeriksa masterplan 0,0s"),
        (Text.of("progress.rendering"), 3, 12, 1.47, "en", "rendering the documents [3/12] 1.5s"),
        (Text.of("progress.rendering"), 1000, 1500, 61.5, "id", "menyusun dokumen [1.000/1.500] 61,5s"),
        (Text.of("progress.rendering"), 1000, 1500, 1234.5, "en", "rendering the documents [1,000/1,500] 1,234.5s"),
        (Text.of("progress.made", file="masterplan.pdf"), 2, 10, 12.0, "en", "made masterplan.pdf [2/10] 12.0s"),
        (Text.of("progress.made", file="masterplan.pdf"), 2, 10, 12.0, "id", "masterplan.pdf selesai [2/10] 12,0s"),
        (Text.of("progress.writing"), 0, 0, 3.21, "id", "menulis dokumen 3,2s"),
    ],
)
def test_each_step_in_each_language(what: Text, done: int, total: int, seconds: float, lang: str, line: str) -> None:
    assert progress_line(what, done, total, seconds, lang) == line


def test_quiet_shows_no_progress_on_a_terminal(plan: Path, tmp_path: Path) -> None:
    code, stdout, terminal = _build_on_a_terminal(plan, tmp_path / "out", "--quiet")
    assert (code, stdout, terminal) == (0, "", "")  # quiet: a clean build prints nothing
    assert len(list((tmp_path / "out").glob("*.html"))) == 5


def test_no_progress_when_stderr_is_not_a_terminal(plan: Path, tmp_path: Path) -> None:
    code, out, err = smartplan("build", str(plan), "--out", str(tmp_path / "out"))
    assert (code, out) == (0, f"memeriksa 25 berkas: tidak ada masalah\nmenulis 10 dokumen ke {tmp_path / 'out'}\n")
    assert "\r" not in err and "rendering" not in err


def test_progress_line_counts_and_wipes_itself() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = terminal_progress(stream, quiet=False, language=lambda: "id")
    assert isinstance(progress, TerminalProgress)
    progress(Text.of("progress.made", file="roadmap.pdf"), 3, 12)
    progress.close()
    written = stream.getvalue()
    assert written.startswith("\r\x1b[Kroadmap.pdf selesai [3/12] ")
    assert written.endswith("s\r\x1b[K")
    assert terminal_progress(stream, quiet=True) is None
    assert terminal_progress(io.StringIO(), quiet=False) is None


def test_a_forked_worker_leaves_the_line_to_the_process_that_shows_it() -> None:
    import io
    import os

    from smartplan.progress import TerminalProgress

    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress.owner = os.getpid() + 1  # as if this were a worker forked from the process that made it
    progress(Text.of("progress.rendering"), 1, 10)
    assert stream.getvalue() == ""


def test_each_pdf_or_word_copy_made_is_a_step_in_the_reader_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from smartplan import copies

    monkeypatch.setitem(copies.COPIES, "pdf", (lambda: None, bytes.upper))  # a converter as quick as it is plain
    steps: list[str] = []

    def report(what: Text, done: int, total: int) -> None:
        steps.append(progress_line(what, done, total, 0.0, "id"))

    made = copies.convert({"a.html": b"a", "bb.html": b"bb"}, ["pdf"], 1, report)
    assert made == {"a.pdf": b"A", "bb.pdf": b"BB"}
    # which copy finishes first is the workers' business; each is said once, and the count goes 1, 2
    assert sorted(step.split(" [")[0] for step in steps) == ["a.pdf selesai", "bb.pdf selesai"]
    assert [step.split(" [")[1] for step in steps] == ["1/2] 0,0s", "2/2] 0,0s"]
