"""The three reporters: exact text lines and summary, exact JSON, GitHub annotations that cannot be hijacked."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from smartplan.errors import Diagnostic, Text
from smartplan.report import REPORTERS, report_github, report_json, report_text
from tests.helpers import EXAMPLES, smartplan

ERROR = Diagnostic(
    "plan/quickwins/qw.yaml",
    6,
    14,
    "dangling-ref",
    Text.of("dangling-ref", what=Text.of("thing.agency"), id="diskominf"),
    field="lead_agency",
    hint=Text.of("did-you-mean", name="diskominfo"),
)
WARNING = Diagnostic("plan/dimensions/living.yaml", 1, 5, "no-quickwin", Text.of("no-quickwin", id="living"), "warning")
# Words passed through as they are: pydantic's own message for an error it alone knows.
AS_WRITTEN = "invalid-value"


def written(reporter: str, diagnostics: list[Diagnostic], files: int, in_part: int = 0, lang: str = "en") -> str:
    stream = io.StringIO()
    REPORTERS[reporter](diagnostics, files, stream, in_part, lang)
    return stream.getvalue()


def test_every_reporter_speaks_indonesian() -> None:
    assert written("text", [ERROR, WARNING], 13, in_part=2, lang="id") == (
        "plan/quickwins/qw.yaml:6:14: kesalahan[dangling-ref]: lead_agency: perangkat daerah 'diskominf' tidak"
        " dikenal (maksud Anda 'diskominfo'?)\n"
        "plan/dimensions/living.yaml:1:5: peringatan[no-quickwin]: dimensi 'living' tidak punya quick win\n"
        "memeriksa 13 berkas: 1 kesalahan, 1 peringatan\n"
        "sebagian pemeriksaan antarberkas tidak dapat dijalankan pada 2 berkas yang berisi kesalahan: perbaiki lalu"
        " validasi lagi\n"
    )
    assert written("github", [WARNING], 1, lang="id") == (
        "::warning file=plan/dimensions/living.yaml,line=1,col=5,title=no-quickwin::peringatan[no-quickwin]:"
        " dimensi 'living' tidak punya quick win\n"
        "memeriksa 1 berkas: 0 kesalahan, 1 peringatan\n"
    )
    (diagnostic,) = json.loads(written("json", [ERROR], 1, lang="id"))["diagnostics"]
    assert (diagnostic["severity"], diagnostic["message"], diagnostic["hint"]) == (
        "error",
        "perangkat daerah 'diskominf' tidak dikenal",
        "maksud Anda 'diskominfo'?",
    )


def test_reporters_are_chosen_by_name() -> None:
    assert sorted(REPORTERS) == ["github", "json", "text"]
    assert (REPORTERS["text"], REPORTERS["json"], REPORTERS["github"]) == (report_text, report_json, report_github)


def test_text_line_has_place_severity_code_field_message_and_hint() -> None:
    assert written("text", [ERROR, WARNING], 13) == (
        "plan/quickwins/qw.yaml:6:14: error[dangling-ref]: lead_agency: unknown agency 'diskominf'"
        " (did you mean 'diskominfo'?)\n"
        "plan/dimensions/living.yaml:1:5: warning[no-quickwin]: dimension 'living' has no quick win\n"
        "checked 13 files: 1 error, 1 warning\n"
    )


def test_files_with_errors_are_named_in_the_summary() -> None:
    for fmt in ("text", "github"):
        assert written(fmt, [ERROR], 13, in_part=2).splitlines()[-2:] == [
            "checked 13 files: 1 error, 0 warnings",
            "some checks between files could not run on 2 files with errors: fix them and validate again",
        ]
    assert json.loads(written("json", [ERROR], 13, in_part=2))["files_not_fully_checked"] == 2


@pytest.mark.parametrize(
    ("diagnostics", "files", "summary"),
    [
        ([], 13, "checked 13 files: no problems\n"),
        ([], 1, "checked 1 file: no problems\n"),
        ([ERROR], 13, "checked 13 files: 1 error, 0 warnings\n"),
        ([WARNING], 13, "checked 13 files: 0 errors, 1 warning\n"),
        ([ERROR, ERROR, WARNING, WARNING], 2, "checked 2 files: 2 errors, 2 warnings\n"),
    ],
)
def test_text_summary_line_counts_files_errors_and_warnings(
    diagnostics: list[Diagnostic], files: int, summary: str
) -> None:
    assert written("text", diagnostics, files).splitlines(keepends=True)[-1] == summary


def test_json_report_structure_is_exact() -> None:
    out = written("json", [ERROR, WARNING], 13)
    assert out.endswith("}\n")
    assert json.loads(out) == {
        "files": 13,
        "files_not_fully_checked": 0,
        "errors": 1,
        "warnings": 1,
        "diagnostics": [
            {
                "file": "plan/quickwins/qw.yaml",
                "line": 6,
                "column": 14,
                "severity": "error",
                "code": "dangling-ref",
                "field": "lead_agency",
                "message": "unknown agency 'diskominf'",
                "hint": "did you mean 'diskominfo'?",
            },
            {
                "file": "plan/dimensions/living.yaml",
                "line": 1,
                "column": 5,
                "severity": "warning",
                "code": "no-quickwin",
                "field": "",
                "message": "dimension 'living' has no quick win",
                "hint": "",
            },
        ],
    }


def test_json_report_keeps_indonesian_text_readable() -> None:
    got = Text.of("value.text", text="Luas wilayah km²")
    d = Diagnostic("plan/plan.yaml", 3, 1, "wrong-type", Text.of("wrong-type", expected=Text.of("kind.text"), got=got))
    assert "km²" in written("json", [d], 1)


def test_json_without_problems() -> None:
    assert json.loads(written("json", [], 13)) == {
        "files": 13,
        "files_not_fully_checked": 0,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }


def test_github_annotation_format() -> None:
    assert written("github", [ERROR, WARNING], 13) == (
        "::error file=plan/quickwins/qw.yaml,line=6,col=14,title=dangling-ref::error[dangling-ref]: lead_agency:"
        " unknown agency 'diskominf' (did you mean 'diskominfo'?)\n"
        "::warning file=plan/dimensions/living.yaml,line=1,col=5,title=no-quickwin::warning[no-quickwin]:"
        " dimension 'living' has no quick win\n"
        "checked 13 files: 1 error, 1 warning\n"
    )


def test_github_escapes_every_value_so_none_can_start_a_command() -> None:
    hostile = "50%\r\n::error file=x.yaml,line=1::pwned, a:b"
    message, hint = Text.of(AS_WRITTEN, words=f"got '{hostile}'"), Text.of(AS_WRITTEN, words=hostile)
    d = Diagnostic(f"plan/{hostile}.yaml", 2, 7, "wrong-type", message, field=f"name{hostile}", hint=hint)
    out = written("github", [d], 1)
    escaped_data = "50%25%0D%0A::error file=x.yaml,line=1::pwned, a:b"
    escaped_property = "50%25%0D%0A%3A%3Aerror file=x.yaml%2Cline=1%3A%3Apwned%2C a%3Ab"
    assert out == (
        f"::error file=plan/{escaped_property}.yaml,line=2,col=7,title=wrong-type::"
        f"error[wrong-type]: name{escaped_data}: got '{escaped_data}' ({escaped_data})\n"
        "checked 1 file: 1 error, 0 warnings\n"
    )
    assert [line for line in out.splitlines() if line.startswith("::")] == [out.splitlines()[0]]


def test_github_annotation_from_a_hostile_yaml_value(in_tmp: Path) -> None:
    plan = in_tmp / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    quickwin = plan / "quickwins" / "qw-2025-governance.yaml"
    hostile = 'amount: "50%\\r\\n::error file=x.yaml,line=1::pwned, a:b"'
    quickwin.write_text(quickwin.read_text().replace("amount: 350000000", hostile))
    code, out, err = smartplan("validate", "--format", "github", "--lang", "en", "plan")
    assert (code, err) == (1, "")
    assert out == (
        "::error file=plan/quickwins/qw-2025-governance.yaml,line=17,col=13,title=wrong-type::"
        "error[wrong-type]: budget[0].amount: expected a whole number, got the text"
        " '50%25%0D%0A::error file=x.yaml,line=1::pwned, a:b'"
        " (write the number with digits only, without quotes or units)\n"
        "checked 25 files: 1 error, 0 warnings\n"
        "some checks between files could not run on 1 file with errors: fix them and validate again\n"
    )
