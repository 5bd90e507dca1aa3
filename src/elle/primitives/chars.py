"""Characters: R7RS section 6.6 over full Unicode.

**Owns:** `char?`, conversion to and from code points, the n-ary
comparisons (plain and case-insensitive), the character classes
(`char-alphabetic?` ...), `digit-value`, and single-character case mapping
(`char-upcase`, `char-downcase`, `char-foldcase`, also used by the string
`-ci` comparisons through `fold_char`). **Does not touch:** how characters
are written or read (`elle.printer`, `elle.reader`).

Case mapping of one character uses Unicode's *simple* mappings, which
always give one character. Python only exposes the full mappings
(`"ß".upper()` is "SS"); where a full mapping gives several characters the
simple one is recovered: the titlecase mapping for upcase (`ᾳ` -> `ᾼ`, while
`ß` stays `ß`), `i` for `İ` (the only character whose full lowercase is
longer), and the lowercase mapping for foldcase (`ẞ` -> `ß`). Checked against
UnicodeData for every code point.

`char-alphabetic?` is Python's letter test plus letter numbers (Nl, such as
`Ⅰ`); Unicode's Other_Alphabetic marks (Devanagari vowel signs ...) are not
included.
"""

from __future__ import annotations

import unicodedata

from ..datum import Char
from ..errors import raise_error, type_error
from . import primitive
from .arguments import check_char

# The Unicode White_Space property (Python's str.isspace also accepts the
# information separators U+001C..U+001F, which are not white space).
WHITE_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _single(mapped: str, original: str) -> str:
    return mapped if len(mapped) == 1 else original


def upcase_char(c: str) -> str:
    """Simple uppercase mapping of one character."""
    upper = c.upper()
    if len(upper) == 1:
        return upper
    return _single(c.title(), c)


def downcase_char(c: str) -> str:
    """Simple lowercase mapping of one character."""
    if c == "\u0130":          # LATIN CAPITAL LETTER I WITH DOT ABOVE
        return "i"
    return _single(c.lower(), c)


def fold_char(c: str) -> str:
    """Simple case folding of one character (a one-character str)."""
    folded = c.casefold()
    if len(folded) == 1:
        return folded
    return _single(c.lower(), c)


def is_alphabetic(c: str) -> bool:
    return c.isalpha() or unicodedata.category(c) == "Nl"


@primitive("char?", 1, pure=True, inline="type({0}) is Char_")
def is_char(x):
    return type(x) is Char


@primitive("char->integer", 1, pure=True, exact_result="always",
           inline="ord({0}.ch) if type({0}) is Char_ else {f}({0})")
def char_to_integer(c):
    if type(c) is Char:
        return ord(c.ch)
    return ord(check_char("char->integer", c, 1).ch)


@primitive("integer->char", 1, pure=True)
def integer_to_char(n):
    if type(n) is not int:
        type_error("integer->char", "an exact integer", n, 1)
    if not 0 <= n <= 0x10FFFF:
        raise_error("range-error",
                    f"integer->char: {n} is not a Unicode code point (0 to #x10FFFF)", n)
    if 0xD800 <= n <= 0xDFFF:
        raise_error("range-error",
                    f"integer->char: {n} is a surrogate code point, not a character", n)
    return Char(chr(n))


def _char_texts(who: str, cs, key=None) -> list:
    out = []
    for i, c in enumerate(cs, 1):
        if type(c) is not Char:
            type_error(who, "a character", c, i)
        out.append(c.ch if key is None else key(c.ch))
    return out


def _comparison(name: str, op, key=None, sym=None):
    def compare(*cs):
        if len(cs) == 2 and key is None:
            a, b = cs
            if type(a) is Char and type(b) is Char:
                return op(a.ch, b.ch)
        texts = _char_texts(name, cs, key)
        for i in range(len(texts) - 1):
            if not op(texts[i], texts[i + 1]):
                return False
        return True
    compare.__name__ = name
    inline = (None if sym is None or key is not None else
              f"({{0}}.ch {sym} {{1}}.ch) if type({{0}}) is Char_ and type({{1}}) is Char_ "
              "else {f}({0}, {1})")
    primitive(name, 1, None, pure=True, inline=inline)(compare)


_OPS = (("=?", lambda a, b: a == b, "=="), ("<?", lambda a, b: a < b, "<"),
        (">?", lambda a, b: a > b, ">"), ("<=?", lambda a, b: a <= b, "<="),
        (">=?", lambda a, b: a >= b, ">="))

for _suffix, _op, _sym in _OPS:
    _comparison("char" + _suffix, _op, sym=_sym)
    _comparison("char-ci" + _suffix, _op, fold_char)


def _class_predicate(name: str, test):
    def predicate(c):
        return test(check_char(name, c, 1).ch)
    predicate.__name__ = name
    primitive(name, 1, pure=True)(predicate)


_class_predicate("char-alphabetic?", is_alphabetic)
_class_predicate("char-numeric?", str.isdecimal)
_class_predicate("char-whitespace?", WHITE_SPACE.__contains__)
_class_predicate("char-upper-case?", str.isupper)
_class_predicate("char-lower-case?", str.islower)


@primitive("digit-value", 1, pure=True)
def digit_value(c):
    value = unicodedata.decimal(check_char("digit-value", c, 1).ch, None)
    return False if value is None else value


@primitive("char-upcase", 1, pure=True)
def char_upcase(c):
    return Char(upcase_char(check_char("char-upcase", c, 1).ch))


@primitive("char-downcase", 1, pure=True)
def char_downcase(c):
    return Char(downcase_char(check_char("char-downcase", c, 1).ch))


@primitive("char-foldcase", 1, pure=True)
def char_foldcase(c):
    return Char(fold_char(check_char("char-foldcase", c, 1).ch))
