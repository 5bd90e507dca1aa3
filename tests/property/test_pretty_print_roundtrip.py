"""Property: what `pretty-print` writes reads back as the datum printed, and
is one line when `write`'s text fits on one, several when it does not. The datums are the
read/write round-trip's (every readable type, nested lists, dotted lists,
vectors), plus wide program-like lists that force line breaks."""

from hypothesis import given, settings
from hypothesis import strategies as st

from elle.datum import Symbol, nil
from elle.primitives.formatting import WIDTH, pretty_text
from elle.printer import write_string
from elle.reader import read_all

from test_read_write_roundtrip import build_list, datums, same

HEADS = ["define", "lambda", "let", "let*", "if", "cond", "when", "do", "f", "quote",
         "quasiquote", "unquote", "a-rather-long-procedure-name"]
words = st.sampled_from(["x", "y", "acc", "(", "loop", "some-longer-name", "n"]).map(Symbol)


def forms(children):
    return st.tuples(st.sampled_from(HEADS).map(Symbol),
                     st.lists(children, min_size=0, max_size=6)).map(
        lambda t: build_list([t[0], *t[1]], nil))


programs = st.recursive(st.one_of(words, st.integers(-999, 999)), forms, max_leaves=60)


def reads_back(d):
    text = pretty_text(d)
    back = read_all(text, "<pp>")
    assert len(back) == 1 and same(back[0], d), text
    return text


@settings(max_examples=150, deadline=None)
@given(datums)
def test_pretty_print_reads_back(d):
    text = reads_back(d)
    if len(write_string(d)) <= WIDTH:       # (quote x) as 'x only shortens it
        assert "\n" not in text


@settings(max_examples=150, deadline=None)
@given(programs)
def test_wide_programs_read_back_and_break(d):
    text = reads_back(d)
    if "\n" not in text:                    # short atoms: too wide means broken
        assert len(text) <= WIDTH
