"""Command line: parse options, call one api function, turn the outcome into an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from smartplan import __version__
from smartplan.errors import ExitCode, SmartplanError

EXIT_CODES = """Exit codes: 0 valid, 1 the plan has errors (or warnings with --strict), 2 usage error,
3 a resource limit was hit, 4 internal error (a bug: rerun with --debug for the traceback)."""

app = typer.Typer(
    help=f"Compile Indonesian Smart City masterplans from YAML.\n\n{EXIT_CODES}",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
T = TypeVar("T")
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"smartplan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
) -> None:
    """Compile Indonesian Smart City masterplans from YAML."""
    _state["debug"] = debug


def _guarded(work: Callable[[], T]) -> T:
    """Run a command; map smartplan's errors and any bug to a message and an exit code."""
    try:
        return work()
    except SmartplanError as exc:
        typer.echo(f"smartplan: error: {exc.message}", err=True)
        if exc.hint:
            typer.echo(f"hint: {exc.hint}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("smartplan: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        if _state["debug"]:
            raise
        typer.echo(f"smartplan: internal error: {type(exc).__name__}: {exc}", err=True)
        typer.echo("hint: this is a bug in smartplan; rerun with --debug for the traceback and report it", err=True)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


PlanDirs = Annotated[list[Path] | None, typer.Argument(help="Plan folders (each holds plan.yaml). Default: '.'.")]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]
Format = Annotated[str, typer.Option("--format", "-f", help="Report format: text, json or github.")]


@app.command(epilog=EXIT_CODES)
def validate(plan_dirs: PlanDirs = None, strict: Strict = False, format: Format = "text") -> None:
    """Check plan folders and report every problem in one run.

    Examples:

      smartplan validate plans/banjar

      smartplan validate --strict --format github plans/*
    """
    from smartplan import api
    from smartplan.report import REPORTERS

    if format not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--format")
    outcome = _guarded(lambda: api.validate(plan_dirs or [Path()]))
    REPORTERS[format](outcome.diagnostics, outcome.files, sys.stdout)
    raise typer.Exit(int(outcome.exit_code(strict=strict)))
