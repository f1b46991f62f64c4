"""A live preview: build into a temporary folder, serve it on 127.0.0.1, rebuild when a plan file changes.

The browser polls a version number and reloads when it changes; that script is added to the pages as they are
sent, never to the built files. While the plan is invalid every page shows the problems instead of stale output.
Nothing is written into the plan folder.
"""

from __future__ import annotations

import html
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from smartplan import api
from smartplan.errors import Diagnostic, SmartplanError, Text, UsageError
from smartplan.folders import not_a_plan_folder
from smartplan.i18n import locale_language
from smartplan.problem_words import report_language, say, summary_language, words
from smartplan.report import format_text

VERSION_PATH = "/_smartplan/version"
_RELOAD = (
    "<script>(function(){var v=%d;setInterval(function(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(t!==String(v))location.reload()})"
    ".catch(function(){})},%d)})();</script>"
)
Log = Callable[[str], None]
Fingerprint = frozenset[tuple[str, int, int]]


class PortInUseError(UsageError):
    def __init__(self, port: int) -> None:
        super().__init__(Text.of("port-in-use", port=str(port)), hint=Text.of("port-in-use.hint"))


@dataclass
class Site:
    """What the preview shows now: the built documents, or the problems that stopped the build."""

    out: Path
    version: int = 0
    documents: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    lang: str = "en"  # of the problems page: the report's language
    lock: threading.Lock = field(default_factory=threading.Lock)


def fingerprint(plan_dir: Path) -> Fingerprint:
    """Name, modification time and size of every file in the plan folder, hidden folders left out."""
    found = set()
    for folder, dirs, files in os.walk(plan_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(folder, name)
            try:
                info = path.lstat()
            except OSError:  # removed while we looked
                continue
            found.add((str(path), info.st_mtime_ns, info.st_size))
    return frozenset(found)


def rebuild(site: Site, plan_dir: Path, lang: str | None, log: Log) -> None:
    """Build the plan into the site's folder; on any problem show the problems, never the previous documents."""
    documents: dict[str, Path] = {}
    problems: list[str] = []
    said = lang or locale_language()  # a plan that cannot be read is in no language of its own
    try:
        outcome = api.build(plan_dir, site.out, ("html", "md"), lang)
        language = report_language(lang, outcome.languages)
        said = summary_language(language)
        documents = {p.relative_to(site.out).as_posix(): p for p in outcome.written}
        if not documents:
            shown = [format_text(d, said) for d in _worst_first(outcome.diagnostics)]
            problems = shown or [words(Text.of("serve.not-built"), said)]
        errors = Text.of("count.errors", count=sum(d.is_error for d in outcome.diagnostics))
        built = Text.of("serve.built", documents=Text.of("count.documents", count=len(documents)))
        log(words(built if documents else Text.of("serve.not-built.errors", errors=errors), said))
    except SmartplanError as exc:
        message, hint = say(exc.message, said), say(exc.hint, said)
        problems = [message + (f" ({hint})" if hint else "")]
        log(words(Text.of("serve.not-built.because", reason=message), said))
    except Exception as exc:  # a bug must not stop the preview; it shows on the page like any problem
        bug = Text.of("serve.bug", error=f"{type(exc).__name__}: {exc}")
        problems = [f"{words(Text.of('usage.internal-error'), said)}: {words(bug, said)}"]
        log(problems[0])
    with site.lock:
        site.documents, site.problems, site.lang = documents, problems, said
        site.version += 1


def _worst_first(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (not d.is_error, d))


def problems_page(plan_dir: Path, problems: list[str], reload: str, lang: str = "en") -> bytes:
    """The page shown while the plan cannot be built, in `lang`: every problem, escaped, and the reload script."""
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    name = plan_dir.as_posix()
    title, heading, lead = (
        html.escape(words(Text.of(f"serve.{part}", plan=name), lang)) for part in ("title", "heading", "lead")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font:15px/1.5 sans-serif;margin:2em;max-width:60em}li{margin:.4em 0}"
        "code{white-space:pre-wrap;color:#8b0000}</style></head>\n"
        f'<body><h1>{heading}</h1><p>{lead}</p><ul id="problems">\n{items}\n</ul>{reload}</body></html>\n'
    ).encode()


def index_page(plan_dir: Path, documents: list[str], reload: str, lang: str = "en") -> bytes:
    """The list of the built documents, in `lang` (the report's: the plan's own unless --lang says otherwise)."""
    links = "\n".join(f'<li><a href="{html.escape(n)}">{html.escape(n)}</a></li>' for n in documents)
    title, heading = (
        html.escape(words(Text.of(f"serve.index.{part}", plan=plan_dir.as_posix()), lang))
        for part in ("title", "heading")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body><h1>{heading}</h1><ul>\n{links}\n</ul>{reload}</body></html>\n"
    ).encode()


def _handler(site: Site, plan_dir: Path, poll_ms: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = self.headers.get("Host", "").rsplit(":", 1)[0]
            if host not in ("127.0.0.1", "localhost"):  # refuse DNS rebinding: only local names reach the plan
                return self._send(HTTPStatus.FORBIDDEN, b"forbidden", "text/plain")
            path = self.path.split("?", 1)[0]
            with site.lock:
                version, documents, problems, lang = site.version, dict(site.documents), list(site.problems), site.lang
            reload = _RELOAD % (version, poll_ms)
            if path == VERSION_PATH:
                return self._send(HTTPStatus.OK, str(version).encode(), "text/plain")
            if path == "/favicon.ico":  # browsers ask for it; the documents have none
                return self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            name = path.lstrip("/")
            if problems and (name == "" or name.endswith(".html")):
                return self._send(HTTPStatus.OK, problems_page(plan_dir, problems, reload, lang), "text/html")
            if name == "":
                return self._send(HTTPStatus.OK, index_page(plan_dir, sorted(documents), reload, lang), "text/html")
            if name not in documents:  # only the built documents, by name: no paths into the file system
                return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            data = documents[name].read_bytes()
            if name.endswith(".html"):
                data = data.replace(b"</body>", reload.encode() + b"</body>", 1)
                return self._send(HTTPStatus.OK, data, "text/html")
            return self._send(HTTPStatus.OK, data, "text/plain")

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # one line per rebuild is enough; a line per request would drown it

    return Handler


def serve(
    plan_dir: Path,
    port: int = 8000,
    *,
    lang: str | None = None,
    interval: float = 0.3,
    log: Log = print,
    stop: threading.Event | None = None,
) -> None:
    """Serve a live preview of the plan on 127.0.0.1 until interrupted (or `stop` is set)."""
    if not (plan_dir / "plan.yaml").is_file():
        raise not_a_plan_folder(plan_dir, plan_dir.as_posix())
    stop = stop or threading.Event()
    with tempfile.TemporaryDirectory(prefix="smartplan-serve-") as scratch:
        site = Site(Path(scratch) / "site")
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(site, plan_dir, int(interval * 1000) + 200))
        except OSError:
            raise PortInUseError(port) from None
        server.daemon_threads = True
        watcher: threading.Thread | None = None
        try:  # Ctrl+C at any point below is the normal way to stop
            seen = fingerprint(plan_dir)
            rebuild(site, plan_dir, lang, log)
            watcher = threading.Thread(target=_watch, args=(site, plan_dir, lang, log, seen, interval, stop))
            watcher.start()
            threading.Thread(target=_shut_down_on, args=(stop, server), daemon=True).start()
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            log(words(Text.of("serve.serving", plan=plan_dir.as_posix(), url=url), site.lang))
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            log(words(Text.of("serve.stopped"), site.lang))
        finally:
            stop.set()
            server.server_close()
            if watcher is not None:
                watcher.join()


def _shut_down_on(stop: threading.Event, server: ThreadingHTTPServer) -> None:
    stop.wait()
    server.shutdown()


def _watch(
    site: Site, plan_dir: Path, lang: str | None, log: Log, seen: Fingerprint, interval: float, stop: threading.Event
) -> None:
    while not stop.wait(interval):
        now = fingerprint(plan_dir)
        if now == seen:
            continue
        # An editor may write a file in several steps: wait until the folder is still before building.
        while not stop.wait(interval / 2) and (later := fingerprint(plan_dir)) != now:
            now = later
        seen = now
        rebuild(site, plan_dir, lang, log)
