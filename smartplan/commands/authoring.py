"""Commands that write plan files for people to fill in: init, new, schema."""

# No `from __future__ import annotations` here, unlike the other modules: typer reads the annotations of every
# command on every run, and written as strings they would be evaluated first, every time.
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from smartplan.commands.common import Lang, PlanDir, chosen_language, guarded
from smartplan.errors import Text


def _complete_dimension() -> list[str]:
    from smartplan.models import DIMENSION_IDS

    return list(DIMENSION_IDS)


def init(
    plan_dir: Annotated[Path, typer.Argument(metavar="PLAN_DIR", help="New (or empty) folder for the plan.")],
    city: Annotated[str, typer.Option("--city", help='Official name: "Kota X" or "Kabupaten X".')],
    start: Annotated[int | None, typer.Option("--start", help="First year of the plan. Default: next year.")] = None,
) -> None:
    """Start a plan for a new city: plan.yaml, the six dimensions, quick wins, schemas and editor settings.

    The new plan passes 'smartplan validate' straight away, with a warning for every '[isi ...]' text to replace.

    Examples:

    \b
      smartplan init plans/garut --city "Kabupaten Garut"
      smartplan init plans/cirebon --city "Kota Cirebon" --start 2026
    """
    from smartplan import scaffold
    from smartplan.problem_words import words

    written = guarded(lambda: scaffold.init_plan(plan_dir, city, start=start))
    files = Text.of("count.files", count=len(written))
    folder = plan_dir.as_posix()  # quoted in the command when it must be, so that it can be pasted into a shell
    said = Text.of("created.plan", folder=folder, files=files, command_folder=shlex.quote(folder))
    typer.echo(words(said, scaffold.PLAN_LANGUAGE))


def new(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="quickwin, program or monitoring.",
            autocompletion=lambda: ["quickwin", "program", "monitoring"],
        ),
    ],
    plan_dir: PlanDir,
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="Id and file name, e.g. qw-2025-governance; for monitoring, the year.")
    ],
    dimension: Annotated[
        str | None,
        typer.Option(
            "--dimension", "-d", help="The dimension (quickwin, program).", autocompletion=_complete_dimension
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Year (start year of a program). Default: the year in ID, if any.")
    ] = None,
) -> None:
    """Add a pre-filled quick win, program or yearly monitoring file to a plan.

    Examples:

    \b
      smartplan new quickwin plans/banjar qw-2026-living --dimension living --year 2026
      smartplan new program plans/banjar satu-data --dimension governance
      smartplan new monitoring plans/banjar 2025
    """
    from smartplan import scaffold
    from smartplan.problem_words import words
    from smartplan.schema import language_of

    path = guarded(lambda: scaffold.new_file(plan_dir, kind, ident, dimension, year))
    typer.echo(words(Text.of("created.file", file=path.as_posix()), language_of(plan_dir)))  # the plan's language


def schema(
    kind: Annotated[
        str | None,
        typer.Argument(metavar="KIND", help="plan, dimension, quickwin, program or monitoring: print its schema."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write every schema into this folder. Default: .schemas")
    ] = None,
    lang: Lang = None,
) -> None:
    """Print or write the JSON Schemas of the plan files, for editors and other validators.

    Without KIND, every schema is written into --out, by default .schemas/ in the current folder: run inside
    a plan folder, that refreshes the copy its files' modelines point to.

    The titles and descriptions editors show are in --lang; by default in the language of the plan the
    schemas are for (the folder holding --out, else the current folder), and outside a plan in the locale's:
    Indonesian when LC_ALL, LC_MESSAGES or LANG (the first set) starts with 'id', else English.

    Examples:

    \b
      smartplan schema quickwin
      smartplan schema
      smartplan schema --out plans/banjar/.schemas
      smartplan schema --out schemas --lang id
      check-jsonschema --schemafile .schemas/quickwin.schema.json plans/banjar/quickwins/*.yaml
    """
    from smartplan import schema as schemas
    from smartplan.problem_words import words

    if kind is not None and kind not in schemas.KINDS:
        raise typer.BadParameter(f"choose one of: {', '.join(schemas.KINDS)}", param_hint="KIND")
    language = chosen_language(lang) or guarded(lambda: schemas.language_of(out.parent if out is not None else Path()))
    if kind is not None and out is None:
        sys.stdout.write(schemas.render(kind, language))
        return
    folder = out if out is not None else Path(schemas.SCHEMA_DIR)
    written = guarded(lambda: schemas.write_schemas(folder, language), language)  # in the schemas' language
    said = Text.of("wrote.schemas", schemas=Text.of("count.schemas", count=len(written)), folder=folder.as_posix())
    typer.echo(words(said, language))  # in the schemas' language
