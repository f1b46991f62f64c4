"""The `smartplan` command: `python -m smartplan`, and the console script (pyproject.toml) through `run`."""

from __future__ import annotations

import contextlib
import gc
import os
import sys

from smartplan import VERSION_LINE


def run() -> None:
    """Run the command line, then end the process without taking apart what the command built.

    A build of a large plan leaves millions of objects, some of them in reference cycles (Jinja's
    environments and templates); the collector's scan and the freeing of them took 0.5 s after a
    build of 10,000 files had written its documents. So the collector stays off (`serve`, which runs
    for hours, turns it on), and once the output is flushed the process ends at once, as mypy's does.
    `--version` alone is answered before the command line's framework is loaded: 30 ms, not 150.
    """
    gc.disable()
    try:
        if sys.argv[1:] == ["--version"]:
            print(VERSION_LINE)
        else:
            from smartplan.cli import app

            app(prog_name="smartplan")
        code = 0
    except SystemExit as exc:  # how typer ends every command, with its exit code
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    except OSError as exc:  # the commands report all else: this is their output failing
        code = _output_failed(exc)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as exc:
            code = code or _output_failed(exc)
    os._exit(code)


def _output_failed(exc: OSError) -> int:
    """Say in one line why the output could not be written (a full disk); a reader that left (`| head`) needs none."""
    if not isinstance(exc, BrokenPipeError):
        with contextlib.suppress(OSError, ValueError):
            os.write(2, f"smartplan: error: cannot write the output: {exc.strerror or exc}\n".encode())
    return 1


if __name__ == "__main__":
    run()
