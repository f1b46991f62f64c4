"""The `smartplan` command: `python -m smartplan`, and the console script (pyproject.toml) through `run`."""

from __future__ import annotations

import contextlib
import os
import sys

from smartplan import VERSION_LINE


def run() -> None:
    """Run the command line, then end the process without taking apart what the command built.

    Once the output is flushed the process ends at once, as mypy's does: freeing the objects of a large
    build one by one would only delay the exit. `--version` alone is answered before the command line's
    framework is loaded.
    """
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
