"""`smartplan serve`: a live preview on 127.0.0.1, seen through a real browser and through plain HTTP.

The server runs as a user runs it (the installed command, in its own process, on a free port); the browser is
Debian's chromium driven by Playwright.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.helpers import EXAMPLES, smartplan

SMARTPLAN = Path(sys.executable).parent / "smartplan"
RELOAD_MARK = "/_smartplan/version"


def _die_with_parent() -> None:
    """In the server's process, before it starts: end it when the test run ends, even if the run is killed; and
    let Ctrl+C reach it as from a terminal, though a shell that started the test run in the background had it
    ignore SIGINT (a disposition every child inherits)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Server:
    """`smartplan serve PLAN --port 0 OPTIONS` in its own process; `url` is where it says it listens.

    Its locale's messages are Indonesian: the language of a plan whose plan.yaml cannot be read.
    """

    def __init__(self, plan: Path, *options: str) -> None:
        self.plan = plan
        environ = {name: value for name, value in os.environ.items() if name != "LC_ALL"}
        self.process = subprocess.Popen(
            [str(SMARTPLAN), "serve", str(plan), "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=_die_with_parent,
            env={**environ, "LC_MESSAGES": "id_ID.UTF-8"},
        )
        self.lines: list[str] = []
        self.output: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        try:
            serving = "serving " if "en" in options else "menyajikan "  # in --lang, else the plan's language
            self.url = self._wait_for(serving).split(" (Ctrl+C", 1)[0].rsplit(" ", 1)[1]
        except BaseException:
            self.stop()
            raise

    def _wait_for(self, prefix: str, timeout: float = 60) -> str:
        """The first line of output starting with `prefix` (read by a thread: pipes are buffered)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.output.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            assert line, f"serve ended: {''.join(self.lines)}"
            self.lines.append(line)
            if line.startswith(prefix):
                return line.strip()
        raise AssertionError(f"no line starting with {prefix!r} in {self.lines}")

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.output.put(line)
        self.output.put("")

    def get(self, path: str, host: str | None = None) -> tuple[int, str, str]:
        request = urllib.request.Request(self.url + path.lstrip("/"), headers={"Host": host} if host else {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read().decode()

    def stop(self) -> int:
        """Stop it as a user does, with Ctrl+C; return its exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        while line := self.output.get_nowait() if not self.output.empty() else "":
            self.lines.append(line)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "valid" / "minimal", tmp_path / "plan")
    return tmp_path / "plan"


@pytest.fixture
def server(plan: Path) -> Iterator[Server]:
    running = Server(plan)
    yield running
    running.stop()


def test_serves_built_pages_on_localhost_with_the_reload_script(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, kind, index = server.get("/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert '<a href="masterplan.html">masterplan.html</a>' in index
    # in the plan's language, as the books and the problems page are
    assert index.startswith('<!DOCTYPE html>\n<html lang="id">')
    assert f"<title>{server.plan.as_posix()}: pratinjau dokumen</title>" in index
    assert "<h1>Dokumen</h1>" in index
    status, kind, page = server.get("/masterplan.html")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert "Kota Banjar yang cerdas, sejahtera dan berdaya saing" in page
    assert page.count(RELOAD_MARK) == 1
    status, kind, markdown = server.get("/masterplan.md")
    assert (status, kind) == (200, "text/plain; charset=utf-8")
    assert RELOAD_MARK not in markdown
    assert server.get(RELOAD_MARK)[:2] == (200, "text/plain; charset=utf-8")


def test_serves_only_the_built_documents_and_only_to_local_names(server: Server, plan: Path) -> None:
    assert server.get("/plan.yaml")[0] == 404
    assert server.get("/../plan/plan.yaml")[0] == 404
    assert server.get("/%2e%2e/plan.yaml")[0] == 404
    assert server.get("/masterplan.html", host="attacker.example")[0] == 403  # DNS rebinding
    assert server.get("/masterplan.html", host=f"localhost:{server.url.rsplit(':', 1)[1]}")[0] == 200


def test_a_port_out_of_range_is_a_usage_error(plan: Path) -> None:
    for port, said in (("99999", "less than or equal to 65535"), ("-1", "greater than or equal to 0")):
        code, out, err = smartplan("serve", str(plan), "--port", port)
        assert (code, out) == (2, "")  # not an internal error (4) from the socket
        assert err.splitlines()[-1] == f"Error: Invalid value for '--port' / '-p': Input should be {said}"


def test_build_output_never_holds_the_reload_script(plan: Path, tmp_path: Path) -> None:
    assert smartplan("build", str(plan), "--out", str(tmp_path / "out"))[0] == 0
    written = _snapshot(tmp_path / "out")
    assert any(name.endswith(".html") for name in written)
    assert not [name for name, data in written.items() if RELOAD_MARK.encode() in data]


def test_an_invalid_plan_at_start_shows_its_problems_in_the_plans_language(plan: Path) -> None:
    (plan / "quickwins" / "qw-2025-living.yaml").write_text("id: qw-2025-living\nname: [unclosed\n")
    running = Server(plan)
    try:
        status, _, page = running.get("/masterplan.html")
        assert status == 200
        assert '<html lang="id">' in page
        assert f"<title>{plan.as_posix()}: masalah</title>" in page
        assert "<h1>Rencana ini bermasalah</h1>" in page
        assert f"<p>{plan.as_posix()} tidak dibangun sampai masalahnya diperbaiki;" in page
        assert (
            f"{plan.as_posix()}/quickwins/qw-2025-living.yaml:2:7: kesalahan[syntax]: kesalahan sintaksis YAML:"
            " daftar dalam &#x27;[ ]&#x27; tidak ditutup" in page
        )
    finally:
        running.stop()


def test_the_problems_page_in_english_with_lang_en(plan: Path) -> None:
    (plan / "quickwins" / "qw-2025-living.yaml").write_text("id: qw-2025-living\nname: [unclosed\n")
    running = Server(plan, "--lang", "en")
    try:
        _, _, page = running.get("/")
        assert '<html lang="en">' in page
        assert "<h1>The plan has problems</h1>" in page
        assert "error[syntax]: YAML syntax error: a list in &#x27;[ ]&#x27; is not closed" in page
    finally:
        running.stop()
    assert running.lines == [
        "not built: 1 error, shown on the page\n",
        f"serving {plan.as_posix()} at {running.url} (Ctrl+C to stop)\n",
        "stopped\n",
    ]


def test_the_list_of_documents_in_english_with_lang_en(plan: Path) -> None:
    running = Server(plan, "--lang", "en")
    try:
        _, _, index = running.get("/")
        assert index.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert f"<title>{plan.as_posix()}: preview of the documents</title>" in index
        assert "<h1>Documents</h1>" in index
    finally:
        running.stop()


def test_problems_page_escapes_what_the_plan_says(plan: Path) -> None:
    quickwin = plan / "quickwins" / "qw-2025-living.yaml"
    quickwin.write_text(quickwin.read_text() + '"<img src=x onerror=alert(1)>": 1\n')
    running = Server(plan)
    try:
        _, _, page = running.get("/")
        assert "kolom &#x27;&lt;img src=x onerror=alert(1)&gt;&#x27; tidak dikenal" in page
        assert "<img" not in page
    finally:
        running.stop()


def test_ctrl_c_stops_cleanly_and_removes_the_scratch_folder(plan: Path) -> None:
    scratch = set(Path(tempfile.gettempdir()).glob("smartplan-serve-*"))
    running = Server(plan)
    assert set(Path(tempfile.gettempdir()).glob("smartplan-serve-*")) - scratch
    assert running.stop() == 0
    assert running.lines == [  # in the plan's language
        "membangun 10 dokumen\n",
        f"menyajikan {plan.as_posix()} di {running.url} (Ctrl+C untuk berhenti)\n",
        "berhenti\n",
    ]
    assert set(Path(tempfile.gettempdir()).glob("smartplan-serve-*")) - scratch == set()


def test_missing_plan_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([str(SMARTPLAN), "serve", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(f"smartplan: error: {tmp_path.as_posix()}: not a plan folder")


@pytest.mark.browser
def test_browser_reloads_on_save_and_shows_problems_instead_of_stale_pages(
    server: Server, plan: Path, chromium: Any
) -> None:
    from playwright.sync_api import expect

    before = _snapshot(plan)
    page = chromium.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + "masterplan.html")
    expect(page.locator("body")).to_contain_text("Kota Banjar yang cerdas, sejahtera dan berdaya saing")

    # An edit is saved: the page reloads by itself with the new text.
    plan_yaml = plan / "plan.yaml"
    text = plan_yaml.read_text()
    plan_yaml.write_text(text.replace("cerdas, sejahtera dan berdaya saing", "cerdas, hijau dan terbuka"))
    expect(page.locator("body")).to_contain_text("Kota Banjar yang cerdas, hijau dan terbuka", timeout=30_000)
    expect(page.locator("body")).not_to_contain_text("sejahtera dan berdaya saing")

    # The YAML breaks: the same address shows the problem, and none of the old document.
    plan_yaml.write_text(text.replace("vision: Kota Banjar", "vision: [Kota Banjar"))
    # plan.yaml cannot be read, so its language is unknown: the locale's (Indonesian) is the page's.
    expect(page.locator("#problems")).to_contain_text("kesalahan[syntax]", timeout=30_000)
    expect(page.locator("#problems")).to_contain_text(f"{plan.as_posix()}/plan.yaml:")
    expect(page.locator("body")).not_to_contain_text("Kota Banjar yang cerdas")

    # Fixed again: the document is back.
    plan_yaml.write_text(text)
    expect(page.locator("body")).to_contain_text("Kota Banjar yang cerdas, sejahtera dan berdaya saing", timeout=30_000)
    assert errors == []
    # Serving wrote nothing into the plan folder: it holds exactly what the test wrote.
    assert _snapshot(plan) == before


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (None, "internal error: RuntimeError: boom (a bug in smartplan; please report it)"),  # the locale: C
        ("id", "kesalahan internal: RuntimeError: boom (kesalahan (bug) pada smartplan; mohon laporkan)"),
    ],
)
def test_a_bug_in_a_rebuild_is_logged_and_shown_in_the_reader_s_language(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str | None, said: str
) -> None:
    from smartplan import api, serve

    monkeypatch.setattr(api, "build", _boom)
    site, logged = serve.Site(tmp_path / "site"), list[str]()
    serve.rebuild(site, plan, lang, logged.append)
    assert (logged, site.problems, site.documents) == ([said], [said], {})


def test_a_port_in_use_is_a_usage_error_in_the_reader_s_language(plan: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        environ = {**os.environ, "LANG": "C.UTF-8"}
        for lang, said in (
            ("en", f"smartplan: error: port {port} on 127.0.0.1 is in use\nhint: choose another with --port"),
            ("id", f"smartplan: kesalahan: port {port} di 127.0.0.1 sedang dipakai\nsaran: pilih port lain dengan"),
        ):
            run = subprocess.run(
                [str(SMARTPLAN), "serve", str(plan), "--port", port, "--lang", lang],
                capture_output=True,
                text=True,
                timeout=60,
                env=environ,
                check=False,
            )
            assert (run.returncode, run.stdout) == (2, "")
            assert run.stderr.startswith(said)
