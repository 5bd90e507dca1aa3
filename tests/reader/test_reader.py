"""Tests for elle.reader: lexical syntax, errors with locations, incomplete
input, source locations on pairs, datum labels, limits."""

import math
from fractions import Fraction

import pytest

from elle.datum import Char, MString, Pair, SourceLoc, Symbol, nil, pairs_to_list
from elle.errors import ElleError, ElleSyntaxError
from elle.reader import IncompleteInput, Reader, read_all, read_number
from elle.values import eof


def read1(text):
    items = read_all(text)
    assert len(items) == 1, items
    return items[0]


def lst(x):
    return pairs_to_list(x)


S = Symbol


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("text,value", [
    ("0", 0), ("42", 42), ("-17", -17), ("+5", 5),
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("1/3", Fraction(1, 3)), ("-2/4", Fraction(-1, 2)), ("4/2", 2), ("0/5", 0),
    ("#x-ff", -255), ("#XFF", 255), ("#b101", 5), ("#o17", 15), ("#d10", 10),
    ("#e1.5", Fraction(3, 2)), ("#E1.5", Fraction(3, 2)), ("#e1e3", 1000),
    ("#e.25", Fraction(1, 4)), ("#x#e10", 16), ("#e#x10", 16), ("#x1/a", Fraction(1, 10)),
])
def test_exact_numbers(text, value):
    v = read1(text)
    assert v == value and type(v) is type(value)


def test_rational_normalises_to_int():
    v = read1("4/2")
    assert type(v) is int and v == 2


@pytest.mark.parametrize("text,value", [
    ("1e10", 1e10), (".5", 0.5), ("-2.5e-3", -2.5e-3), ("1.", 1.0), ("+.5", 0.5),
    ("1E2", 100.0), ("#i1/2", 0.5), ("#i3", 3.0), ("#x#i10", 16.0), ("#i#x10", 16.0),
    ("+inf.0", math.inf), ("-inf.0", -math.inf), ("1e400", math.inf),
])
def test_inexact_numbers(text, value):
    v = read1(text)
    assert type(v) is float and v == value


def test_nan_and_negative_zero():
    assert math.isnan(read1("+nan.0")) and math.isnan(read1("-nan.0"))
    z = read1("-0.0")
    assert z == 0.0 and math.copysign(1, z) == -1


def test_huge_integer_beyond_cpython_digit_limit():
    digits = "7" * 20000
    v = read1(digits)
    assert v % 10 == 7 and v.bit_length() > 60000
    assert read1("-" + digits) == -v


@pytest.mark.parametrize("text", [
    "+", "-", "...", "->x", "1+", "-a", "+ix", "inf.0", "nan.0", "1/2/3", "1e",
    "..", ".a", "a.b", "1a", "--1", "+-1",
])
def test_non_numbers_are_symbols(text):
    assert read1(text) is S(text)


def test_read_number_api():
    assert read_number("ff", 16) == 255
    assert read_number("x") is None
    assert read_number("#x#x1") is None
    assert read_number("#e+inf.0") is None
    assert read_number("1/0") is None


@pytest.mark.parametrize("text", ["#xg", "#e1.5.5", "#b2", "#x", "#e+nan.0"])
def test_bad_prefixed_number_is_error(text):
    with pytest.raises(ElleSyntaxError) as e:
        read_all(text)
    assert e.value.kind == "read-error"
    assert e.value.loc == SourceLoc("<string>", 1, 1)


def test_exact_exponent_too_large_is_read_error():
    with pytest.raises(ElleSyntaxError):
        read_all("#e1e1000000000")


# ---------------------------------------------------------------- strings

@pytest.mark.parametrize("text,value", [
    (r'""', ""), (r'"abc"', "abc"),
    (r'"a\nb\tc\rd"', "a\nb\tc\rd"), (r'"\a\b"', "\a\b"),
    (r'"q\"q"', 'q"q'), (r'"back\\slash"', "back\\slash"), (r'"bar\|"', "bar|"),
    (r'"\x41;\x3bb;"', "A\u03bb"), ('"raw\nnewline"', "raw\nnewline"),
    ('"line \\   \n    continued"', "line continued"),
    ('"a\\\n b"', "ab"), ('"a\\\r\n\tb"', "ab"),
    ('"λ unicode ☃"', "λ unicode ☃"),
])
def test_strings(text, value):
    v = read1(text)
    assert type(v) is MString and v.s == value


def test_string_literals_are_immutable():
    assert read1('"x"').immutable


@pytest.mark.parametrize("text,col", [
    (r'"ab\qc"', 4), (r'"\x41"', 2), (r'"\xZZ;"', 2), (r'"\xD800;"', 2),
    ('"a\\  b"', 3), (r'"\x110000;"', 2),
])
def test_bad_string_escapes(text, col):
    with pytest.raises(ElleSyntaxError) as e:
        read_all(text)
    assert not isinstance(e.value, IncompleteInput)
    assert e.value.loc == SourceLoc("<string>", 1, col)


# ---------------------------------------------------------------- characters

@pytest.mark.parametrize("text,ch", [
    (r"#\a", "a"), (r"#\A", "A"), (r"#\space", " "), (r"#\newline", "\n"),
    (r"#\tab", "\t"), (r"#\nul", "\0"), (r"#\null", "\0"), (r"#\alarm", "\a"),
    (r"#\backspace", "\b"), (r"#\delete", "\x7f"), (r"#\escape", "\x1b"),
    (r"#\return", "\r"), (r"#\x41", "A"), (r"#\x", "x"), (r"#\X", "X"),
    (r"#\x3bb", "λ"), (r"#\λ", "λ"), (r"#\(", "("), (r"#\)", ")"), (r"#\;", ";"),
    (r"#\"", '"'), (r"#\|", "|"), (r"#\#", "#"), ("#\\ ", " "), (r"#\\", "\\"),
    (r"#\x0", "\0"),
])
def test_characters(text, ch):
    v = read1(text)
    assert v is Char(ch)


def test_char_followed_by_delimiter():
    assert lst(read1(r"(#\a #\( #\))")) == [Char("a"), Char("("), Char(")")]


@pytest.mark.parametrize("text", [r"#\spacey", r"#\xyz", r"#\ab", r"#\SPACE", r"#\xD800"])
def test_bad_char_names(text):
    with pytest.raises(ElleSyntaxError) as e:
        read_all("  " + text)
    assert e.value.loc == SourceLoc("<string>", 1, 3)


# ---------------------------------------------------------------- booleans and symbols

def test_booleans():
    assert read_all("#t #f #true #false #T") == [True, False, True, False, True]


def test_symbols_case_sensitive():
    a, b = read_all("abc ABC")
    assert a is S("abc") and b is S("ABC")


@pytest.mark.parametrize("text,name", [
    ("|a b|", "a b"), ("||", ""), (r"|a\|b|", "a|b"), (r"|\x41;|", "A"),
    (r"|a\nb|", "a\nb"), ("|42|", "42"), ("|.|", "."), ("|ABC|", "ABC"),
])
def test_bar_symbols(text, name):
    assert read1(text) is S(name)


def test_symbols_with_odd_characters():
    assert read_all("a->b <=? !$%&*/:<=>?^_~ x.y a#b λ") == [
        S("a->b"), S("<=?"), S("!$%&*/:<=>?^_~"), S("x.y"), S("a#b"), S("λ")]


# ---------------------------------------------------------------- lists and vectors

def test_proper_and_dotted_lists():
    assert read1("()") is nil
    assert read1("[]") is nil
    assert lst(read1("(1 2 3)")) == [1, 2, 3]
    p = read1("(1 . 2)")
    assert p.car == 1 and p.cdr == 2
    p = read1("(1 2 . 3)")
    assert p.car == 1 and p.cdr.car == 2 and p.cdr.cdr == 3
    assert lst(read1("(1 . (2 3))")) == [1, 2, 3]


def test_brackets_are_parens():
    v = read1("[a (b [c]) d]")
    assert v.car is S("a") and v.cdr.car.cdr.car.car is S("c")


def test_vectors_and_bytevectors():
    v = read1("#(1 (2) #(3))")
    assert type(v) is list and v[0] == 1 and v[2] == [3]
    assert read1("#()") == []
    b = read1("#u8(0 255 7)")
    assert type(b) is bytearray and list(b) == [0, 255, 7]
    assert read1("#U8()") == bytearray()


@pytest.mark.parametrize("text,col", [("#u8(1 256)", 7), ("#u8(-1)", 5), ("#u8(1.0)", 5),
                                      ("#u8(a)", 5), ("#u8((1))", 5)])
def test_bad_bytevector_elements(text, col):
    with pytest.raises(ElleSyntaxError) as e:
        read_all(text)
    assert e.value.loc == SourceLoc("<string>", 1, col)


@pytest.mark.parametrize("text,tag", [
    ("'x", "quote"), ("`x", "quasiquote"), (",x", "unquote"), (",@x", "unquote-splicing"),
])
def test_quote_shorthands(text, tag):
    v = read1(text)
    assert lst(v) == [S(tag), S("x")]


def test_nested_quote_shorthands():
    v = read1("'`(a ,b ,@c)")
    assert v.car is S("quote")
    qq = v.cdr.car
    assert qq.car is S("quasiquote")
    inner = lst(qq.cdr.car)
    assert lst(inner[1]) == [S("unquote"), S("b")]
    assert lst(inner[2]) == [S("unquote-splicing"), S("c")]


def test_quote_with_whitespace_and_comment_between():
    assert lst(read1("' ; c\n #| b |# x")) == [S("quote"), S("x")]


# ---------------------------------------------------------------- comments and directives

def test_comments():
    assert read_all("; line\n1 ; trailing\n2") == [1, 2]
    assert read_all("#| block |# 1 #| nested #| deeper |# still |# 2") == [1, 2]
    assert read_all("#;1 2") == [2]
    assert lst(read1("(1 #;(2 3) 4)")) == [1, 4]
    assert read_all("#; #; 1 2 3") == [3]
    p = read1("(a . #;b c)")
    assert p.car is S("a") and p.cdr is S("c")
    assert read_all("1;no newline at end") == [1]
    assert read_all("") == [] and read_all("   ; only a comment") == []


def test_fold_case_directive():
    assert read_all("#!fold-case ABC |XY| #\\SPACE #\\A #!no-fold-case ABC") == [
        S("abc"), S("XY"), Char(" "), Char("A"), S("ABC")]


def test_fold_case_persists_across_reads():
    r = Reader("#!fold-case A B")
    assert r.read() is S("a") and r.read() is S("b")
    assert Reader("A", fold_case=True).read() is S("a")


def test_unknown_directive_is_error():
    with pytest.raises(ElleSyntaxError) as e:
        read_all("  #!weird")
    assert e.value.loc == SourceLoc("<string>", 1, 3)


# ---------------------------------------------------------------- datum labels

def test_datum_label_cycle():
    v = read1("#0=(a b . #0#)")
    assert v.car is S("a") and v.cdr.cdr is v


def test_datum_label_car_cycle_and_sharing():
    v = read1("#1=(#1# #2=(x) #2#)")
    assert v.car is v
    assert v.cdr.car is v.cdr.cdr.car
    v = read1("#0=#(1 #0#)")
    assert v[1] is v


def test_datum_label_inside_quote_and_nested():
    v = read1("'#0=(a . #0#)")
    inner = v.cdr.car
    assert inner.cdr is inner
    v = read1("#0=(#1=(b . #1#) . #0#)")
    assert v.cdr is v and v.car.cdr is v.car


def test_datum_labels_reset_between_reads():
    with pytest.raises(ElleSyntaxError):
        read_all("#0=(a) #0#")


@pytest.mark.parametrize("text", ["#0#", "#0=#0#", "(#0=a #0=b)", "#0x"])
def test_bad_datum_labels(text):
    with pytest.raises(ElleSyntaxError) as e:
        read_all(text)
    assert not isinstance(e.value, IncompleteInput)


# ---------------------------------------------------------------- errors with locations

@pytest.mark.parametrize("text,line,col", [
    (")", 1, 1),
    ("(a b))", 1, 6),
    ("\n  ]", 2, 3),
    ("(a ]", 1, 4),
    ("[a )", 1, 4),
    ("#(a ]", 1, 5),
    ("(. a)", 1, 2),
    ("(a . )", 1, 6),
    ("(a . b c)", 1, 8),
    ("(a . b . c)", 1, 8),
    ("(a . . b)", 1, 6),
    (". a", 1, 1),
    ("#(a . b)", 1, 5),
    ("'.", 1, 2),
    ("'", None, None),
    ("(1 #;)", 1, 6),
    ("')", 1, 2),
    ("#q", 1, 1),
    ("#", None, None),
    ("# a", 1, 1),
    ("#u9()", 1, 1),
    ("x\n  #\\bogus", 2, 3),
])
def test_errors_point_at_the_offending_character(text, line, col):
    with pytest.raises(ElleSyntaxError) as e:
        read_all(text)
    err = e.value
    assert err.kind == "read-error"
    if line is None:
        assert isinstance(err, IncompleteInput)
    else:
        assert not isinstance(err, IncompleteInput)
        assert err.loc == SourceLoc("<string>", line, col)


def test_errors_are_elle_errors_with_error_objects():
    with pytest.raises(ElleError) as e:
        read_all(")")
    assert e.value.payload.kind == "read-error"
    assert "unexpected" in e.value.payload.message


def test_error_uses_filename():
    with pytest.raises(ElleSyntaxError) as e:
        read_all("ok\n(oops]", "prog.scm")
    assert e.value.loc == SourceLoc("prog.scm", 2, 6)


@pytest.mark.parametrize("text", [
    "(", "(a b", "[a", "#(1", "#u8(1", "\"abc", "\"abc\\", "\"\\x4", "|abc",
    "'", "`", ",", ",@", "#|", "#| #| |#", "#;", "(a . ", "#0=", "#\\", "#u", "#u8",
    "((((", "(a \"b", "'(a", "\"a\\  ",
])
def test_incomplete_input(text):
    with pytest.raises(IncompleteInput) as e:
        read_all(text)
    assert e.value.kind == "read-error"
    assert isinstance(e.value.loc, SourceLoc)


def test_incomplete_points_at_the_unclosed_opener():
    with pytest.raises(IncompleteInput) as e:
        read_all("(a)\n  (b (c)")
    assert e.value.loc == SourceLoc("<string>", 2, 3)


def test_incomplete_is_syntax_error_subclass():
    assert issubclass(IncompleteInput, ElleSyntaxError)


# ---------------------------------------------------------------- locations

def test_list_cell_locations():
    v = read1("(define (f x)\n  (+ x 1))")
    assert v.loc == SourceLoc("<string>", 1, 1)          # the '('
    assert v.cdr.loc == SourceLoc("<string>", 1, 9)      # car is (f x)
    sig = v.cdr.car
    assert sig.loc == SourceLoc("<string>", 1, 9)
    assert sig.cdr.loc == SourceLoc("<string>", 1, 12)   # x
    body_cell = v.cdr.cdr
    assert body_cell.loc == SourceLoc("<string>", 2, 3)
    body = body_cell.car
    assert body.loc == SourceLoc("<string>", 2, 3)
    assert body.cdr.loc == SourceLoc("<string>", 2, 6)   # x
    assert body.cdr.cdr.loc == SourceLoc("<string>", 2, 8)  # 1


def test_quote_locations():
    v = read1("\n  'foo")
    assert v.loc == SourceLoc("<string>", 2, 3)
    assert v.cdr.loc == SourceLoc("<string>", 2, 4)
    v = read1("(a '(b))")
    q = v.cdr.car
    assert v.cdr.loc == SourceLoc("<string>", 1, 4)
    assert q.loc == SourceLoc("<string>", 1, 4)
    assert q.cdr.loc == SourceLoc("<string>", 1, 5)
    assert q.cdr.car.loc == SourceLoc("<string>", 1, 5)


def test_locations_after_comments_and_strings_with_newlines():
    v = read1('("a\nb" #| x\n y |# z)')
    assert v.cdr.loc == SourceLoc("<string>", 3, 7)


def test_locations_count_code_points_and_use_filename():
    v = read_all("(λλ x)", "f.scm")[0]
    assert v.cdr.loc == SourceLoc("f.scm", 1, 5)


def test_every_pair_has_a_location():
    v = read1("(a (b . c) #(d) 'e `(f ,g) . h)")
    todo = [v]
    while todo:
        x = todo.pop()
        if type(x) is Pair:
            assert isinstance(x.loc, SourceLoc)
            todo += [x.car, x.cdr]
        elif type(x) is list:
            todo += x


# ---------------------------------------------------------------- the Reader API

def test_reader_eof_and_pos():
    r = Reader("  (a b)  c ; tail\n")
    assert Reader.EOF is eof
    v = r.read()
    assert lst(v) == [S("a"), S("b")] and r.pos == 7
    assert r.read() is S("c") and r.pos == 10
    assert r.read() is Reader.EOF and r.pos == len(r.text)
    assert r.read() is Reader.EOF


def test_reader_start_offset():
    text = "abc def 12"
    r = Reader(text, "port", start=3)
    assert r.read() is S("def") and r.pos == 7
    r2 = Reader(text, "port", start=r.pos)
    assert r2.read() == 12 and r2.pos == 10


def test_reader_does_not_consume_after_atom():
    r = Reader("abc(")
    assert r.read() is S("abc") and r.pos == 3
    r = Reader('"s"x')
    assert r.read().s == "s" and r.pos == 3


def test_read_all_multiple_datums():
    items = read_all("1 2 (3) #t")
    assert items[:2] == [1, 2] and lst(items[2]) == [3] and items[3] is True


# ---------------------------------------------------------------- limits

def test_deep_nesting_without_recursion():
    depth = 100_000
    v = read1("(" * depth + ")" * depth)
    d = 0
    while v is not nil:
        v = v.car
        d += 1
    assert d == depth - 1


def test_deep_nesting_incomplete():
    with pytest.raises(IncompleteInput):
        read_all("(" * 100_000)


def test_deep_quotes():
    v = read1("'" * 10_000 + "x")
    for _ in range(10_000):
        v = v.cdr.car
    assert v is S("x")


def test_one_megabyte_reads():
    form = ('(define (f x y) (if (< x 10) (+ x "str\\n" \'sym 3.5 1/2 #\\a)'
            ' [g #(1 2 3) y])) ; comment\n')
    text = form * (1_000_000 // len(form) + 1)
    items = read_all(text, "big.scm")
    assert len(items) == 1_000_000 // len(form) + 1


def test_reading_grows_linearly():
    """Reading does work proportional to the text (counted in calls, not
    timed: a wall-clock limit fails on a loaded machine; benchmarks/ measure
    speed)."""
    from support import grows_linearly
    form = ('(define (f x y) (if (< x 10) (+ x "str\\n" \'sym 3.5 1/2 #\\a)'
            ' [g #(1 2 3) y])) ; comment\n')
    assert grows_linearly(lambda n: form * n, lambda text: read_all(text, "big.scm"), 100)
    assert grows_linearly(lambda n: "(" * n + ")" * n, read_all, 500)
    assert grows_linearly(lambda n: '"' + "ab\\n" * n + '"', read_all, 1000)
