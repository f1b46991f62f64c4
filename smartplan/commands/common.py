"""What the commands share: running one safely (errors to messages and exit codes), and the options they share."""

# No `from __future__ import annotations` here, unlike the other modules: typer reads the annotations of every
# command on every run, and written as strings they would be evaluated first, every time.
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from smartplan.errors import ExitCode, SmartplanError, Text

if TYPE_CHECKING:
    from smartplan.problem_words import Languages

EXIT_CODES = """Exit codes: 0 valid, 1 the plan has errors (or warnings with --strict), 2 usage error,
3 a resource limit was hit, 4 internal error (a bug: rerun with --debug for the traceback)."""

T = TypeVar("T")
state = {"debug": False}  # set by the app's --debug


def guarded(work: Callable[[], T], lang: str | None = None) -> T:
    """Run a command; map smartplan's errors and any bug to a message and an exit code.

    An error given as a Text is said in `lang`, else in the locale's language; the others are in English. An
    interruption and a bug are said in that language too (the exception's own words stay as Python wrote them).
    """
    try:
        return work()
    except SmartplanError as exc:
        from smartplan.i18n import locale_language
        from smartplan.problem_words import say

        said = (lang or locale_language()) if isinstance(exc.message, Text) else "en"

        typer.echo(f"smartplan: {say(Text('usage.error'), said)}: {say(exc.message, said)}", err=True)
        if exc.hint:
            typer.echo(f"{say(Text('usage.hint'), said)}: {say(exc.hint, said)}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        from smartplan.i18n import locale_language
        from smartplan.problem_words import words

        typer.echo(f"smartplan: {words(Text('usage.interrupted'), lang or locale_language())}", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        if state["debug"]:  # the traceback, and still the documented exit code
            traceback.print_exc()
        from smartplan.i18n import locale_language
        from smartplan.problem_words import words

        said = lang or locale_language()
        first_line = next(iter(str(exc).splitlines()), "")
        typer.echo(
            f"smartplan: {words(Text('usage.internal-error'), said)}: {type(exc).__name__}: {first_line}", err=True
        )
        if not state["debug"]:
            typer.echo(f"{words(Text('usage.hint'), said)}: {words(Text('usage.bug.hint'), said)}", err=True)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


PlanDir = Annotated[Path, typer.Argument(metavar="PLAN_DIR", help="The plan folder (holds plan.yaml).")]
PlanDirs = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PLAN_DIR", help="Plan folders (each holds plan.yaml), or a folder of plan folders. Default: '.'."
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]


def complete_report() -> list[str]:
    from smartplan.report import REPORTERS

    return list(REPORTERS)


def complete_lang() -> list[str]:
    from smartplan.i18n import LANGUAGES

    return list(LANGUAGES)


ReportFormat = Annotated[
    str,
    typer.Option(
        "--report",
        "--format",
        "-f",
        help="Report format: text, json or github. --report, as in build (whose --format picks the documents).",
        autocompletion=complete_report,
    ),
]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help="id or en. Default: the plan's language.", autocompletion=complete_lang),
]
ReportLang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the report: id or en. Default: each plan's language, else the locale's (LANG).",
        autocompletion=complete_lang,
    ),
]


def chosen_language(lang: str | None) -> str | None:
    """The language code in lower case (`--lang EN` is `en`), or a usage error."""
    from smartplan.i18n import LANGUAGES

    if lang is not None and lang.lower() not in LANGUAGES:
        raise typer.BadParameter(f"choose one of: {', '.join(LANGUAGES)}", param_hint="--lang")
    return lang.lower() if lang is not None else None


Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Processes for a plan of hundreds of items. Default: one per CPU."),
]
Files = Annotated[
    bool, typer.Option("--files", hidden=True, help="Arguments are files: check the plan folders that hold them.")
]
Report = Annotated[
    str,
    typer.Option("--report", help="How to report problems: text, json or github.", autocompletion=complete_report),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only problems: no progress line, no summary, no 'wrote' line.")
]


def wrote(written: list[Path], what: str, languages: "Languages", *, err: bool) -> None:
    """The line after the report: how many documents or files were written, and where, in the report's language."""
    from smartplan.problem_words import summary_language, words

    count = Text.of(f"count.{what}", count=len(written))
    line = Text.of(f"wrote.{what}", **{what: count}, folder=str(written[0].parent))
    typer.echo(words(line, summary_language(languages)), err=err)
