"""Property: every number survives `write` then `read` as an `eqv?` value,
and `number->string` then `string->number` in every radix.

Numbers are generated from the whole tower: exact integers and rationals,
doubles (infinities, NaN, -0.0, subnormals, the extremes), exact complex
numbers with rational parts and inexact complex numbers with any double
parts. A second generator builds number *text* in the other syntaxes the
reader accepts (radix and exactness prefixes in either order, exponent
markers `e s f d l` in both cases, `+i`/`-i`, `a+bi`, pure imaginaries,
polar `m@a`): whatever it reads as must write and read back as the same
value. Symbols whose names look like numbers must come back as symbols.
"""

import math
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from elle.complexnum import ExactComplex, make_rectangular
from elle.datum import Symbol
from elle.primitives import load_all
from elle.primitives.equivalence import eqv
from elle.printer import write_string
from elle.reader import Reader

P = load_all()


def read_one(text):
    reader = Reader(text)
    datum = reader.read()
    assert reader.read() is Reader.EOF, text
    return datum


exact_rationals = st.one_of(
    st.integers(), st.integers(min_value=-10**40, max_value=10**40),
    st.fractions(max_denominator=10**20)).map(
        lambda q: q.numerator if type(q) is Fraction and q.denominator == 1 else q)
EXTREMES = [5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
            1.7976931348623157e308, -1.7976931348623157e308, -0.0, 0.0,
            math.inf, -math.inf, math.nan, 1e21, 1e-7, 123456789012345680.0]
doubles = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(EXTREMES))
exact_complexes = st.tuples(exact_rationals, exact_rationals.filter(lambda q: q != 0)).map(
    lambda t: ExactComplex(*t))
inexact_complexes = st.tuples(doubles, doubles).map(lambda t: complex(*t))
numbers = st.one_of(exact_rationals, doubles, exact_complexes, inexact_complexes)


@settings(max_examples=400, deadline=None)
@given(numbers)
def test_write_then_read_is_eqv(z):
    text = write_string(z)
    back = read_one(text)
    assert eqv(back, z), (z, text, back)
    assert write_string(back) == text


@settings(max_examples=300, deadline=None)
@given(st.one_of(exact_rationals, exact_complexes), st.sampled_from([2, 8, 10, 16]))
def test_number_to_string_then_string_to_number_in_every_radix(z, radix):
    text = P["number->string"].fn(z, radix)
    assert eqv(P["string->number"].fn(text, radix), z), (z, radix, text.s)


@settings(max_examples=300, deadline=None)
@given(doubles)
def test_doubles_round_trip_through_string_to_number(x):
    text = P["number->string"].fn(x)
    assert eqv(P["string->number"].fn(text), x), text.s


# -- text in every syntax ----------------------------------------------------------

DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}


@st.composite
def ureal_text(draw, radix):
    digits = st.text(st.sampled_from(DIGITS[radix]), min_size=1, max_size=6)
    kinds = ["int", "ratio"] + (["decimal", "exponent"] if radix == 10 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "int":
        return draw(digits)
    if kind == "ratio":
        den = draw(digits)
        assume(int(den, radix) != 0)
        return draw(digits) + "/" + den
    whole = draw(st.text(st.sampled_from("0123456789"), max_size=4))
    frac = draw(st.text(st.sampled_from("0123456789"), min_size=0 if whole else 1, max_size=4))
    text = whole + ("." + frac if frac or draw(st.booleans()) else "")
    if not whole and not frac:
        text = "0"
    if kind == "exponent":
        marker = draw(st.sampled_from("eEsSfFdDlL"))
        text += marker + draw(st.sampled_from(["", "+", "-"])) + str(draw(st.integers(0, 40)))
    return text


@st.composite
def real_text(draw, radix, signed=False):
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["+inf.0", "-inf.0", "+nan.0", "-nan.0", "+INF.0", "-NaN.0"]))
    sign = draw(st.sampled_from(["+", "-"] if signed else ["", "+", "-"]))
    return sign + draw(ureal_text(radix))


@st.composite
def number_text(draw):
    radix = draw(st.sampled_from([2, 8, 10, 16]))
    prefixes = []
    if radix != 10 or draw(st.booleans()):
        prefixes.append({2: "#b", 8: "#o", 10: "#d", 16: "#x"}[radix])
    exactness = draw(st.sampled_from(["", "#e", "#i", "#E", "#I"]))
    if exactness:
        prefixes.append(exactness)
    if draw(st.booleans()):
        prefixes.reverse()
    shape = draw(st.sampled_from(["real", "rect", "imag", "unit", "polar"]))
    if shape == "real":
        body = draw(real_text(radix))
    elif shape == "rect":
        unit = draw(st.booleans())
        im = draw(st.sampled_from(["+", "-"])) if unit else draw(real_text(radix, signed=True))
        body = draw(real_text(radix)) + im + draw(st.sampled_from("iI"))
    elif shape == "imag":
        body = draw(real_text(radix, signed=True)) + "i"
    elif shape == "unit":
        body = draw(st.sampled_from(["+i", "-i", "+I", "-I"]))
    else:
        body = draw(real_text(radix)) + "@" + draw(real_text(radix))
    return "".join(prefixes) + body


@settings(max_examples=500, deadline=None)
@given(number_text())
def test_every_number_syntax_reads_and_round_trips(text):
    try:
        z = read_one(text)
    except Exception as e:          # only "#e+inf.0"-like texts may be refused
        assert "#e" in text.lower(), (text, e)
        return
    assert P["number?"].fn(z), (text, z)
    back = read_one(write_string(z))
    assert eqv(back, z), (text, z, write_string(z))


@settings(max_examples=200, deadline=None)
@given(number_text(), st.sampled_from(["", "abc", "x", "i", "+", "@", "/"]))
def test_symbols_that_look_like_numbers_read_back_as_symbols(text, suffix):
    s = Symbol(text + suffix)
    assert read_one(write_string(s)) is s


def test_the_symbols_r7rs_singles_out():
    for name in ["+i", "-i", "+NaN.0abc", "+inf.0", "-nan.0", "+inf.0i", "1+2i", "1@2", "1e2"]:
        assert write_string(Symbol(name)) == "|" + name + "|"
        assert read_one(write_string(Symbol(name))) is Symbol(name)


def test_exponent_markers():
    for text in ["1s2", "1f2", "1d2", "1l2", "1S2", "1F2", "1D2", "1L2", "1e2", "1E2"]:
        assert eqv(read_one(text), 100.0), text
    assert eqv(read_one("#e1d2"), 100)
    assert eqv(read_one("1.5l-1"), 0.15)
    assert eqv(read_one("-1f+1"), -10.0)


def test_extreme_doubles_via_string_to_number():
    for text, want in [("5e-324", 5e-324), ("1.7976931348623157e308", 1.7976931348623157e308),
                       ("-0.0", -0.0), ("4.9406564584124654e-324", 5e-324),
                       ("-1.7976931348623157e308", -1.7976931348623157e308)]:
        got = P["string->number"].fn(P["number->string"].fn(want))
        assert eqv(got, want)
        assert eqv(read_one(text), want)


def test_make_rectangular_normal_forms():
    assert make_rectangular(1, 0) == 1 and type(make_rectangular(1, 0)) is int
    assert type(make_rectangular(1.5, 0)) is float
    assert type(make_rectangular(1, 0.0)) is complex
