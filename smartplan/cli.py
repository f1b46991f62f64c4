"""Command line: parse options, call one api function, turn the outcome into an exit code.

The commands live in smartplan/commands/, by what they do; here they are put on the app, in the order --help
lists them.
"""

# No `from __future__ import annotations` here, unlike the other modules: typer reads the annotations of every
# command on every run, and written as strings they would be evaluated first, every time.
from typing import Annotated

import typer

from smartplan import VERSION_LINE
from smartplan.commands import authoring, checking, documents
from smartplan.commands.common import EXIT_CODES, state

app = typer.Typer(
    help=f"Compile Indonesian Smart City masterplans from YAML.\n\n{EXIT_CODES}",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(VERSION_LINE)  # also printed by __main__.run, without loading typer, for `--version` alone
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
) -> None:
    """Compile Indonesian Smart City masterplans from YAML."""
    state["debug"] = debug


app.command()(authoring.init)
app.command()(authoring.new)
app.command()(authoring.schema)
app.command(epilog=EXIT_CODES)(checking.validate)
app.command(epilog=EXIT_CODES)(checking.status)
app.command(epilog=EXIT_CODES)(documents.build)
app.command()(documents.serve)
app.command(epilog=checking.DIFF_EXIT_CODES)(checking.diff)
app.command(epilog=EXIT_CODES)(documents.export)
