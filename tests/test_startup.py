"""Start-up: the commands people run on every save never import what only build needs.

Speed itself is measured by `make bench`, not asserted here; these tests keep the imports that
decide it from creeping back.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from smartplan import __version__
from tests.helpers import REPO

ONLY_FOR_BUILD = {"jinja2", "markdown_it", "babel", "rich", "markupsafe", "multiprocessing"}
PROBE = """
import sys
from smartplan.cli import app
try:
    app(sys.argv[1:], prog_name="smartplan")
except SystemExit:
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["validate", "plans/banjar"], ["validate", "--help"]])
def test_command_does_not_import_build_libraries(args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, capture_output=True, text=True, check=True)
    imported = set(run.stderr.split())
    assert "smartplan" in imported
    assert imported & ONLY_FOR_BUILD == set()


def test_version_alone_is_answered_without_loading_the_command_line() -> None:
    # typer cannot even be imported here: the answer must not need it.
    probe = (
        "import sys; sys.modules['typer'] = None; sys.argv[1:] = ['--version']; import smartplan.__main__ as m; m.run()"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert (run.stdout, run.stderr) == (f"smartplan {__version__}\n", "")  # as the typer command prints it
