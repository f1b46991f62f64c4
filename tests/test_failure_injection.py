"""A build interrupted at any point leaves the previous output byte for byte, and no temporary folder.

Failures are injected by patching the writes smartplan makes: a full disk (ENOSPC) at the k-th file,
a bug (RuntimeError) or Ctrl+C at the k-th file, a failed rename while swapping the folders in.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DOCUMENT_FILES, EXAMPLES, smartplan

DOCUMENTS = len(DOCUMENT_FILES)
FULL = "No space left on device"


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the minimal plan and its output in docs/, built once for all tests here."""
    folder = tmp_path_factory.mktemp("first")
    shutil.copytree(EXAMPLES / "valid" / "minimal", folder / "plan")
    assert smartplan("build", str(folder / "plan"), "--out", str(folder / "docs"))[0] == 0
    return folder


@pytest.fixture
def built(first_build: Path, in_tmp: Path) -> Iterator[dict[str, bytes]]:
    """The first build copied to ./docs, the plan edited so that the next build would differ; the old output."""
    plan = Path(shutil.copytree(first_build / "plan", in_tmp / "plan"))
    shutil.copytree(first_build / "docs", in_tmp / "docs")
    before = snapshot(in_tmp / "docs")
    assert len(before) == DOCUMENTS + 1  # and the marker
    qw = plan / "quickwins" / "qw-2025-governance.yaml"
    qw.write_text(qw.read_text().replace("Portal Layanan Publik Terpadu", "Portal Baru"))
    yield before
    # What a test leaves behind in the scratch folder: the plan and the output, nothing half-made.
    assert sorted(p.name for p in in_tmp.iterdir()) == ["docs", "plan"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fail_on_call(monkeypatch: pytest.MonkeyPatch, cls: Any, name: str, number: int, error: BaseException) -> list[int]:
    """Make `cls.name` raise `error` on its `number`-th call (0-based); return the call counter."""
    original = getattr(cls, name)
    calls = [0]

    def patched(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] - 1 == number:
            raise error
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, patched)
    return calls


@pytest.mark.parametrize("number", range(DOCUMENTS))
def test_full_disk_at_any_file_keeps_the_old_output(
    built: dict[str, bytes], number: int, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fail_on_call(monkeypatch, Path, "write_bytes", number, OSError(errno.ENOSPC, FULL))
    code, out, err = smartplan("build", "plan", "--out", "docs")
    assert calls[0] == number + 1
    assert (code, out) == (2, "")
    assert err == (
        f"smartplan: error: cannot write the documents to {(in_tmp / 'docs').as_posix()}: {FULL}; "
        "the earlier output is unchanged\nhint: free some space or choose another folder with --out\n"
    )
    assert snapshot(in_tmp / "docs") == built


def test_full_disk_at_the_marker_keeps_the_old_output(
    built: dict[str, bytes], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fail_on_call(monkeypatch, Path, "write_text", 0, OSError(errno.ENOSPC, FULL))
    assert smartplan("build", "plan", "--out", "docs")[0] == 2
    assert calls[0] == 1
    assert snapshot(in_tmp / "docs") == built


@pytest.mark.parametrize(("error", "code"), [(RuntimeError("injected bug"), 4), (KeyboardInterrupt(), 130)])
@pytest.mark.parametrize("number", [0, DOCUMENTS // 2, DOCUMENTS - 1])
def test_crash_or_ctrl_c_mid_write_keeps_the_old_output(
    built: dict[str, bytes],
    number: int,
    error: BaseException,
    code: int,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fail_on_call(monkeypatch, Path, "write_bytes", number, error)
    assert smartplan("build", "plan", "--out", "docs")[0] == code
    assert snapshot(in_tmp / "docs") == built


@pytest.mark.parametrize("number", [0, 1], ids=["moving-the-old-output-aside", "moving-the-new-output-in"])
def test_failed_rename_during_the_swap_keeps_the_old_output(
    built: dict[str, bytes], number: int, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fail_on_call(monkeypatch, Path, "rename", number, OSError(errno.EIO, "Input/output error"))
    assert smartplan("build", "plan", "--out", "docs")[0] == 2
    assert calls[0] >= number + 1
    assert snapshot(in_tmp / "docs") == built


def test_first_build_that_fails_leaves_nothing(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan")
    fail_on_call(monkeypatch, Path, "write_bytes", 3, OSError(errno.ENOSPC, FULL))
    assert smartplan("build", "plan", "--out", "docs")[0] == 2
    assert sorted(p.name for p in in_tmp.iterdir()) == ["plan"]


def test_the_build_after_a_failure_succeeds(
    built: dict[str, bytes], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        fail_on_call(patch, Path, "write_bytes", 2, OSError(errno.ENOSPC, FULL))
        assert smartplan("build", "plan", "--out", "docs")[0] == 2
    assert smartplan("build", "plan", "--out", "docs")[0] == 0
    after = snapshot(in_tmp / "docs")
    assert after.keys() == built.keys() and after != built
    assert b"Portal Baru" in after["profil-quick-win-2025.html"]
