"""The text catalogs: every language has the same keys and the same fields."""

import string

import pytest

from addin.locale import LANGUAGES, en, text, zh_CN


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogs_same_keys():
    english = set(en.TEXTS)

    chinese = set(zh_CN.TEXTS)

    assert sorted(english - chinese) == []
    assert sorted(chinese - english) == []


@pytest.mark.parametrize("key", sorted(en.TEXTS))
def test_catalogs_same_fields(key):
    english = _fields(en.TEXTS[key])

    chinese = _fields(zh_CN.TEXTS[key])

    assert chinese == english


def test_text_unknown_language_english():
    assert text("sheet.issues", "fr") == "Issues"


@pytest.mark.parametrize("language", LANGUAGES)
def test_sheet_names_unique(language):
    names = [text(key, language) for key in en.TEXTS if key.startswith("sheet.")]

    assert len(set(names)) == len(names)
