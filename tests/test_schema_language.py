"""The editor schemas in Indonesian and English: texts read back from the written files, and how the language is chosen.

Titles and descriptions live in templates/messages/schema.{id,en}.yaml; what an editor shows on hover is the
`title` and `description` of the node under the cursor, so these tests read exactly those.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartplan.schema import KINDS
from tests.helpers import EXAMPLES, REPO, smartplan

CATALOGUES = {lang: REPO / "templates" / "messages" / f"schema.{lang}.yaml" for lang in ("id", "en")}


WROTE = {"en": "wrote 5 schemas to {}\n", "id": "menulis 5 skema ke {}\n"}  # the line after, in the schemas' language


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The locale decides outside a plan: pin it, whatever the machine running the tests says."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both languages written by `smartplan schema --out DIR --lang LANG`."""
    folders = {}
    for lang in ("id", "en"):
        out = tmp_path_factory.mktemp(f"schemas-{lang}")
        assert smartplan("schema", "--out", str(out), "--lang", lang) == (0, WROTE[lang].format(out.as_posix()), "")
        folders[lang] = out
    return folders


def _read(folder: Path, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return schema


def _node(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The node at 'Model.field', 'Model' (a $defs entry), or '' (the schema itself)."""
    model, _, field = path.partition(".")
    node = schema if not model else schema["$defs"].get(model, schema)
    found: dict[str, Any] = node["properties"][field] if field else node
    return found


# (kind, node, language) -> (title, description), as the editor shows them. One field of every kind of file, the
# file itself, an object, a "Model.field" text and a bare field name's shared text.
SHOWN = {
    ("plan", "", "id"): (
        "smartplan plan.yaml",
        "Rencana secara keseluruhan: daerah, periode, pendahuluan, profil, kesiapan, visi dan misi, perangkat daerah "
        "(OPD), sumber pendanaan, dan sumber data yang dikutip. Satu berkas untuk setiap folder rencana.",
    ),
    ("plan", "", "en"): (
        "smartplan plan.yaml",
        "The plan as a whole: the city, the period, introduction, profile, readiness, vision and missions, agencies "
        "(OPD), funding sources and the sources cited. One per plan folder.",
    ),
    ("plan", ".funding_sources", "id"): (
        "Sumber pendanaan",
        "Sumber pendanaan yang disebut dalam anggaran; paling sedikit satu.",
    ),
    ("plan", ".funding_sources", "en"): ("Funding sources", "Funding sources named by budgets; at least one."),
    ("plan", "FundingSource", "id"): (
        "Sumber pendanaan",
        "Sumber pendanaan, misalnya APBD kota, APBN/DAK, CSR, KPBU, hibah.",
    ),
    ("plan", "FundingSource", "en"): (
        "Funding source",
        "A funding source, e.g. APBD kota, APBN/DAK, CSR, KPBU, hibah.",
    ),
    ("dimension", "Element.today", "id"): (
        "Kondisi saat ini",
        "Kondisi elemen saat ini, dalam satu kalimat (analisis kesenjangan).",
    ),
    ("dimension", "Element.today", "en"): ("Today", "The element's condition today, one sentence (gap analysis)."),
    ("dimension", "Indicator.direction", "id"): (
        "Arah",
        "'higher' (makin tinggi makin baik) atau 'lower' (makin rendah makin baik).",
    ),
    ("dimension", "Indicator.direction", "en"): ("Direction", "'higher' or 'lower': which way is better."),
    ("quickwin", ".lead_agency", "id"): ("OPD pelaksana", "Id perangkat daerah pelaksana (plan.yaml 'agencies')."),
    ("quickwin", ".lead_agency", "en"): ("Lead agency", "Id of the lead agency (plan.yaml 'agencies')."),
    ("quickwin", "BudgetLine.amount", "id"): (
        "Jumlah",
        "Jumlah dalam rupiah, bilangan bulat tanpa pemisah ribuan, misalnya 1250000000.",
    ),
    ("quickwin", "BudgetLine.amount", "en"): (
        "Amount",
        "Amount in Rupiah, a whole number without separators, e.g. 1250000000.",
    ),
    ("program", ".term", "id"): (
        "Jangka",
        "'medium' (jangka menengah, sekitar 5 tahun) atau 'long' (jangka panjang, sekitar 10 tahun).",
    ),
    ("program", ".term", "en"): (
        "Term",
        "'medium' (jangka menengah, about 5 years) or 'long' (jangka panjang, about 10 years).",
    ),
    ("program", ".status", "id"): (
        "Status",
        "'planned' (direncanakan), 'ongoing' (berjalan), 'done' (selesai), 'delayed' (tertunda), atau 'cancelled' "
        "(dibatalkan).",
    ),
    ("program", ".status", "en"): ("Status", "'planned', 'ongoing', 'done', 'delayed' or 'cancelled'."),
    ("monitoring", ".reporter", "id"): ("Pelapor", "Pelapor, misalnya 'Bappeda Kota Banjar'."),
    ("monitoring", ".reporter", "en"): ("Reporter", "Who reported, e.g. 'Bappeda Kota Banjar'."),
    ("monitoring", "Realised.value", "id"): (
        "Nilai",
        "Nilai realisasi, dalam satuan indikator; kosongkan selama belum diketahui.",
    ),
    ("monitoring", "Realised.value", "en"): (
        "Value",
        "The realised value, in the indicator's unit; leave out while not yet known.",
    ),
}


@pytest.mark.parametrize(("kind", "path", "lang"), sorted(SHOWN))
def test_the_editor_shows_each_text_in_the_chosen_language(
    written: dict[str, Path], kind: str, path: str, lang: str
) -> None:
    node = _node(_read(written[lang], kind), path)
    assert (node["title"], node["description"]) == SHOWN[kind, path, lang]


def test_a_term_of_the_glossary_and_a_programs_term_have_their_own_titles(written: dict[str, Path]) -> None:
    """`term` means a program's length and a glossary entry: the "Model.field" text wins over the shared one."""
    assert _node(_read(written["id"], "plan"), "Term.term")["title"] == "Istilah"
    assert _node(_read(written["en"], "plan"), "Term.term")["title"] == "Term"


def _catalogue(lang: str) -> dict[str, str]:
    data: dict[str, str] = yaml.safe_load(CATALOGUES[lang].read_text(encoding="utf-8"))
    return data


def test_both_catalogues_hold_the_same_keys_and_every_text_is_written() -> None:
    indonesian, english = _catalogue("id"), _catalogue("en")
    assert list(indonesian) == list(english)
    assert all(isinstance(text, str) and text.strip() for text in [*indonesian.values(), *english.values()])


def _models() -> Iterator[tuple[str, list[str]]]:
    """Every object the five kinds of file hold, with its fields, as the models describe them (pydantic's schemas)."""
    seen: set[str] = set()
    for model in KINDS.values():
        schema = model.model_json_schema(mode="validation")
        for name, definition in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
            if name not in seen:
                seen.add(name)
                yield name, list(definition.get("properties", {}))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_model_and_field_has_a_title_and_description(lang: str) -> None:
    """A field added to a model without its texts in both catalogues fails here."""
    texts = _catalogue(lang)
    models = dict(_models())
    assert len(models) >= 50 and "Spent" in models and "Term" in models
    missing = [f"title.{m}" for m in models if f"title.{m}" not in texts] + [m for m in models if m not in texts]
    for model, fields in models.items():
        for field in fields:
            for prefix in ("title.", ""):
                if f"{prefix}{model}.{field}" not in texts and f"{prefix}{field}" not in texts:
                    missing.append(f"{prefix}{model}.{field}")
    assert missing == [], f"add them to {CATALOGUES[lang].relative_to(REPO)}"


def test_no_text_is_left_over_in_the_catalogue() -> None:
    """Every key names a model or a field that exists, so a renamed field does not leave its old text behind."""
    models = dict(_models())
    fields = {field for names in models.values() for field in names}
    known = set(models) | fields | {f"{m}.{f}" for m, names in models.items() for f in names}
    unknown = [key for key in _catalogue("id") if key.removeprefix("title.") not in known]
    assert unknown == []


def _shown(node: object) -> Iterator[str]:
    """Every title and description of a schema (not a property that happens to be called `title`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                yield value
            else:
                yield from _shown(value)
    elif isinstance(node, list):
        for item in node:
            yield from _shown(item)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_text_an_editor_shows_comes_from_the_catalogue(written: dict[str, Path], lang: str) -> None:
    """No English left over from the models (pydantic's titles such as 'BudgetLine') in an Indonesian schema."""
    texts = set(_catalogue(lang).values())
    for kind in KINDS:
        shown = list(_shown(_read(written[lang], kind)))
        assert len(shown) >= 40
        assert [text for text in shown if text not in texts] == []


def test_the_same_language_gives_the_same_bytes(written: dict[str, Path], in_tmp: Path) -> None:
    assert smartplan("schema", "--out", "again", "--lang", "id")[0] == 0
    for kind in KINDS:
        name = f"{kind}.schema.json"
        assert (in_tmp / "again" / name).read_bytes() == (written["id"] / name).read_bytes()
    assert (written["id"] / "plan.schema.json").read_bytes() != (written["en"] / "plan.schema.json").read_bytes()


def _title(text: str) -> str:
    title: str = json.loads(text)["title"]
    return title


QUICKWIN_ID = "smartplan quick win (quickwins/<id>.yaml)"
MONITORING = {
    "id": "smartplan monitoring tahunan (monitoring/<tahun>.yaml)",
    "en": "smartplan monitoring year (monitoring/<year>.yaml)",
}


def test_lang_is_checked_and_taken_in_any_case(in_tmp: Path) -> None:
    assert _title(smartplan("schema", "monitoring", "--lang", "ID")[1]) == MONITORING["id"]
    assert _title(smartplan("schema", "monitoring", "--lang", "en")[1]) == MONITORING["en"]
    code, out, err = smartplan("schema", "monitoring", "--lang", "jv")
    assert (code, out) == (2, "")
    assert err.endswith("Error: Invalid value for --lang: choose one of: id, en\n")


@pytest.mark.parametrize(
    ("environment", "lang"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "id"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": ""}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_GB.UTF-8"}, "id"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LC_MESSAGES": "id_ID.UTF-8", "LANG": "en_GB.UTF-8"}, "id"),
        ({"LANG": "idx"}, "en"),
    ],
)
def test_outside_a_plan_the_locale_decides(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], lang: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert _title(smartplan("schema", "monitoring")[1]) == MONITORING[lang]
    assert smartplan("schema") == (0, WROTE[lang].format(".schemas"), "")
    assert _title((in_tmp / ".schemas" / "monitoring.schema.json").read_text()) == MONITORING[lang]


def _plan(folder: Path, language: str | None) -> Path:
    """The minimal example plan, with `language` set (or left out: Indonesian, the default)."""
    shutil.copytree(EXAMPLES / "valid" / "minimal", folder)
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0] == "language: id\n"
    rest = "".join(lines[1:])
    (folder / "plan.yaml").write_text(f"language: {language}\n{rest}" if language else rest, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("language", "lang"), [("en", "en"), ("id", "id"), (None, "id")])
def test_inside_a_plan_the_plans_language_decides(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, language: str | None, lang: str
) -> None:
    monkeypatch.setenv("LANG", "id_ID.UTF-8" if lang == "en" else "en_GB.UTF-8")  # the locale says the opposite
    plan = _plan(in_tmp / "plan", language)
    assert smartplan("schema", "--out", "plan/.schemas") == (0, WROTE[lang].format("plan/.schemas"), "")
    assert _title((plan / ".schemas" / "monitoring.schema.json").read_text()) == MONITORING[lang]
    monkeypatch.chdir(plan)
    assert _title(smartplan("schema", "monitoring")[1]) == MONITORING[lang]
    assert _title(smartplan("schema", "monitoring", "--lang", "id" if lang == "en" else "en")[1]) != MONITORING[lang]


def test_a_plan_yaml_that_cannot_be_read_leaves_it_to_the_locale(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_tmp / "plan.yaml").write_text("language: [id\n", encoding="utf-8")
    assert _title(smartplan("schema", "quickwin")[1]) == QUICKWIN_ID
    assert json.loads(smartplan("schema", "quickwin")[1])["properties"]["lead_agency"]["title"] == "Lead agency"
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert json.loads(smartplan("schema", "quickwin")[1])["properties"]["lead_agency"]["title"] == "OPD pelaksana"


def test_init_writes_indonesian_schemas_for_its_indonesian_plan(in_tmp: Path) -> None:
    assert smartplan("init", "garut", "--city", "Kabupaten Garut", "--start", "2026")[0] == 0
    assert yaml.safe_load((in_tmp / "garut" / "plan.yaml").read_text(encoding="utf-8"))["language"] == "id"
    quickwin = _read(in_tmp / "garut" / ".schemas", "quickwin")
    assert _node(quickwin, ".lead_agency")["description"] == "Id perangkat daerah pelaksana (plan.yaml 'agencies')."
    assert _read(in_tmp / "garut" / ".schemas", "monitoring")["title"] == MONITORING["id"]


def test_new_writes_missing_schemas_in_the_plans_language(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    plan = _plan(in_tmp / "plan", "en")
    assert smartplan("new", "monitoring", "plan", "2026")[0] == 0
    assert _read(plan / ".schemas", "monitoring")["title"] == MONITORING["en"]


def test_the_guide_shows_the_hover_init_writes(in_tmp: Path) -> None:
    """docs/new-city.md quotes the hover of `lead_agency`: it is what the schemas of a new plan say."""
    guide = (REPO / "docs" / "new-city.md").read_text(encoding="utf-8")
    assert smartplan("init", "garut", "--city", "Kabupaten Garut")[0] == 0
    node = _node(_read(in_tmp / "garut" / ".schemas", "quickwin"), ".lead_agency")
    assert f"```\n{node['title']}\n{node['description']}\n```\n" in guide
