"""The masterplan's plan-level risk management, change management and ICT staff development sections."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import EXAMPLES, smartplan

SECTIONS = """\
risk_management:
  - risk: Serangan siber
    likelihood: medium
    impact: high
    mitigation: Tim tanggap insiden
    owner: diskominfo
change_management: |
  Pimpinan memberi **teladan**.
staff_development:
  - step: Sertifikasi keamanan informasi
    agency: diskominfo
    year: 2026
"""


def test_sections_appear_with_the_plan_data_and_only_then(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text() + SECTIONS)
    assert smartplan("build", str(plan), "--format", "md", "--out", str(tmp_path / "out"))[0] == 0
    text = (tmp_path / "out" / "masterplan.md").read_text()
    assert "| Serangan siber | sedang | tinggi | Tim tanggap insiden | Diskominfo |" in text
    assert "Manajemen Perubahan\n\nPimpinan memberi **teladan**." in text
    assert "| Sertifikasi keamanan informasi | Diskominfo | 2026 |" in text
    assert (
        smartplan("build", str(EXAMPLES / "valid" / "minimal"), "--format", "md", "--out", str(tmp_path / "o2"))[0] == 0
    )
    plain = (tmp_path / "o2" / "masterplan.md").read_text()
    assert "Manajemen Risiko" not in plain and "Pengembangan SDM TIK" not in plain
