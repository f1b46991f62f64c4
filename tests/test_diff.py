"""`smartplan diff`: a git repository made here with several commits, compared through the command line."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from smartplan import api, tables
from smartplan.diff.changes import Diff, ItemChange
from smartplan.diff.comparing import Comparison
from smartplan.diff.report import report_markdown
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import DIFF_PLAN as PLAN
from tests.helpers import EXAMPLES, REGENERATE, REPO, TESTS, commit, edit, git, smartplan

GOLDEN = TESTS / "golden" / "diff"


@pytest.mark.parametrize("format", ["text", "markdown", "json"])
def test_the_changes_between_two_revisions_match_the_golden_output(repo: Path, format: str) -> None:
    code, out, err = smartplan("diff", "--lang", "en", "v1", "v2", PLAN, "--format", format)
    assert (code, err) == (0, "")
    golden = GOLDEN / f"changes.{ {'text': 'txt', 'markdown': 'md', 'json': 'json'}[format] }"
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_holds_the_rename_the_budget_before_and_after_and_the_target(repo: Path) -> None:
    code, out, _ = smartplan("diff", "--lang", "en", "v1", "v2", PLAN, "--format", "json")
    document = json.loads(out)
    renamed = [i for i in document["items"] if i["status"] == "renamed"]
    assert renamed == [
        {
            "kind": "program",
            "id": "dasbor-pimpinan",
            "name": "Dasbor Kota Cerdas",
            "status": "renamed",
            "fields": [],
            "old_id": "dasbor-kota",
        }
    ]
    years = {row["key"]: (row["before"], row["after"], row["difference"]) for row in document["budget"]["year"]}
    assert (years["2026"][2], years["2027"][2]) == (-300_000_000, 300_000_000)  # the program's budget line moved
    assert all(before + difference == after for before, after, difference in years.values())
    funding = {row["key"]: row["difference"] for row in document["budget"]["funding"]}
    assert funding == {"apbd-kota": -100_000_000, "apbd-provinsi": 100_000_000}
    assert document["indicators"] == [
        {
            "id": "governance-1",
            "name": "Indikator utama Smart Governance",
            "baseline_before": [2023, 50.0],
            "baseline_after": [2023, 50.0],
            "targets": [[2026, 60.0, 65.0]],
        }
    ]
    assert document["monitoring"] == []


def test_exit_code_is_0_with_differences_and_1_with_exit_code(repo: Path) -> None:
    assert smartplan("diff", "--lang", "en", "v1", "v2", PLAN)[0] == 0
    assert smartplan("diff", "--lang", "en", "v1", "v2", PLAN, "--exit-code")[0] == 1
    code, out, _ = smartplan("diff", "--lang", "en", "v2", "v2", PLAN, "--exit-code")
    assert code == 0
    assert out.splitlines()[-1] == "no differences"


def test_default_is_head_against_the_working_tree_which_is_left_untouched(repo: Path) -> None:
    edit(repo / PLAN / "dimensions" / "governance.yaml", "      2025: 55", "      2025: 57")
    git(repo, "add", f"{PLAN}/dimensions/governance.yaml")
    edit(repo / PLAN / "programs" / "satu-data.yaml", "target: 60", "target: 61")
    status = git(repo, "status", "--porcelain")
    index = (repo / ".git" / "index").read_bytes()
    code, out, err = smartplan("diff", "--lang", "en", PLAN)
    assert (code, err) == (0, "")
    assert out == (
        "comparing HEAD:plans/kota with plans/kota (working tree)\n"
        "budget total (Rp): 4,400,000,000 → 4,400,000,000 (+0)\n"
        "changed program satu-data: Satu Data <b>@warga</b> | *x*\n"
        "  indicators[0].target: 60 → 61\n"
        "indicator governance-1: Indikator utama Smart Governance\n"
        "  target 2025: 55 → 57\n"
        "1 item differs: 1 changed, 1 indicator with new baselines or targets\n"
    )
    assert git(repo, "status", "--porcelain") == status
    assert (repo / ".git" / "index").read_bytes() == index


def test_a_broken_revision_gives_its_diagnostics_named_by_revision(repo: Path) -> None:
    code, out, err = smartplan("diff", "--lang", "en", "v2", "v3", PLAN)
    assert (code, err) == (1, "")
    assert out == (
        "v3:plans/kota/quickwins/qw-2025-living.yaml:2:7: error[syntax]: YAML syntax error: a list in '[ ]' "
        "is not closed (add the closing ']' and commas between items)\n"
        "checked 50 files: 1 error, 0 warnings\n"  # both revisions' files
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["v1", "v4", PLAN], "smartplan: error: v4:plans/kota: no plan folder in this revision (no plan.yaml)"),
        (["no-such-tag", "v2", PLAN], "smartplan: error: unknown revision 'no-such-tag'"),
        (
            ["--", "--output=/tmp/smartplan-x", "v2", PLAN],
            "smartplan: error: unknown revision '--output=/tmp/smartplan-x'",
        ),
        (["v1", "v2", "v3", PLAN], "smartplan: error: too many arguments: expected [REV1 [REV2]] [PLAN_DIR]"),
    ],
)
def test_one_line_errors_with_exit_code_2(repo: Path, arguments: list[str], message: str) -> None:
    code, out, err = smartplan("diff", "--lang", "en", *arguments)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == message
    assert not Path("/tmp/smartplan-x").exists()


def test_outside_a_repository(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", tmp_path / "plan")
    code, out, err = smartplan("diff", "--lang", "en", str(tmp_path / "plan"))
    assert (code, out) == (2, "")
    assert err == f"smartplan: error: {tmp_path.as_posix()}/plan: not in a git repository\n"


def test_a_shallow_clone_missing_a_revision_says_so(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "v2", repo.as_uri(), str(shallow)], check=True)
    code, _, err = smartplan("diff", "--lang", "en", "HEAD~1", "HEAD", str(shallow / PLAN))
    assert code == 2
    assert err == (
        "smartplan: error: unknown revision 'HEAD~1'\n"
        "hint: this is a shallow clone: fetch more history (git fetch --unshallow)\n"
    )


def test_a_revision_over_a_limit_or_with_a_link_is_refused_as_validate_refuses_it(repo: Path) -> None:
    quickwins = repo / PLAN / "quickwins"
    (quickwins / "qw-big.yaml").write_bytes(b"#" * (1024 * 1024 + 10))
    (quickwins / "qw-link.yaml").symlink_to("/etc/passwd")
    commit(repo, "odd")
    code, out, err = smartplan("diff", "--lang", "en", "v2", "odd", PLAN)
    assert (code, err) == (3, "")
    assert out.splitlines() == [
        "odd:plans/kota/quickwins/qw-big.yaml:1:1: error[file-too-large]: file larger than 1,024 KiB "
        "(split the content over several files)",
        "odd:plans/kota/quickwins/qw-link.yaml:1:1: error[symlink]: symbolic links are not allowed in a plan "
        "(replace it with an ordinary YAML file inside the plan folder)",
        "checked 52 files: 2 errors, 0 warnings",
    ]


def test_a_broken_revision_in_markdown_and_json(repo: Path) -> None:
    code, out, _ = smartplan("diff", "--lang", "en", "v2", "v3", PLAN, "--format", "markdown")
    assert code == 1
    assert out.splitlines()[:3] == [
        "### The plan has errors: nothing compared",
        "",
        "    v3:plans/kota/quickwins/qw-2025-living.yaml:2:7: error[syntax]: YAML syntax error: a list in '[ ]' "
        "is not closed (add the closing ']' and commas between items)",
    ]
    code, out, _ = smartplan("diff", "--lang", "en", "v2", "v3", PLAN, "--format", "json")
    document = json.loads(out)
    assert (code, document["errors"], document["diagnostics"][0]["file"]) == (
        1,
        1,
        "v3:plans/kota/quickwins/qw-2025-living.yaml",
    )


def test_budget_after_a_change_is_the_books_budget_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Banjar with one program's budget moved a year: the totals by year are those of the new plan's book."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "plans" / "banjar", repo / "banjar")
    git(repo, "init", "-q")
    commit(repo, "before")
    program = repo / "banjar" / "programs" / "prg-gov-pusat-data.yaml"
    edit(program, "{year: 2026, amount: 1500000000", "{year: 2029, amount: 1500000000")
    monkeypatch.chdir(repo)
    code, out, _ = smartplan("diff", "--lang", "en", "banjar", "--format", "json")
    assert code == 0
    rows = json.loads(out)["budget"]["year"]
    assert {r["key"]: r["difference"] for r in rows if r["difference"]} == {
        "2026": -1_500_000_000,
        "2029": 1_500_000_000,
    }
    years = {row["key"]: row["after"] for row in rows if row["after"]}
    plan, _, _ = api.check(Path("banjar"))
    view = view_of(plan, TemplateSet.of(Path("banjar")))
    table = next(t for t in tables.budget_tables(view) if t.key == "budget-dimension-year")
    assert [view.lang.millions(years[year]) for year in table.header[1:-1]] == table.total[1:-1]
    assert sorted(years) == table.header[1:-1]


def test_a_long_markdown_report_fits_in_a_comment() -> None:
    many = tuple(ItemChange("program", f"p-{n}", "x" * 200, "added") for n in range(1000))
    budget = {axis: () for axis in ("dimension", "year", "funding", "agency")}
    stream = io.StringIO()
    report_markdown(Comparison("a", "b", Diff(many, budget, (), ())), stream)
    text = stream.getvalue()
    assert len(text) < 65_536
    assert "- … 733 more: see `smartplan diff --format text`" in text.splitlines()


def test_monitoring_data_changed_between_revisions_is_listed_by_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    plan = repo / PLAN
    shutil.copytree(EXAMPLES / "valid" / "with-monitoring", plan)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "m1")
    report = plan / "monitoring" / "2025.yaml"
    edit(report, "  - indicator: governance-1\n    value: 56\n", "  - indicator: governance-1\n    value: 57\n")
    edit(
        report,
        "  - indicator: society-1\n    note: Belum",
        "  - indicator: society-1\n    value: 51\n    source: estimasi-opd\n    note: Belum",
    )
    commit(repo, "m2")
    monkeypatch.chdir(repo)
    code, out, err = smartplan("diff", "--lang", "en", "m1", "m2", PLAN, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["monitoring"] == [
        {"path": "2025.governance-1.value", "before": 56, "after": 57},
        {"path": "2025.society-1.source", "before": None, "after": "estimasi-opd"},
        {"path": "2025.society-1.value", "before": None, "after": 51},
    ]
    code, out, _ = smartplan("diff", "--lang", "en", "m1", "m2", PLAN)
    assert "monitoring 2025.governance-1.value: 56 → 57" in out
