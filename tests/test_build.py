"""`smartplan build`: validates first, writes atomically, refuses dangerous targets, keeps YAML text literal."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from smartplan import books, render
from smartplan.books import BOOKS
from tests.helpers import DOCUMENT_FILES, EXAMPLES, MINIMAL, REPO, lay_out, smartplan


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    """A copy of the minimal plan in a scratch folder, which is also the working directory."""
    return Path(shutil.copytree(MINIMAL, in_tmp / "plan"))


def test_default_output_folder_is_build_slash_plan_name(plan: Path) -> None:
    code, out, err = smartplan("build", "plan")
    assert (code, err) == (0, "")
    assert out.endswith("menulis 10 dokumen ke build/plan\n")
    assert (plan.parent / "build" / "plan" / "masterplan.html").is_file()
    assert (plan.parent / "build" / "plan" / "masterplan.md").is_file()


def test_invalid_plan_reports_like_validate_and_writes_nothing(in_tmp: Path) -> None:
    lay_out(EXAMPLES / "invalid" / "dangling-lead-agency", in_tmp)
    expected = smartplan("validate", "plan")
    code, out, err = smartplan("build", "plan", "--out", "docs")
    assert (code, out, err) == expected
    assert code == 1
    assert not (in_tmp / "docs").exists()


def test_warnings_with_strict_write_nothing(in_tmp: Path) -> None:
    lay_out(EXAMPLES / "invalid" / "warning-no-baseline", in_tmp)
    code, out, _ = smartplan("build", "--strict", "plan", "--out", "docs")
    assert code == 1
    assert "peringatan[" in out
    assert not (in_tmp / "docs").exists()
    code, out, _ = smartplan("build", "plan", "--out", "docs")
    assert code == 0
    assert (in_tmp / "docs" / "masterplan.md").is_file()


def test_json_report_stays_parseable(plan: Path) -> None:
    code, out, err = smartplan("build", "plan", "--report", "json", "--format", "md")
    assert code == 0
    assert out.startswith("{") and out.rstrip().endswith("}")
    assert err == "menulis 5 dokumen ke build/plan\n"


def test_rebuild_replaces_the_whole_folder(plan: Path) -> None:
    assert smartplan("build", "plan", "--out", "docs")[0] == 0
    stale = plan.parent / "docs" / "old-document.html"
    stale.write_text("from an earlier build")
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    names = sorted(p.name for p in (plan.parent / "docs").iterdir())
    assert "old-document.html" not in names
    assert "masterplan.md" in names and "masterplan.html" not in names
    leftovers = [p.name for p in plan.parent.iterdir() if p.name.startswith(".docs")]
    assert leftovers == []


def test_template_error_leaves_previous_output_untouched(plan: Path) -> None:
    assert smartplan("build", "plan", "--out", "docs")[0] == 0
    before = {p.name: p.read_bytes() for p in (plan.parent / "docs").iterdir()}
    override = plan / "templates" / "html" / "roadmap.html"
    override.parent.mkdir(parents=True)
    override.write_text("<h1>Road map</h1>\n<p>{{ plan.city.name }}</p>\n<p>{{ no_such_thing }}</p>\n")
    code, out, err = smartplan("build", "plan", "--out", "docs")
    assert code == 1
    assert err == "smartplan: error: plan/templates/html/roadmap.html:3: template error: 'no_such_thing' is undefined\n"
    assert {p.name: p.read_bytes() for p in (plan.parent / "docs").iterdir()} == before
    assert [p.name for p in plan.parent.iterdir() if p.name.startswith(".docs")] == []


def test_template_syntax_error_names_file_and_line(plan: Path) -> None:
    override = plan / "templates" / "md" / "roadmap.md"
    override.parent.mkdir(parents=True)
    override.write_text("# Road map\n\n{% if %}\n")
    code, _, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert code == 1
    assert err.startswith("smartplan: error: plan/templates/md/roadmap.md:3: template error: ")
    assert not (plan.parent / "docs").exists()


def test_a_template_error_is_framed_in_the_users_language(plan: Path) -> None:
    """The path is the plan's own file, to open; Jinja's reason is passed through as it words it."""
    override = plan / "templates" / "md" / "roadmap.md"
    override.parent.mkdir(parents=True)
    override.write_text("# Peta Jalan\n\n{{ tidak_ada }}\n")
    code, _, err = smartplan("build", "plan", "--out", "docs", "--format", "md", "--lang", "id")
    assert (code, err) == (
        1,
        "smartplan: kesalahan: plan/templates/md/roadmap.md:3: kesalahan templat: 'tidak_ada' is undefined\n",
    )


def test_plan_template_overrides_the_builtin_one(plan: Path) -> None:
    override = plan / "templates" / "md" / "roadmap.md"
    override.parent.mkdir(parents=True)
    override.write_text("# Peta jalan {{ plan.city.name }}\n")
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    assert (plan.parent / "docs" / "roadmap.md").read_text() == "# Peta jalan Kota Banjar\n"
    assert (plan.parent / "docs" / "masterplan.md").read_text().startswith("# Masterplan Smart City Kota Banjar")


def test_a_block_in_once_is_rendered_the_first_time_its_key_is_seen(plan: Path) -> None:
    override = plan / "templates" / "md" / "roadmap.md"
    override.parent.mkdir(parents=True)
    body = '{% call once("x", 1) %}[{{ outline.section() }}]{% endcall %}'
    override.write_text("{% for i in range(3) %}" + body + "{% endfor %}" + body.replace('"x"', '"y"') + "\n")
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    assert (plan.parent / "docs" / "roadmap.md").read_text() == "[0.1][0.1][0.1][0.2]\n"


def test_plan_can_reword_a_label(plan: Path) -> None:
    messages = plan / "templates" / "messages" / "id.yaml"
    messages.parent.mkdir(parents=True)
    messages.write_text("ch_closing: Kata Penutup\n")
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    text = (plan.parent / "docs" / "masterplan.md").read_text()
    assert "## BAB VIII Kata Penutup\n" in text
    assert "## BAB I Pendahuluan\n" in text


def test_templates_cannot_reach_python_internals(plan: Path) -> None:
    override = plan / "templates" / "md" / "roadmap.md"
    override.parent.mkdir(parents=True)
    override.write_text("{{ plan.__class__.__mro__ }}\n")
    code, _, err = smartplan("build", "plan", "--out", "docs", "--format", "md")
    assert code == 1
    assert err.startswith("smartplan: error: plan/templates/md/roadmap.md:1: template error: ")
    assert "unsafe" in err


def test_yaml_text_stays_literal_in_both_formats(plan: Path) -> None:
    qw = plan / "quickwins" / "qw-2025-governance.yaml"
    text = qw.read_text()
    text = text.replace("name: Portal Layanan Publik Terpadu", 'name: "Portal {{ 7*7 }} <script>alert(1)</script>"')
    text = text.replace(
        "  Satu portal untuk seluruh layanan publik daring Kota Banjar.",
        "  Satu portal {% raw %} <img src=x onerror=alert(1)> [klik](javascript:alert(1)) [baik](https://banjarkota.go.id)",
    )
    qw.write_text(text)
    assert smartplan("build", "plan", "--out", "docs")[0] == 0
    html = (plan.parent / "docs" / "profil-quick-win-2025.html").read_text()
    assert "Portal {{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "49" not in html
    assert "<script" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://banjarkota.go.id">baik</a>' in html
    md = (plan.parent / "docs" / "profil-quick-win-2025.md").read_text()
    assert "Portal {{ 7\\*7 }} \\<script\\>alert(1)\\</script\\>" in md
    assert "{% raw %} &lt;img src=x onerror=alert(1)> [klik]\\(javascript:alert(1))" in md
    assert re.search(r"(?<!\\)<(script|img)", md) is None


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("plan", "it is or contains the plan folder"),
        (".", "it is or contains the plan folder"),
        ("/", "it is the root of the file system"),
        ("~", "it is or contains your home folder"),
        ("repo", "it holds a .git folder"),
        ("notes", "it is not empty and was not created by smartplan (no .smartplan-build file)"),
        ("file.txt", "it is not a folder"),
    ],
)
def test_refuses_dangerous_output_folders(plan: Path, target: str, reason: str) -> None:
    (plan.parent / "repo" / ".git").mkdir(parents=True)
    (plan.parent / "notes").mkdir()
    (plan.parent / "notes" / "keep.txt").write_text("mine")
    (plan.parent / "file.txt").write_text("mine")
    out = str(Path(target).expanduser())
    code, stdout, err = smartplan("build", "plan", "--out", out)
    assert code == 2
    hint = "hint: choose an empty folder with --out\n"
    assert err == f"smartplan: error: refusing to write output to {out}: {reason}\n{hint}"
    assert (plan.parent / "notes" / "keep.txt").read_text() == "mine"
    assert (plan / "plan.yaml").is_file()


def test_refuses_the_root_of_the_repository_one_works_in(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = plan.parent / "work"
    (work / ".git").mkdir(parents=True)
    (work / "src").mkdir()
    monkeypatch.chdir(work / "src")
    code, _, err = smartplan("build", str(plan), "--out", str(work))
    assert code == 2
    assert err.startswith(f"smartplan: error: refusing to write output to {work}: it is or contains the root of a git")


def test_existing_empty_folder_is_used(plan: Path) -> None:
    (plan.parent / "docs").mkdir()
    assert smartplan("build", "plan", "--out", "docs", "--format", "md")[0] == 0
    assert (plan.parent / "docs" / ".smartplan-build").is_file()


def test_bad_options_are_usage_errors(plan: Path) -> None:
    assert smartplan("build", "plan", "--format", "odt")[0] == 2
    code, _, err = smartplan("build", "plan", "--format", "html,odt")
    assert code == 2
    assert "Invalid value for --format: 'odt': choose md, html, pdf, docx, both or all" in err  # which one
    assert smartplan("build", "plan", "--lang", "fr")[0] == 2
    assert smartplan("build", "plan", "--report", "xml")[0] == 2
    assert smartplan("build", "missing")[0] == 2


def test_title_in_the_print_header_cannot_break_out_of_the_style_sheet(plan: Path) -> None:
    text = (plan / "plan.yaml").read_text()
    title = "Masterplan Smart City Kota Banjar 2025-2034"
    (plan / "plan.yaml").write_text(text.replace(f"title: {title}", "title: 'Masterplan \"A\" & </style><script>x()'"))
    assert smartplan("build", "plan", "--out", "docs", "--format", "html")[0] == 0
    html = (plan.parent / "docs" / "masterplan.html").read_text()
    assert '@top-right { content: "Masterplan \\22 A\\22  \\26  \\3c /style\\3e \\3c script\\3e x()";' in html
    assert html.count("</style>") == 1 and "<script" not in html
    assert "<h1>Masterplan &#34;A&#34; &amp; &lt;/style&gt;&lt;script&gt;x()</h1>" in html


def test_a_label_used_by_a_chart_cannot_reach_into_python(plan: Path) -> None:
    messages = plan / "templates" / "messages" / "id.yaml"
    messages.parent.mkdir(parents=True)
    messages.write_text("chart_budget_desc: '{total.__class__.__mro__}'\n")
    code, _, err = smartplan("build", "plan", "--out", "docs")
    assert code == 1
    assert err == (
        "smartplan: error: plan/templates/messages/id.yaml: template error: "
        "label field '{total.__class__.__mro__}' is not allowed; write {name} only\n"
    )
    assert not (plan.parent / "docs").exists()


def test_the_plan_language_is_the_default_and_lang_overrides_it(plan: Path) -> None:
    text = (plan / "plan.yaml").read_text()
    (plan / "plan.yaml").write_text(text.replace("language: id", "language: en"))
    assert smartplan("build", "plan", "--out", "en", "--format", "md")[0] == 0
    assert "## Chapter 1 Introduction\n" in (plan.parent / "en" / "masterplan.md").read_text()
    assert smartplan("build", "plan", "--out", "id", "--format", "md", "--lang", "id")[0] == 0
    assert "## BAB I Pendahuluan\n" in (plan.parent / "id" / "masterplan.md").read_text()


def test_a_plan_without_quick_wins_or_programs_still_builds(plan: Path) -> None:
    for action in [*(plan / "quickwins").iterdir(), *(plan / "programs").iterdir()]:
        action.unlink()
    code, out, _ = smartplan("build", "plan", "--out", "docs")
    assert code == 0
    # 6 dimensions without a quick win, 18 elements without work, 6 indicators rising unfunded
    assert out.endswith("memeriksa 7 berkas: 0 kesalahan, 30 peringatan\nmenulis 8 dokumen ke docs\n")
    assert not list((plan.parent / "docs").glob("profil-quick-win-*"))
    text = (plan.parent / "docs" / "masterplan.md").read_text()
    assert "Belum ada quick win." in text and "Belum ada program jangka panjang." in text
    assert "| **Jumlah** | **0** | **0** | **6** |" in text  # coverage: no quick win, no program, six indicators
    assert "| **Jumlah** | **0** | **0** |" in text  # budget by dimension and funding source
    assert "****" not in text  # an empty total cell is left empty, not bold nothing


def test_the_readme_lists_every_book_of_the_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [f"| `{book.name}{'-<year>' if book.yearly else ''}` | {book.about} |" for book in BOOKS]
    assert "| file | book |\n|---|---|\n" + "\n".join(rows) + "\n\n" in readme


def test_a_book_is_one_entry_in_the_registry_and_its_templates(
    plan: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (plan / "templates" / "md").mkdir(parents=True)
    (plan / "templates" / "html").mkdir(parents=True)
    (plan / "templates" / "md" / "brosur.md").write_text("# {{ plan.city.name }}\n")
    (plan / "templates" / "html" / "brosur.html").write_text("<h1>{{ plan.city.name }}</h1>\n")
    monkeypatch.setattr(books, "BOOKS", (*books.BOOKS, books.Book("brosur", "a leaflet", yearly=True)))
    monkeypatch.setattr(render, "BOOKS", books.BOOKS)
    code, out, err = smartplan("build", "plan", "--out", "docs")
    assert (code, err) == (0, "")
    assert (in_tmp / "docs" / "brosur-2025.md").read_text() == "# Kota Banjar\n"
    assert (in_tmp / "docs" / "brosur-2025.html").read_text().startswith("<h1>Kota Banjar</h1>")
    assert out.endswith(f"menulis {len(DOCUMENT_FILES) + 2} dokumen ke docs\n")
