"""The catalogue of validate's texts: both languages say the same things, with the same fields, and words fill them."""

from __future__ import annotations

import re
import string

import pytest
import yaml

from smartplan.errors import Text
from smartplan.i18n import builtin_templates, format_label, locale_language
from smartplan.problem_words import CATALOGUES, words
from tests.helpers import REPO

FOLDER = builtin_templates() / "messages"


def _catalogue(lang: str, name: str = "problems") -> dict[str, str]:
    loaded: dict[str, str] = yaml.safe_load((FOLDER / f"{name}.{lang}.yaml").read_text())
    return loaded


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _base(key: str) -> str:
    """A plural form's key without its category: `count.files.one` is a form of `count.files`."""
    return key.removesuffix(".one")


@pytest.mark.parametrize("name", CATALOGUES)
def test_both_catalogues_have_the_same_keys_and_the_same_fields(name: str) -> None:
    english, indonesian = _catalogue("en", name), _catalogue("id", name)
    assert {_base(key) for key in english} == set(indonesian)
    for key, text in english.items():  # the form for one may say "one item" rather than "{count} item"
        assert _fields(text) - {"count"} == _fields(indonesian[_base(key)]) - {"count"}, key
        assert _fields(text) <= _fields(indonesian[_base(key)]), key


def test_every_key_the_code_names_is_in_both_catalogues() -> None:
    named: set[str] = set()
    for module in (REPO / "smartplan").rglob("*.py"):
        named |= set(re.findall(r"""Text\.of\(\s*["']([a-z0-9.\-_]+)["']""", module.read_text()))
    assert len(named) > 150
    for lang in ("en", "id"):
        known = {key for name in CATALOGUES for key in _catalogue(lang, name)}
        assert named - known == set(), lang


def test_no_key_is_in_two_catalogues() -> None:
    """A key names one text: `words` looks in each catalogue in turn, so a key in two would hide one."""
    for lang in ("en", "id"):
        seen: dict[str, str] = {}
        for name in CATALOGUES:
            for key in _catalogue(lang, name):
                assert key not in seen, f"{key} is in both {seen[key]} and {name}"
                seen[key] = name


@pytest.mark.parametrize(
    ("lang", "files", "errors", "warnings", "said"),
    [
        ("en", 1, 1, 0, "checked 1 file: 1 error, 0 warnings"),
        ("en", 39, 0, 1, "checked 39 files: 0 errors, 1 warning"),
        ("en", 1500, 2, 2, "checked 1,500 files: 2 errors, 2 warnings"),
        ("id", 1, 1, 0, "memeriksa 1 berkas: 1 kesalahan, 0 peringatan"),
        ("id", 39, 0, 1, "memeriksa 39 berkas: 0 kesalahan, 1 peringatan"),
        ("id", 1500, 2, 2, "memeriksa 1.500 berkas: 2 kesalahan, 2 peringatan"),
    ],
)
def test_counts_take_the_plural_and_the_number_format_of_the_language(
    lang: str, files: int, errors: int, warnings: int, said: str
) -> None:
    found = Text.of(
        "summary.problems",
        errors=Text.of("count.errors", count=errors),
        warnings=Text.of("count.warnings", count=warnings),
    )
    assert words(Text.of("summary.checked", files=Text.of("count.files", count=files), found=found), lang) == said


@pytest.mark.parametrize(
    ("lang", "count", "said"),
    [
        ("en", 1, "wrote 1 schema to s"),
        ("en", 1500, "wrote 1,500 schemas to s"),
        ("id", 1, "menulis 1 skema ke s"),
        ("id", 1500, "menulis 1.500 skema ke s"),
    ],
)
def test_the_cli_catalogue_counts_as_the_problem_catalogue_does(lang: str, count: int, said: str) -> None:
    schemas = Text.of("count.schemas", count=count)
    assert words(Text.of("wrote.schemas", schemas=schemas, folder="s"), lang) == said


def test_a_key_in_no_catalogue_names_where_it_was_looked_for() -> None:
    with pytest.raises(KeyError, match=r"no text 'count\.schema' in messages/\{problems,cli,diff,sheets\}\.en\.yaml"):
        words(Text.of("count.schema", count=2), "en")


def test_values_from_the_plan_stay_as_written_in_either_language() -> None:
    text = Text.of("dangling-ref", what=Text.of("thing.agency"), id="{diskominf}")
    assert words(text, "en") == "unknown agency '{diskominf}'"
    assert words(text, "id") == "perangkat daerah '{diskominf}' tidak dikenal"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_GB.UTF-8"}, "id"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "id_ID.UTF-8"}, "id"),
    ],
)
def test_the_locale_names_a_language(environ: dict[str, str], lang: str) -> None:
    assert locale_language(environ) == lang


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_text_fills_in_with_its_own_fields(lang: str, name: str) -> None:
    """No stray brace or forbidden field: each text is put into words without an error."""
    for key, text in _catalogue(lang, name).items():
        fields = {name: "x" for name in _fields(text)}
        assert "x" in format_label(text, **fields) or not fields, key
