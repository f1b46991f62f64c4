"""Compiled templates are kept on disk between runs: loaded when the source is the same, compiled anew otherwise."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from smartplan import templating


@pytest.fixture
def namespace() -> Iterator[str]:
    """A cache of its own in Jinja's folder, removed afterwards."""
    name = f"test-{uuid.uuid4().hex}"
    yield name
    folder = Path(jinja2.FileSystemBytecodeCache().directory)
    for path in folder.glob(f"__smartplan_{name}_*"):
        path.unlink()


def _compiled(namespace: str, source: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """Render `source` in a fresh environment, as a new process would; (output, times Jinja compiled it)."""
    compiled: list[str] = []
    compile_source = jinja2.Environment._compile

    def counting(self: jinja2.Environment, source: str, filename: str) -> Any:
        compiled.append(filename)
        return compile_source(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counting)
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"t.md": source}), bytecode_cache=templating._CompiledTemplates(namespace)
    )
    return env.get_template("t.md").render(x=2), len(compiled)


def test_the_next_run_loads_what_this_one_compiled(namespace: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 1)
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 0)


def test_an_edited_template_is_compiled_anew(namespace: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 1)
    assert _compiled(namespace, "{{ x * 50 }}", monkeypatch) == ("100", 1)


def test_a_damaged_cache_file_is_compiled_anew(namespace: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 1)
    folder = Path(jinja2.FileSystemBytecodeCache().directory)
    for path in folder.glob(f"__smartplan_{namespace}_*"):
        path.write_bytes(b"j2 not marshal data")
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 1)


def test_with_the_cache_switched_off_nothing_is_kept_on_disk(namespace: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTPLAN_TEMPLATE_CACHE", "0")
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 1)
    assert _compiled(namespace, "{{ x * 21 }}", monkeypatch) == ("42", 1)
    assert not list(Path(jinja2.FileSystemBytecodeCache().directory).glob(f"__smartplan_{namespace}_*"))


def test_each_format_and_sandboxing_has_caches_of_its_own_named_by_the_options() -> None:
    names = {cache.namespace for cache in templating._COMPILED.values()}
    assert len(names) == 4
    assert all(name.endswith(templating._FINGERPRINT) for name in names)
