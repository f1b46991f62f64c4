"""A plan as it was at a git revision: its files copied out of git into a folder, then loaded like any other.

git itself does the reading (subprocess, read-only plumbing: rev-parse, ls-tree, cat-file): it is on every
machine that holds the repository, it understands every object format, pack and alternate that repository
uses, and it never touches the working tree or the index. Every revision is resolved with
`rev-parse --verify --end-of-options REV^{commit}`, so that no name, whatever it holds, is read as an option.
Only what the loader would look at is copied (plan.yaml and the YAML files of the three folders), and no more
than the loader's limits allow, so a revision can cost no more disk than a working tree at the limits.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from smartplan.errors import Diagnostic, Text, UsageError, printable
from smartplan.loader import FOLDERS
from smartplan.source import DEFAULT_LIMITS, Limits

_BLOB, _LINK = "100", "120000"  # file modes: 100644/100755 are files; 120000 a symbolic link


class RevisionError(UsageError):
    """A revision that cannot be read: no repository, no such commit, no plan folder in it (exit 2)."""


@dataclass(frozen=True)
class Repository:
    """The git repository holding a plan folder, and the folder's path inside it (posix, '' for the top)."""

    top: Path
    plan_path: str

    def git(self, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run git in the repository; its output and errors as bytes, never an exception for a failure."""
        return subprocess.run(
            ["git", "--literal-pathspecs", "-C", str(self.top), *args], input=data, capture_output=True, check=False
        )


def repository(plan_dir: Path) -> Repository:
    """The repository that holds `plan_dir` (which need not exist in the working tree)."""
    absolute = plan_dir.resolve()
    start = next((p for p in (absolute, *absolute.parents) if p.is_dir()), Path("/"))
    try:
        found = subprocess.run(
            ["git", "-C", str(start), "rev-parse", "--show-toplevel"], capture_output=True, check=False
        )
    except FileNotFoundError:
        raise RevisionError(Text.of("diff.no-git"), hint=Text.of("diff.no-git.hint")) from None
    if found.returncode != 0:
        said = found.stderr.decode(errors="replace").strip().splitlines()
        # git's own words when they are not just "not a git repository", e.g. a repository of another user
        hint = "" if not said or "not a git repository" in said[0] else printable(said[0])
        raise RevisionError(Text.of("diff.not-a-repository", path=printable(plan_dir.as_posix())), hint=hint)
    top = Path(os.fsdecode(found.stdout.rstrip(b"\n")))
    try:
        inside = absolute.relative_to(top.resolve())
    except ValueError:
        raise RevisionError(Text.of("diff.not-a-repository", path=printable(plan_dir.as_posix()))) from None
    return Repository(top, "" if inside == Path() else inside.as_posix())


def commit_of(repo: Repository, revision: str) -> str:
    """The commit id `revision` names; RevisionError for anything else, with a hint in a shallow clone."""
    found = repo.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode == 0:
        return found.stdout.decode("ascii").strip()
    shallow = repo.git("rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    hint = Text.of("diff.shallow.hint") if shallow else ""
    raise RevisionError(Text.of("diff.unknown-revision", revision=printable(revision)), hint=hint)


def _entries(repo: Repository, commit: str) -> list[tuple[str, str, int, str]]:
    """(mode, object id, size, path inside the plan) of every entry the loader would look at, git's order."""
    prefix = f"{repo.plan_path}/" if repo.plan_path else ""
    listing = repo.git("ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", prefix or ".")
    if listing.returncode != 0:
        reason = printable(listing.stderr.decode(errors="replace"))
        raise RevisionError(Text.of("diff.cannot-list", commit=commit[:12], reason=reason))
    found = []
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, _kind, oid, size = meta.split()
        path = os.fsdecode(raw_path)[len(prefix) :]
        parts = path.split("/")
        if parts == ["plan.yaml"] or (len(parts) == 2 and parts[0] in FOLDERS and parts[1].endswith((".yaml", ".yml"))):
            # ls-tree's size is "-" for a folder and "BAD" for a file whose content is missing (cat-file says so)
            found.append((mode.decode(), oid.decode(), int(size) if size.isdigit() else 0, path))
        elif len(parts) == 1 and parts[0] in FOLDERS and mode == _LINK.encode():
            found.append((mode.decode(), oid.decode(), int(size), path))  # a folder replaced by a link: refused
    return found


def _blobs(repo: Repository, ids: list[str]) -> Iterator[bytes]:
    """The content of each blob, in order, from one `git cat-file --batch`."""
    if not ids:
        return
    out = repo.git("cat-file", "--batch", data="".join(f"{i}\n" for i in ids).encode()).stdout
    at = 0
    for _ in ids:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if header[-1] == b"missing":  # a partial clone without this file's content
            missing = Text.of("diff.missing-content", object=header[0].decode())
            raise RevisionError(missing, hint=Text.of("diff.missing-content.hint"))
        size = int(header[2])
        yield out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1


def extract(repo: Repository, commit: str, into: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Write the plan folder of `commit` into `into`, within the loader's limits, as the loader will see it.

    A file over the per-file limit, or past the plan-wide one, becomes a sparse file of its size: the
    loader then reports it as it would in a working tree, without the bytes ever being read out of git.
    """
    entries = _entries(repo, commit)[: limits.max_files + 1]  # one more than allowed: the loader says so
    budget = limits.max_plan_bytes
    wanted = []
    for mode, oid, size, _path in entries:
        if mode.startswith(_BLOB) and size <= min(limits.max_file_bytes, budget):
            wanted.append(oid)
            budget -= size
    contents = dict(zip(wanted, _blobs(repo, wanted), strict=True))
    for mode, oid, size, path in entries:
        target = into / path
        target.parent.mkdir(exist_ok=True)
        if mode == _LINK:
            target.symlink_to("/nonexistent-link-from-git")  # the loader refuses a link whatever it points to
        elif oid in contents:
            target.write_bytes(contents[oid])
        else:
            with open(target, "wb") as sparse:
                sparse.truncate(size)


def shown_as(diagnostics: list[Diagnostic], folder: Path, name: str) -> list[Diagnostic]:
    """Diagnostics of a copied-out revision, naming `REV:path` instead of the temporary folder."""
    prefix = folder.as_posix()
    return [
        dataclasses.replace(d, file=name + d.file[len(prefix) :]) if d.file.startswith(prefix) else d
        for d in diagnostics
    ]


@contextmanager
def checked_out(repo: Repository, revision: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Path]:
    """A temporary folder holding the plan folder as it is in `revision`; removed afterwards."""
    commit = commit_of(repo, revision)
    shown = f"{printable(revision)}:{repo.plan_path or '.'}"
    with tempfile.TemporaryDirectory(prefix="smartplan-rev-") as scratch:
        folder = Path(scratch) / "plan"
        folder.mkdir()
        extract(repo, commit, folder, limits)
        if not (folder / "plan.yaml").exists() and not (folder / "plan.yaml").is_symlink():
            raise RevisionError(Text.of("diff.no-plan", revision=shown), hint=Text.of("diff.no-plan.hint"))
        yield folder
