"""Strings: R7RS section 6.7 plus a few Elle extras.

**Owns:** the string primitives written in Python: construction, access and
mutation (`string-set!`, `string-fill!`, `string-copy!` replace the
MString's text and refuse immutable literals), slicing and conversion to
and from lists and vectors, case mapping, the n-ary comparisons (plain and
`-ci`, which compares case-folded text), and the extras `string-split`,
`string-join`, `string-contains`, `string-index` (character form),
`string-trim` (three forms), `string-prefix?`, `string-suffix?`,
`string-reverse`, `string-null?`.
**Does not touch:** procedures taking procedure arguments (`string-map`,
`string-for-each`, the predicate form of `string-index`: in
`prelude/20-strings-vectors.scm`), UTF-8 conversion (`primitives.bytevectors`),
number syntax (`primitives.number_syntax`), symbols (`primitives.symbols`).

Argument order of the extras follows SRFI 13: `(string-prefix? prefix s)`,
`(string-contains s pattern)` gives the index in `s` where `pattern`
starts.
"""

from __future__ import annotations

from .. import limits
from ..datum import Char, MString, list_to_pairs
from ..errors import raise_error, type_error
from ..values import unspecified
from . import primitive
from .arguments import (check_char, check_element_index, check_index,
                        check_length, check_mutable_string, check_range,
                        check_string, check_vector, list_items, who_name)
from .chars import WHITE_SPACE


def _chars_to_text(who: str, items, pos=None) -> str:
    """Join a Python sequence of Elle chars; anything else is a type error."""
    out = []
    for c in items:
        if type(c) is not Char:
            type_error(who, "a list of characters", c, pos)
        out.append(c.ch)
    return "".join(out)


def _slice(who: str, s, start, end, start_pos, pos=1) -> str:
    """The text of string argument `s` (at `pos`) between optional start/end."""
    s = check_string(who, s, pos)
    start, end = check_range(who, s.length(), start, end, start_pos)
    return s.slice(start, end)


# -- construction and access ---------------------------------------------------

@primitive("string?", 1, pure=True, inline="type({0}) is MString_")
def is_string(x):
    return type(x) is MString


@primitive("make-string", 1, 2)
def make_string(k, fill=None):
    limits.reserve(check_length("make-string", k, 1))
    ch = " " if fill is None else check_char("make-string", fill, 2).ch
    return MString(ch * k)


@primitive("string", 0, None)
def string(*cs):
    for i, c in enumerate(cs, 1):
        if type(c) is not Char:
            type_error("string", "a character", c, i)
    return MString("".join(c.ch for c in cs))


@primitive("string-length", 1, pure=True, exact_result="always",
           inline="len({0}.text or {0}.chars) if type({0}) is MString_ else {f}({0})")
def string_length(s):
    return check_string("string-length", s, 1).length()


@primitive("string-ref", 2, inline="(CHARS_.get(t_ := ({0}.text or {0}.chars)[{1}]) or Char_(t_)) "
                                    "if type({0}) is MString_ and type({1}) is int_ "
                                    "and 0 <= {1} < len({0}.text or {0}.chars) else {f}({0}, {1})")
def string_ref(s, k):
    if type(s) is MString and type(k) is int:
        chars = s.text or s.chars
        if 0 <= k < len(chars):
            return Char(chars[k])
    s = check_string("string-ref", s, 1)
    chars = s.text or s.chars
    return Char(chars[check_element_index("string-ref", k, len(chars), "string")])


@primitive("string-set!", 3, inline=(
    "if type({0}) is MString_ and not {0}.immutable and type({1}) is int_ "
    "and 0 <= {1} < len({0}.text or {0}.chars) and type({2}) is Char_: {0}.set_char({1}, {2}.ch)\n"
    "else: {f}({0}, {1}, {2})\n{dst} = unspecified_"))
def string_set(s, k, c):
    s = check_mutable_string("string-set!", s, 1)
    k = check_element_index("string-set!", k, s.length(), "string")
    s.set_char(k, check_char("string-set!", c, 3).ch)
    return unspecified


@primitive("substring", 2, 3)
def substring(s, start, end=None):
    return MString(_slice("substring", s, start, end, 2))


@primitive("string-append", 0, None, inline={
    2: "MString_(({0}.text or {0}.s) + ({1}.text or {1}.s)) if type({0}) is MString_ "
       "and type({1}) is MString_ else {f}({0}, {1})",
    3: ("MString_(({0}.text or {0}.s) + ({1}.text or {1}.s) + ({2}.text or {2}.s)) "
        "if type({0}) is MString_ and type({1}) is MString_ "
        "and type({2}) is MString_ else {f}({0}, {1}, {2})")})
def string_append(*ss):
    if len(ss) == 2:                # the common case: two strings
        a, b = ss
        if type(a) is MString and type(b) is MString:
            return MString(a.s + b.s)
    return MString("".join(check_string("string-append", s, i).s
                           for i, s in enumerate(ss, 1)))


@primitive("string-copy", 1, 3)
def string_copy(s, start=None, end=None):
    return MString(_slice("string-copy", s, start, end, 2))


@primitive("string-copy!", 3, 5)
def string_copy_to(to, at, source, start=None, end=None):
    who = "string-copy!"
    to = check_mutable_string(who, to, 1)
    check_index(who, at, 2)
    text = _slice(who, source, start, end, 4, pos=3)
    n = to.length()
    if at > n:
        raise_error("range-error",
                    f"{who}: index {at} out of range for string of length {n}")
    if at + len(text) > n:
        raise_error("range-error",
                    f"{who}: {len(text)} characters do not fit at index {at} "
                    f"of a string of length {n}")
    to.replace(at, at + len(text), text)
    return unspecified


@primitive("string-fill!", 2, 4)
def string_fill(s, c, start=None, end=None):
    who = "string-fill!"
    s = check_mutable_string(who, s, 1)
    ch = check_char(who, c, 2).ch
    start, end = check_range(who, s.length(), start, end, 3)
    s.replace(start, end, ch * (end - start))
    return unspecified


# -- conversions -----------------------------------------------------------------

@primitive("string->list", 1, 3)
def string_to_list(s, start=None, end=None):
    return list_to_pairs([Char(c) for c in _slice("string->list", s, start, end, 2)])


@primitive("list->string", 1)
def list_to_string(lst):
    return MString(_chars_to_text("list->string", list_items("list->string", lst, 1), 1))


@primitive("string->vector", 1, 3)
def string_to_vector(s, start=None, end=None):
    return [Char(c) for c in _slice("string->vector", s, start, end, 2)]


@primitive("vector->string", 1, 3)
def vector_to_string(v, start=None, end=None):
    v = check_vector("vector->string", v, 1)
    start, end = check_range("vector->string", len(v), start, end, 2, "vector")
    return MString(_chars_to_text("vector->string", v[start:end], 1))


@primitive("string-upcase", 1)
def string_upcase(s):
    return MString(check_string("string-upcase", s, 1).s.upper())


@primitive("string-downcase", 1)
def string_downcase(s):
    return MString(check_string("string-downcase", s, 1).s.lower())


@primitive("string-foldcase", 1)
def string_foldcase(s):
    return MString(check_string("string-foldcase", s, 1).s.casefold())


# -- comparisons -------------------------------------------------------------------

def _comparison(name: str, op, fold: bool):
    def compare(*ss):
        texts = [check_string(name, s, i).s for i, s in enumerate(ss, 1)]
        if fold:
            texts = [t.casefold() for t in texts]
        for i in range(len(texts) - 1):
            if not op(texts[i], texts[i + 1]):
                return False
        return True
    compare.__name__ = name
    primitive(name, 1, None)(compare)


_OPS = (("=?", lambda a, b: a == b), ("<?", lambda a, b: a < b),
        (">?", lambda a, b: a > b), ("<=?", lambda a, b: a <= b),
        (">=?", lambda a, b: a >= b))

for _suffix, _op in _OPS:
    _comparison("string" + _suffix, _op, False)
    _comparison("string-ci" + _suffix, _op, True)


# -- Elle extras ---------------------------------------------------------------------

@primitive("string-null?", 1)
def is_string_null(s):
    return check_string("string-null?", s, 1).s == ""


@primitive("string-reverse", 1)
def string_reverse(s):
    return MString(check_string("string-reverse", s, 1).s[::-1])


def _separator(who: str, sep, pos: int) -> str:
    if type(sep) is Char:
        return sep.ch
    if type(sep) is MString:
        return sep.s
    type_error(who, "a character or a string", sep, pos)


@primitive("string-split", 1, 2)
def string_split(s, sep=None):
    """Split on a separator character or string; with none, on runs of
    white space (ignoring leading and trailing white space)."""
    text = check_string("string-split", s, 1).s
    if sep is None:
        parts = _split_white_space(text)
    else:
        separator = _separator("string-split", sep, 2)
        if separator == "":
            raise_error("range-error", "string-split: the separator is empty")
        parts = text.split(separator)
    return list_to_pairs([MString(p) for p in parts])


def _split_white_space(text: str) -> list:
    parts, current = [], []
    for c in text:
        if c in WHITE_SPACE:
            if current:
                parts.append("".join(current))
                current = []
        else:
            current.append(c)
    if current:
        parts.append("".join(current))
    return parts


@primitive("string-join", 1, 2)
def string_join(lst, sep=None):
    items = list_items("string-join", lst, 1)
    separator = " " if sep is None else check_string("string-join", sep, 2).s
    texts = []
    for s in items:
        if type(s) is not MString:
            type_error("string-join", "a list of strings", s, 1)
        texts.append(s.s)
    return MString(separator.join(texts))


@primitive("string-contains", 2)
def string_contains(s, pattern):
    text = check_string("string-contains", s, 1).s
    i = text.find(check_string("string-contains", pattern, 2).s)
    return False if i < 0 else i


@primitive("string-index", 2)
def string_index(s, c):
    text = check_string("string-index", s, 1).s
    i = text.find(check_char("string-index", c, 2).ch)
    return False if i < 0 else i


def _strip_white_space(text: str, left: bool, right: bool) -> str:
    start, end = 0, len(text)
    while left and start < end and text[start] in WHITE_SPACE:
        start += 1
    while right and end > start and text[end - 1] in WHITE_SPACE:
        end -= 1
    return text[start:end]


@primitive("string-trim", 1)
def string_trim(s):
    return MString(_strip_white_space(check_string("string-trim", s, 1).s, True, True))


@primitive("string-trim-left", 1)
def string_trim_left(s):
    return MString(_strip_white_space(check_string("string-trim-left", s, 1).s, True, False))


@primitive("string-trim-right", 1)
def string_trim_right(s):
    return MString(_strip_white_space(check_string("string-trim-right", s, 1).s, False, True))


@primitive("string-prefix?", 2)
def is_string_prefix(prefix, s):
    p = check_string("string-prefix?", prefix, 1).s
    return check_string("string-prefix?", s, 2).s.startswith(p)


@primitive("string-suffix?", 2)
def is_string_suffix(suffix, s):
    p = check_string("string-suffix?", suffix, 1).s
    return check_string("string-suffix?", s, 2).s.endswith(p)


# -- helpers for prelude/20-strings-vectors.scm ----------------------------------
# `who` is the symbol naming the Scheme procedure that reports the error.

@primitive("%check-string", 3, pure=True)
def check_string_arg(who, x, pos):
    """Return `x` if it is a string, else raise `who`'s type error."""
    return check_string(who_name(who), x, pos)


@primitive("%strings-min-length", 2, pure=True)
def strings_min_length(who, strings):
    """The length of the shortest string in the list `strings` (arguments 2, 3, ...)."""
    name = who_name(who)
    items = list_items(name, strings)
    return min((check_string(name, s, i).length() for i, s in enumerate(items, 2)), default=0)


@primitive("%string-refs", 2)
def string_refs(strings, k):
    """A list of the k-th character of every string in `strings` (all long enough)."""
    out = []
    for s in list_items("%string-refs", strings, 1):
        text = check_string("%string-refs", s, 1).s
        out.append(Char(text[check_element_index("%string-refs", k, len(text), "string")]))
    return list_to_pairs(out)


@primitive("%list->string", 2)
def list_to_string_for(who, lst):
    """list->string reporting errors (a non-character result) as `who`."""
    name = who_name(who)
    items = list_items(name, lst)
    for c in items:
        if type(c) is not Char:
            type_error(name, "a character as the procedure's result", c)
    return MString("".join(c.ch for c in items))
