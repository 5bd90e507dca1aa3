"""Regression tests for R7RS conformance bugs found by tests/programs/r7rs.

Each test names the section of the report it checks.
"""

import unicodedata

from hypothesis import given, strategies as st

from elle.datum import Char, Symbol
from elle.primitives import load_all
from elle.primitives.chars import downcase_char, fold_char, upcase_char
from elle.printer import write_string
from elle.reader import read_all

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


# 6.6: char-upcase/-downcase/-foldcase use the simple (one-character) mappings.

def test_simple_upcase_where_the_full_mapping_is_longer():
    assert upcase_char("\u1fb3") == "\u1fbc"     # ᾳ -> ᾼ (full mapping is "ΑΙ")
    assert upcase_char("\u1f80") == "\u1f88"
    assert upcase_char("ß") == "ß"               # no simple mapping
    assert upcase_char("\u0149") == "\u0149"     # ŉ


def test_simple_downcase_of_dotted_capital_i():
    assert call("char-downcase", Char("\u0130")) is Char("i")
    assert downcase_char("\u0130") == "i"


def test_simple_foldcase():
    assert fold_char("\u1e9e") == "ß"            # ẞ (full folding is "ss")
    assert fold_char("\u0130") == "\u0130"       # no simple folding
    assert fold_char("Σ") == "σ"


@given(st.characters(blacklist_categories=("Cs",)))
def test_case_maps_give_one_character(c):
    for f in (upcase_char, downcase_char, fold_char):
        assert len(f(c)) == 1


def test_letter_numbers_are_alphabetic():
    assert call("char-alphabetic?", Char("\u2160")) is True     # Ⅰ
    assert call("char-alphabetic?", Char("3")) is False
    assert unicodedata.category("\u2160") == "Nl"


# 2.1: #!fold-case folds as string-foldcase does (no final-sigma rule).

def test_fold_case_directive_uses_case_folding():
    datums = read_all("#!fold-case ΣΑΣ STRASSE #!no-fold-case Keep")
    assert datums == [Symbol("σασ"), Symbol("strasse"), Symbol("Keep")]


def test_fold_case_applies_to_character_names_only():
    assert read_all("#!fold-case #\\NEWLINE #\\A") == [Char("\n"), Char("A")]


# 6.13.3: write gives a symbol in a form `read` accepts; `|` is not an
# identifier character, so such symbols need bars.

def test_symbol_with_vertical_line_is_written_with_bars():
    assert write_string(Symbol("a|b")) == "|a\\|b|"
    assert read_all(write_string(Symbol("a|b"))) == [Symbol("a|b")]
    assert write_string(Symbol("plain")) == "plain"
