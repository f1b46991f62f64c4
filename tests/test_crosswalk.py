"""The masterplan's crosswalk from planning documents to mission, dimension with its goal, and indicator."""

from __future__ import annotations

import shutil
from pathlib import Path

from smartplan import api, crosswalk
from smartplan.render import view_of
from smartplan.templating import TemplateSet
from tests.helpers import EXAMPLES, smartplan

LINES = """\
crosswalk:
  - document: RPJMD Kota Banjar 2025-2029
    level: rpjmd
    reference: Layanan publik daring
    mission: m1
    indicator: governance-1
  - document: RPJMD Provinsi Jawa Barat
    level: province
    reference: Pariwisata berdaya saing
    dimension: branding
"""


def test_each_line_leads_to_mission_goal_and_indicator(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "valid" / "minimal", plan)
    (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text() + LINES)
    checked, problems, _ = api.check(plan)
    assert problems == []
    view = view_of(checked, TemplateSet.of(plan))
    table = crosswalk.crosswalk(view)
    assert table is not None
    assert table.rows == [
        [
            "RPJMD Kota Banjar 2025-2029",
            "Layanan publik daring",
            "Misi 1",
            "Smart Governance: Tata kelola pemerintahan yang efektif dan efisien.",
            "Indikator utama Smart Governance",
        ],
        [
            "RPJMD Provinsi Jawa Barat",
            "Pariwisata berdaya saing",
            "–",
            f"Smart Branding: {view.dimension['branding'].goal}",
            "–",
        ],
    ]
    unlinked = crosswalk.unlinked_indicators(view)
    assert "Indikator utama Smart Governance" not in unlinked and "Indikator utama Smart Branding" in unlinked
    out = tmp_path / "out"
    assert smartplan("build", str(plan), "--format", "md", "--out", str(out))[0] == 0
    text = (out / "masterplan.md").read_text()
    assert "Keterkaitan dengan Sasaran Dokumen Perencanaan" in text
    assert "Indikator yang belum ditelusuri ke dokumen perencanaan: Indikator utama Smart Branding;" in text


def test_a_plan_without_a_crosswalk_has_no_such_section() -> None:
    checked, _, _ = api.check(EXAMPLES / "valid" / "minimal")
    assert crosswalk.crosswalk(view_of(checked, TemplateSet.of(EXAMPLES / "valid" / "minimal"))) is None
