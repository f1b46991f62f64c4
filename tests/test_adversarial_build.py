"""Hostile input to `smartplan build`: templates a pull request adds, markup in YAML text, output targets.

A plan may override templates from its own templates/ folder. CI renders them, so they are untrusted
code: they must fail with a message and exit 1, never read the runner's files, run commands or
exhaust memory. Text from YAML must come out inert in both formats, and --out must never be a
folder whose loss would hurt.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from smartplan.errors import UnsafeOutputError
from smartplan.output import check_target
from smartplan.problem_words import say
from tests.helpers import EXAMPLES, REPO, smartplan

ROADMAP = "templates/md/roadmap.md"
PWNED = Path("/tmp/smartplan-pwned")


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    return Path(shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan"))


def _template(text: str) -> Callable[[Path], None]:
    def write(plan: Path) -> None:
        (plan / ROADMAP).parent.mkdir(parents=True, exist_ok=True)
        (plan / ROADMAP).write_text(text)

    return write


def _link(name: str, to: str) -> Callable[[Path], None]:
    def link(plan: Path) -> None:
        (plan / name).parent.mkdir(parents=True, exist_ok=True)
        (plan / name).symlink_to(to)

    return link


def _include_through_linked_folder(plan: Path) -> None:
    _template('{% include "self/environ" %}\n')(plan)
    (plan / "templates" / "self").symlink_to("/proc/self", target_is_directory=True)


def _fifo(plan: Path) -> None:
    (plan / ROADMAP).parent.mkdir(parents=True)
    os.mkfifo(plan / ROADMAP)


def _huge(plan: Path) -> None:
    _template("x" * (1024 * 1024 + 1))(plan)


ERROR = "smartplan: error: "
LINKS = "template error: symbolic links are not allowed in a plan's templates\n"
# (how the plan's templates/ is made hostile, the exact stderr)
TEMPLATE_FILES = {
    "file-linked-to-etc-passwd": (_link(ROADMAP, "/etc/passwd"), f"{ERROR}plan/{ROADMAP}: {LINKS}"),
    "folder-linked-to-etc": (_link("templates/md", "/etc"), f"{ERROR}plan/templates/md: {LINKS}"),
    "templates-linked-to-root": (_link("templates", "/"), f"{ERROR}plan/templates: {LINKS}"),
    "include-through-link-to-proc-self": (_include_through_linked_folder, f"{ERROR}plan/templates/self: {LINKS}"),
    "messages-linked-out": (
        _link("templates/messages/id.yaml", "/etc/hostname"),
        f"{ERROR}plan/templates/messages/id.yaml: {LINKS}",
    ),
    "fifo": (_fifo, f"{ERROR}plan/{ROADMAP}: template error: not a regular file\n"),
    "huge": (_huge, f"{ERROR}plan/{ROADMAP}: template error: template larger than 1,024 KiB\n"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATE_FILES))
def test_templates_folder_holds_only_plain_files(plan: Path, case: str) -> None:
    make, expected = TEMPLATE_FILES[case]
    make(plan)
    assert smartplan("build", "plan", "--out", "docs") == (1, "", expected)
    assert not (plan.parent / "docs").exists()


# Sandbox escapes and bombs written into an overriding template; each must end as a template error.
UNSAFE = "template error: access to attribute"
TEMPLATES = {
    "cycler-globals": ("{{ cycler.__init__.__globals__.os.popen('touch /tmp/smartplan-pwned').read() }}", UNSAFE),
    "lipsum-globals": ("{{ lipsum.__globals__['os'].system('touch /tmp/smartplan-pwned') }}", UNSAFE),
    "label-globals": ("{{ t.__globals__ }}", "template error: no label '__globals__' in messages/id.yaml"),
    "subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", UNSAFE),
    "template-reference": ("{{ self.__init__.__globals__ }}", UNSAFE),
    "model-dict": ("{{ plan.__dict__ }}", UNSAFE),
    "format-string-attribute": ("{{ '{0.__class__.__init__.__globals__}'.format(plan) }}", UNSAFE),
    "mutate-context": ("{{ plan.missions.append(1) }}", "template error: access to attribute 'append'"),
    "include-absolute": ('{% include "/etc/passwd" %}', "template error: '/etc/passwd' not found"),
    "include-dot-dot": ('{% include "../../../../etc/passwd" %}', "template error: ../../../../etc/passwd"),
    "huge-range": ("{{ range(10**9)|list|length }}", "template error: OverflowError: Range too big."),
    "huge-string": ("{{ ('a' * 10**10)|length }}", "template error: '*' would build more than 1,000,000 items"),
    "huge-list": ("{{ ([1] * 10**10)|length }}", "template error: '*' would build more than 1,000,000 items"),
    "huge-power": ("{{ 2**10000000 }}", "template error: '**' would build a number of more than 100,000 bits"),
    "self-extends": ('{% extends "md/roadmap.md" %}', "template error: RecursionError: maximum recursion depth"),
    "endless-macro": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "template error: RecursionError"),
    "division-by-zero": ("{{ 1 / 0 }}", "template error: ZeroDivisionError: division by zero"),
    "type-error": ("{{ 1 + 'a' }}", "template error: TypeError: unsupported operand type(s) for +"),
    "float-overflow": ("{{ 2.0 ** 100000 }}", "template error: OverflowError: (34, 'Numerical result out of range')"),
    "undefined": ("{{ nothing_here }}", "template error: 'nothing_here' is undefined"),
    "syntax": ("{% if %}", "template error: Expected an expression, got 'end of statement block'"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATES))
def test_hostile_template_fails_safely(plan: Path, case: str) -> None:
    text, message = TEMPLATES[case]
    _template(f"{text}\n")(plan)
    code, out, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert (code, out) == (1, "")
    assert err.startswith(f"{ERROR}plan/templates/md/roadmap.md:1: {message}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (plan.parent / "docs").exists()
    assert not PWNED.exists()


# ---- markup in YAML text ---------------------------------------------------------------------

HOSTILE_NAME = "A | B <b>x</b> `t` [x](javascript:alert(1)) {{ 7*7 }} {% if %} <script>alert(2)</script>"
HOSTILE_MARKDOWN = """\
  Satu portal {{ 7*7 }} {% raw %} <script>alert(3)</script> <img src=x onerror=alert(4)>
  <a href="javascript:alert(5)">a</a> [ent](java&#115;cript:alert(6)) [col](javascript&colon;alert(7))
  [tab](java&#9;script:alert(8)) [nl](
  javascript:alert(9)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](VBScript:msgbox(10))
  [ref][1] <javascript:alert(11)> ![img](https://tracker.example/pixel.png) [ok](https://banjarkota.go.id)
  <!-- comment --> <style>body{}</style>

  [1]: javascript:alert(12)
"""


def _hostile_plan(plan: Path) -> None:
    qw = plan / "quickwins" / "qw-2025-governance.yaml"
    text = qw.read_text()
    text = text.replace("name: Portal Layanan Publik Terpadu", f"name: '{HOSTILE_NAME}'")
    text = text.replace("  Satu portal untuk seluruh layanan publik daring Kota Banjar.\n", HOSTILE_MARKDOWN)
    qw.write_text(text)
    root = plan / "plan.yaml"
    root.write_text(root.read_text().replace("name: Dinas Komunikasi dan Informatika\n", f"name: '{HOSTILE_NAME}'\n"))


def _links_and_tags(html: str) -> tuple[list[str], list[str]]:
    hrefs = re.findall(r"""<a\s[^>]*href="([^"]*)\"""", html)
    tags = re.findall(r"<(script|img|iframe|style|object|embed|svg:script)\b", html, re.IGNORECASE)
    return hrefs, tags


def _safe_href(href: str) -> bool:
    """What a browser would open: entities decoded, tabs and line breaks dropped, then the scheme."""
    cleaned = re.sub("[\t\n\r]", "", html.unescape(href)).strip("\x00 ")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return scheme is None or scheme[1].lower() in ("http", "https", "mailto")


def test_yaml_text_is_inert_in_html(plan: Path) -> None:
    _hostile_plan(plan)
    assert smartplan("build", "plan", "--out", "docs", "--format", "html")[0] == 0
    for page in sorted((plan.parent / "docs").glob("*.html")):
        html = page.read_text()
        hrefs, tags = _links_and_tags(html)
        assert all(_safe_href(h) for h in hrefs), (page.name, [h for h in hrefs if not _safe_href(h)])
        assert [t for t in tags if t.lower() != "style"] == [], page.name
        assert html.count("<style") == 1, page.name  # the built-in stylesheet only
        assert re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.IGNORECASE) is None, page.name
        assert "alert(2)" not in html or "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    profile = (plan.parent / "docs" / "profil-quick-win-2025.html").read_text()
    assert "{{ 7*7 }} {% if %} &lt;script&gt;alert(2)&lt;/script&gt;" in profile
    assert '<a href="https://banjarkota.go.id">ok</a>' in profile
    assert ">49<" not in profile


def test_yaml_text_is_inert_in_markdown_as_any_renderer_reads_it(plan: Path) -> None:
    _hostile_plan(plan)
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    # Render the Markdown the way pandoc or a Git host would, with no link filter of its own.
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    for page in sorted((plan.parent / "docs").glob("*.md")):
        text = page.read_text()
        html = renderer.render(text)
        hrefs, tags = _links_and_tags(html)
        assert all(_safe_href(h) for h in hrefs), (page.name, hrefs)
        assert tags == [], (page.name, tags)
        assert re.search(r"<[a-z][^>]*\son\w+\s*=", html, re.IGNORECASE) is None, page.name
    profile = (plan.parent / "docs" / "profil-quick-win-2025.md").read_text()
    assert "A \\| B \\<b\\>x\\</b\\> \\`t\\` \\[x\\](javascript:alert(1)) {{ 7\\*7 }} {% if %}" in profile
    assert "[ok](https://banjarkota.go.id)" in profile


def test_table_cells_keep_their_columns(plan: Path) -> None:
    _hostile_plan(plan)
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    text = (plan.parent / "docs" / "masterplan.md").read_text()
    tables = re.findall(r"(?:^\|.*\|\n)+", text, re.MULTILINE)
    assert tables
    for table in tables:
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines()}
        assert len(widths) == 1, table


# ---- output targets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        (Path("/"), "it is the root of the file system"),
        (Path.home(), "it is or contains your home folder"),
        (REPO, "it is or contains the plan folder"),
        (REPO / "tests", "it is or contains the plan folder"),
        (REPO / "tests" / "examples" / "valid" / "minimal", "it is or contains the plan folder"),
        (REPO / "smartplan", "it is not empty and was not created by smartplan (no .smartplan-build file)"),
    ],
    ids=["root", "home", "repository", "tests", "plan", "source-folder"],
)
def test_real_folders_are_refused_without_building(target: Path, reason: str) -> None:
    with pytest.raises(UnsafeOutputError) as caught:
        check_target(target, EXAMPLES / "valid" / "minimal")
    assert say(caught.value.message, "en") == f"refusing to write output to {target.as_posix()}: {reason}"


def test_root_of_the_repository_one_works_in_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A scratch repository: the project's own checkout may be an archive without .git.
    work = tmp_path / "work"
    (work / ".git").mkdir(parents=True)
    (work / "src").mkdir()
    (tmp_path / "plan").mkdir()
    monkeypatch.chdir(work / "src")
    with pytest.raises(UnsafeOutputError) as caught:
        check_target(Path(".."), tmp_path / "plan")
    assert (
        say(caught.value.message, "en")
        == "refusing to write output to ..: it is or contains the root of a git repository"
    )


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        (".", "it is or contains the plan folder"),
        ("..", "it is or contains the plan folder"),
        ("plan", "it is or contains the plan folder"),
        ("plan/..", "it is or contains the plan folder"),
        ("plan/out", "it is inside the plan folder"),
        ("plan/templates/html", "it is inside the plan folder"),
        ("mine", "it is not empty and was not created by smartplan (no .smartplan-build file)"),
        ("link", "it is a symbolic link"),
        ("mine/notes.txt", "it is not a folder"),
    ],
)
def test_scratch_targets_are_refused_and_left_alone(plan: Path, out: str, reason: str) -> None:
    (plan.parent / "mine").mkdir()
    (plan.parent / "mine" / "notes.txt").write_text("keep me")
    (plan.parent / "link").symlink_to(plan.parent / "mine")
    before = {p: p.read_bytes() for p in plan.parent.rglob("*") if p.is_file()}
    code, _, err = smartplan("build", "plan", "--out", out)
    assert (code, err) == (
        2,
        f"{ERROR}refusing to write output to {out}: {reason}\nhint: choose an empty folder with --out\n",
    )
    assert {p: p.read_bytes() for p in plan.parent.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("label", "template", "where"),
    [
        (
            "{v.lang.label.__globals__[read_file].__globals__[os].environ[HOME]}",
            '{{ t("leak", v=view) }}',
            "plan/templates/md/roadmap.md:1",
        ),
        ("{v:>999999999}", '{{ t("leak", v=1) }}', "plan/templates/md/roadmap.md:1"),
        ("{v!r}", '{{ t("leak", v=1) }}', "plan/templates/md/roadmap.md:1"),
    ],
    ids=["attribute-chain-to-environ", "gigabyte-wide-field", "conversion"],
)
def test_labels_written_by_a_plan_cannot_escape_through_str_format(
    plan: Path, label: str, template: str, where: str
) -> None:
    # str.format runs outside the sandbox; before the fix the first case wrote $HOME into roadmap.md.
    (plan / "templates" / "messages").mkdir(parents=True)
    (plan / "templates" / "messages" / "id.yaml").write_text(f'leak: "{label}"\n')
    _template(f"{template}\n")(plan)
    code, out, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert (code, out) == (1, "")
    assert err == f"{ERROR}{where}: template error: label field '{label}' is not allowed; write {{name}} only\n"
    assert not (plan.parent / "docs").exists()


def test_a_built_in_label_overridden_with_a_wide_field_is_refused(plan: Path) -> None:
    (plan / "templates" / "messages").mkdir(parents=True)
    (plan / "templates" / "messages" / "id.yaml").write_text('chapter_number: "{roman:>999999999}"\n')
    code, _, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert code == 1
    assert err.startswith(f"{ERROR}md/masterplan.md:")
    assert err.endswith(": template error: label field '{roman:>999999999}' is not allowed; write {name} only\n")


def _indicator_at(value: str) -> Callable[[Path], None]:
    def edit(plan: Path) -> None:
        economy = plan / "dimensions" / "economy.yaml"
        text = economy.read_text().replace("      value: 50\n", f"      value: {value}\n")
        economy.write_text(
            text.replace("      2025: 55\n      2026: 60\n", f"      2025: {value}\n      2026: {value}\n")
        )

    return edit


def _all_amounts(amount: str) -> Callable[[Path], None]:
    def edit(plan: Path) -> None:
        for quickwin in (plan / "quickwins").glob("*.yaml"):
            quickwin.write_text(re.sub(r"amount: \d+", f"amount: {amount}", quickwin.read_text()))

    return edit


# Valid plans with figures at the edges of what validate accepts; before the fix a flat 1e17 line
# divided by zero in the indicator chart (exit 4), found by the build property in test_fuzz.py.
EXTREMES = {
    "flat-indicator-at-1e17": _indicator_at("100000000000000000"),
    "flat-indicator-at-minus-1e17": _indicator_at("-99999999999999999"),
    "indicator-below-the-smallest-float": _indicator_at("5.0e-324"),
    "every-amount-zero": _all_amounts("0"),
    "every-amount-eighteen-digits": _all_amounts("999999999999999999"),
}


@pytest.mark.parametrize("case", sorted(EXTREMES))
def test_figures_at_the_edges_build(plan: Path, case: str) -> None:
    EXTREMES[case](plan)
    code, out, err = smartplan("build", "plan", "--out", "docs")
    assert (code, err) == (0, ""), err
    # zero amounts are warned about, and still build
    assert re.search(r"^memeriksa 25 berkas: (tidak ada masalah|0 kesalahan, \d+ peringatan)$", out, re.MULTILINE)
    assert len(list((plan.parent / "docs").iterdir())) == 11


def test_a_template_that_loops_for_hours_is_stopped(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("smartplan.render.MAX_RENDER_SECONDS", 1.0)  # 120 s in real runs
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    _template(f"{loops}\n")(plan)
    code, out, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert (code, out) == (1, "")
    assert err == f"{ERROR}plan/templates/md/roadmap.md:1: template error: rendering took longer than 1 seconds\n"
    assert not (plan.parent / "docs").exists()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ t.no_such_label }}", "no label 'no_such_label' in messages/id.yaml"),
        ('{{ t("no_such_label") }}', "no label 'no_such_label' in messages/id.yaml"),
        ("{{ t._lang }}", "access to attribute '_lang' of 'Labels' object is unsafe."),
        ("{{ t.__dict__ }}", "access to attribute '__dict__' of 'Labels' object is unsafe."),
    ],
    ids=["unknown-label", "unknown-label-called", "internals", "dict"],
)
def test_labels_in_a_plan_s_template_give_labels_and_nothing_else(plan: Path, template: str, message: str) -> None:
    _template(f"{template}\n")(plan)
    code, out, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert (code, out) == (1, "")
    assert err == f"{ERROR}plan/templates/md/roadmap.md:1: template error: {message}\n"


def test_a_plan_s_own_label_reads_as_an_attribute_and_with_fields(plan: Path) -> None:
    (plan / "templates" / "messages").mkdir(parents=True)
    (plan / "templates" / "messages" / "id.yaml").write_text('mine: "Milik {city}"\n_hidden: "no"\n')
    _template('{{ t.mine }} / {{ t("mine", city="Banjar") }} / {{ t.outputs }}\n')(plan)
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    assert (plan.parent / "docs" / "roadmap.md").read_text() == "Milik {city} / Milik Banjar / Keluaran (output)\n"
