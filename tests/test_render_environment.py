"""Which environment renders a plan: the sandbox for everything once a plan has templates of its own."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from smartplan import charts, render, templating
from smartplan.i18n import Language, load_messages
from smartplan.sandbox import Sandbox
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES, smartplan


@pytest.fixture
def plans(in_tmp: Path) -> tuple[Path, Path]:
    """The minimal plan twice: as it is, and with a templates/ folder that only rewrites one label."""
    plain = Path(shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plain"))
    own = Path(shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "own"))
    (own / "templates" / "messages").mkdir(parents=True)
    (own / "templates" / "messages" / "id.yaml").write_text('toc: "Isi"\n')
    return plain, own


def test_only_a_plan_with_its_own_templates_is_rendered_in_the_sandbox(plans: tuple[Path, Path]) -> None:
    plain, own = plans
    builtin = templating.builtin_templates()
    assert TemplateSet.of(plain) == TemplateSet(None, builtin)
    assert TemplateSet.of(own) == TemplateSet(own / "templates", builtin)
    assert TemplateSet.of(own).paths == [own / "templates", builtin]
    for fmt in ("md", "html"):
        assert type(templating.environment(TemplateSet.of(plain), fmt, _view())) is jinja2.Environment
        assert type(templating.environment(TemplateSet.of(own), fmt, _view())) is Sandbox


def test_built_in_templates_run_sandboxed_for_a_plan_with_templates_after_one_without(
    plans: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One process builds both (as `serve` or the tests do): code compiled for the plain environment
    # calls functions directly, so it must never be reused where every call has to pass the sandbox.
    checked: list[str] = []
    sandbox_call = Sandbox.call

    def call(self: Sandbox, context: Any, obj: Any, *args: Any, **kwargs: Any) -> Any:
        checked.append(getattr(obj, "__name__", ""))
        return sandbox_call(self, context, obj, *args, **kwargs)

    monkeypatch.setattr(Sandbox, "call", call)
    assert smartplan("build", "plain", "--out", "plain-docs")[0] == 0
    assert checked == []
    assert smartplan("build", "own", "--out", "own-docs")[0] == 0
    assert "section" in checked  # outline.section() in the built-in templates, checked by the sandbox


def test_both_environments_render_the_same_documents(plans: tuple[Path, Path]) -> None:
    plain, own = plans
    (own / "templates" / "messages" / "id.yaml").write_text("{}\n")  # a folder, but nothing overridden
    assert smartplan("build", "plain", "--out", "plain-docs")[0] == 0
    assert smartplan("build", "own", "--out", "own-docs")[0] == 0
    for built in Path("plain-docs").iterdir():
        assert (Path("own-docs") / built.name).read_bytes() == built.read_bytes(), built.name


def _view() -> Any:
    """Just what environment() reads of a view: its language."""
    lang = Language("id", load_messages([templating.builtin_templates()], "id"))
    return type("View", (), {"lang": lang})()


def test_both_environments_have_the_same_options() -> None:
    builtin = templating.builtin_templates()
    for fmt in ("md", "html"):
        plain, sandbox = (
            templating.environment(templates, fmt, _view())
            for templates in (TemplateSet(None, builtin), TemplateSet(Path("own"), builtin))
        )
        assert type(plain) is jinja2.Environment and type(sandbox) is Sandbox
        for option in ("undefined", "autoescape", "trim_blocks", "lstrip_blocks", "keep_trailing_newline"):
            assert getattr(plain, option) == getattr(sandbox, option), option
        assert plain.finalize is not None if fmt == "md" else plain.finalize is None
        assert sandbox.finalize is not None if fmt == "md" else sandbox.finalize is None
        assert sorted(plain.filters) == sorted(sandbox.filters) and sorted(plain.globals) == sorted(sandbox.globals)
        assert plain.bytecode_cache is not sandbox.bytecode_cache


def test_charts_are_drawn_only_when_a_template_shows_them(
    plans: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []
    for name in ("timeline", "budget", "indicator_path"):
        original = getattr(charts, name)
        monkeypatch.setattr(charts, name, lambda *a, _f=original, _n=name: drawn.append(_n) or _f(*a))
    assert smartplan("build", "plain", "--out", "md-docs", "--format", "md")[0] == 0
    assert drawn == []  # the Markdown templates show no chart: the Markdown process draws none
    assert smartplan("build", "plain", "--out", "html-docs", "--format", "html")[0] == 0
    assert drawn.count("timeline") == drawn.count("budget") == 1  # each drawn once, for every document
    drawn.clear()
    assert smartplan("build", "own", "--out", "own-docs", "--format", "md")[0] == 0
    assert "timeline" in drawn  # a plan's own labels may fail a chart: drawn first, to say so


@pytest.mark.parametrize("forked", [False, True], ids=["one-process", "a-process-per-format"])
def test_a_label_that_fails_a_chart_is_reported_as_the_label_s_fault(
    plans: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    if forked:  # as for a large plan
        monkeypatch.setattr(render, "PARALLEL_ACTIONS", 1)
    (plans[1] / "templates" / "messages" / "id.yaml").write_text("chart_timeline_desc: '{count.real}'\n")
    code, _, err = smartplan("build", "own", "--out", "docs", "--jobs", "2")
    assert (code, err) == (
        1,
        "smartplan: error: own/templates/messages/id.yaml: template error: " + REFUSED.format("count.real"),
    )
    assert not Path("docs").exists()


REFUSED = "label field '{{{}}}' is not allowed; write {{name}} only\n"


def test_templates_run_with_the_garbage_collector_on(plans: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # Loading pauses the collector (api.py), but a plan's template can loop making garbage cycles.
    collecting: dict[str, list[bool]] = {"plain": [], "own": []}
    render_template = jinja2.Template.render
    building = ["plain"]

    def spy(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        collecting[building[0]].append(gc.isenabled())
        return render_template(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    for name in ("plain", "own"):
        building[0] = name
        assert smartplan("build", name, "--out", f"{name}-docs", "--jobs", "1")[0] == 0
    assert collecting["plain"] and all(collecting["plain"])
    assert collecting["own"] and all(collecting["own"])
    assert gc.isenabled()


class _Html:
    """An object that renders itself as HTML, as Markup does."""

    def __html__(self) -> str:
        return "<b>x</b>"


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="&<>\"'ab ").map(Markup),
        st.integers(),
        st.floats(allow_nan=False),
        st.booleans(),
        st.none(),
        st.just(_Html()),
        st.lists(st.text(alphabet="<'&x", max_size=3), max_size=3),
    )
)
def test_printed_values_are_escaped_as_markupsafe_escapes_them(value: Any) -> None:
    assert templating.escape_output(value) == str(escape(value))


@pytest.mark.parametrize("sandboxed", [False, True], ids=["plain", "sandbox"])
def test_every_html_template_prints_through_escape_output(sandboxed: bool, in_tmp: Path) -> None:
    env = templating.environment(
        TemplateSet(in_tmp if sandboxed else None, templating.builtin_templates()), "html", _view()
    )
    template = env.from_string("{{ text }}|{{ n }}|{{ safe }}|{% macro m() %}<i>{{ text }}</i>{% endmacro %}{{ m() }}")
    assert template.root_render_func.__globals__["escape"] is templating.escape_output  # not Jinja's Markup-making one
    escaped = "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;"
    assert template.render(text="<a href='x'>&\"</a>", n=7, safe=Markup("<b>ok</b>")) == (
        f"{escaped}|7|<b>ok</b>|<i>{escaped}</i>"
    )
    for name in ("html/masterplan.html", "html/macros.html"):
        assert env.get_template(name).root_render_func.__globals__["escape"] is templating.escape_output
