"""What is well-formed in a file with errors is still checked against the rest of the plan (salvage.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from smartplan.models import PlanFile, QuickWinFile
from smartplan.salvage import salvage
from smartplan.source import parse
from tests.helpers import MINIMAL


def _salvaged(text: str, model: Any) -> Any:
    data = parse(text, "f.yaml").data
    assert data is not None
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return salvage(data, model, exc.value.errors(include_url=False))


BAPPEDA = "name: Badan Perencanaan Pembangunan Daerah"
QUICKWIN = (MINIMAL / "quickwins" / "qw-2025-governance.yaml").read_text()


def test_an_invalid_list_item_is_left_out_and_the_rest_kept() -> None:
    kept = _salvaged(QUICKWIN.replace("[bappeda]", "[bappeda, dinkes, Dinas Kesehatan]"), QuickWinFile)
    assert kept.model.supporting_agencies == ["bappeda", "dinkes"]
    assert kept.dropped_ids == frozenset()


def test_a_required_field_that_is_wrong_takes_its_list_item_with_it() -> None:
    kept = _salvaged(QUICKWIN.replace("amount: 350000000", "amount: 350.000.000"), QuickWinFile)
    assert kept.model.budget == []
    assert kept.model.lead_agency == "diskominfo"


def test_a_wrong_required_field_of_the_file_itself_leaves_nothing() -> None:
    assert _salvaged(QUICKWIN.replace("dimension: governance", "dimension: politics"), QuickWinFile) is None
    assert _salvaged(QUICKWIN.replace("year: 2025", "year: '2025'"), QuickWinFile) is None


def test_an_unknown_field_is_left_out() -> None:
    kept = _salvaged(QUICKWIN + "colour: blue\n", QuickWinFile)
    assert kept.model.name == "Portal Layanan Publik Terpadu"


def test_the_ids_of_items_left_out_are_kept() -> None:
    text = (MINIMAL / "plan.yaml").read_text().replace(BAPPEDA, "name: 5", 1)
    kept = _salvaged(text, PlanFile)
    assert "bappeda" not in {a.id for a in kept.model.agencies}
    assert kept.dropped_ids == frozenset({"bappeda"})


def test_a_reference_to_an_item_left_out_is_not_called_unknown(in_tmp: Any) -> None:
    from tests.helpers import lay_out, smartplan

    plan = lay_out(MINIMAL, in_tmp)
    text = (plan / "plan.yaml").read_text()
    (plan / "plan.yaml").write_text(text.replace(BAPPEDA, "name: 5", 1))
    code, out, _ = smartplan("validate", "--lang", "en", "plan")
    # The quick win's supporting agency 'bappeda' stands in plan.yaml, with an error there: not unknown.
    assert (code, out) == (
        1,
        "plan/plan.yaml:82:11: error[wrong-type]: agencies[1].name: expected text, got the number 5 (put it in "
        'quotes: "5")\n'
        "checked 25 files: 1 error, 0 warnings\n"
        "some checks between files could not run on 1 file with errors: fix them and validate again\n",
    )
