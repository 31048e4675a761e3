"""The pronunciation lexicon file: loading, overriding and bad lines."""

import pytest

from convert.errors import UsageError
from convert.speech.lexicon import Lexicon
from convert.speech.normalize import speakable


def write(tmp_path, text):
    path = tmp_path / "words.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_lexicon_loads_without_a_user_file():
    lexicon = Lexicon.load(None)
    assert lexicon.entries["NATO"] == "Nato"
    assert lexicon.entries["FBI"] == "F.B.I"


def test_user_file_adds_and_overrides(tmp_path):
    path = write(tmp_path, "# my words\n\nNATO\tN.A.T.O\nSuleimani\tSoo-lay-mahnee\n")
    lexicon = Lexicon.load(path)
    assert speakable("NATO and Suleimani and the FBI", lexicon) == \
        "N.A.T.O and Soo-lay-mahnee and the F.B.I"


def test_user_file_can_override_a_built_in_rule(tmp_path):
    path = write(tmp_path, "St. Mary's\tSaint Marys\n")
    assert speakable("at St. Mary's today", Lexicon.load(path)) == "at Saint Marys today"


def test_entries_match_whole_words_and_case():
    lexicon = Lexicon({"US": "U.S", "ISIS": "Isis", "ISIS-K": "Isis Korasan"})
    assert lexicon.apply("US and us and USA") == "U.S and us and USA"
    assert lexicon.apply("ISIS-K and ISIS") == "Isis Korasan and Isis"


@pytest.mark.parametrize("line", [
    "NATO Nato",            # spaces, not a tab
    "NATO\t",               # no spoken form
    "\tNato",               # no word
    "NATO\tNato\textra",    # a third field
])
def test_bad_line_names_file_and_line(tmp_path, line):
    path = write(tmp_path, f"# comment\nFBI\tF.B.I\n{line}\n")
    with pytest.raises(UsageError) as raised:
        Lexicon.load(path)
    assert raised.value.path == path
    assert "line 3:" in str(raised.value)
    assert str(path) in str(raised.value)


def test_duplicate_word_names_both_lines(tmp_path):
    path = write(tmp_path, "NATO\tNato\nFBI\tF.B.I\nNATO\tNay-toe\n")
    with pytest.raises(UsageError, match=r"line 3: 'NATO' is already defined on line 1"):
        Lexicon.load(path)


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        Lexicon.load(tmp_path / "absent.txt")


def test_non_utf8_file_is_a_usage_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Jos\xe9\tHoseh\n".encode("latin-1"))
    with pytest.raises(UsageError, match="UTF-8"):
        Lexicon.load(path)
