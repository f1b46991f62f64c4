"""Writing a build: refuse dangerous targets, render into a temporary folder, then swap it in.

smartplan only ever removes a folder that holds its marker file, i.e. one it created itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from smartplan.errors import OutputError, UnsafeOutputError

MARKER = ".smartplan-build"
_MARKER_TEXT = "This folder was created by 'smartplan build' and is replaced on every build.\n"


def _repo_roots(*starts: Path) -> set[Path]:
    roots: set[Path] = set()
    for start in starts:
        for folder in (start, *start.parents):
            if (folder / ".git").exists():
                roots.add(folder)
                break
    return roots


def check_target(out: Path, plan_dir: Path) -> Path:
    """The absolute output folder, or UnsafeOutputError if writing there could destroy something."""
    shown = out.as_posix()
    if out.is_symlink():
        raise UnsafeOutputError(shown, "symlink")
    target = out.resolve()
    plan = plan_dir.resolve()
    if target == Path(target.anchor):
        raise UnsafeOutputError(shown, "root")
    home = Path.home().resolve()
    if home.is_relative_to(target):
        raise UnsafeOutputError(shown, "home")
    if plan.is_relative_to(target):
        raise UnsafeOutputError(shown, "contains-plan")
    if target.is_relative_to(plan):
        # The plan folder is the source, in git; output in its templates/ would even be read back as templates.
        raise UnsafeOutputError(shown, "inside-plan")
    if any(root.is_relative_to(target) for root in _repo_roots(plan, Path.cwd().resolve())):
        raise UnsafeOutputError(shown, "repository")
    if (target / ".git").exists():
        raise UnsafeOutputError(shown, "git-folder")
    if target.exists():
        if not target.is_dir():
            raise UnsafeOutputError(shown, "not-a-folder")
        if not (target / MARKER).is_file() and any(target.iterdir()):
            raise UnsafeOutputError(shown, "not-empty", marker=MARKER)
    return target


def _stamp(path: Path) -> None:
    """Give written files the time in SOURCE_DATE_EPOCH, if set, so archives of the build are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        os.utime(path, (int(epoch), int(epoch)), follow_symlinks=False)


def write_atomically(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` (relative name -> bytes) as the folder `target`, replacing an earlier build whole.

    They are written into a new folder beside `target`, which gets its marker and then replaces `target`;
    if anything fails, the new folder is removed and `target` is as it was.
    """
    with _as_output_error(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    try:
        with _as_output_error(target):
            for name, data in sorted(files.items()):
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                _stamp(path)
            (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")  # last: only a whole build has it
            _stamp(staging / MARKER)
            staging.chmod(0o755)
            _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@contextmanager
def _as_output_error(target: Path) -> Iterator[None]:
    """A full disk or a read-only folder is not a bug in smartplan: an OutputError naming the folder."""
    try:
        yield
    except OSError as exc:
        raise OutputError(target.as_posix(), exc.strerror or str(exc)) from None


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    if not (target / MARKER).is_file():
        target.rmdir()  # check_target allowed it only because it is empty; rmdir fails otherwise
        staging.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old)
