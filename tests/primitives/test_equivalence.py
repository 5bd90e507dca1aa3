"""eq?, eqv?, equal? (elle.primitives.equivalence)."""

from fractions import Fraction

from hypothesis import given, strategies as st

from elle.datum import Char, MString, Symbol, list_to_pairs, nil, make_pair
from elle.primitives import load_all
from elle.primitives.equivalence import equal, eqv
from elle.values import Record, RecordType

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def L(*xs):
    return list_to_pairs(list(xs))


def test_eqv_numbers_follow_r7rs():
    assert eqv(2, 2) and eqv(10**30, 10**30)
    assert not eqv(2, 2.0)                       # exactness differs
    assert eqv(Fraction(1, 3), Fraction(1, 3))
    assert eqv(1.5, 1.5)
    assert eqv(float("nan"), float("nan"))
    assert not eqv(0.0, -0.0)
    assert eqv(-0.0, -0.0)
    assert not eqv(True, 1)                      # booleans are not numbers


def test_eqv_identity_for_everything_else():
    assert eqv(Symbol("a"), Symbol("a"))
    assert eqv(Char("x"), Char("x"))
    assert eqv(nil, nil)
    assert not eqv(MString("a"), MString("a"))
    s = MString("a")
    assert eqv(s, s)
    assert not eqv([1], [1])
    assert not eqv(bytearray(b"a"), bytearray(b"a"))
    assert not eqv(make_pair(1, 2), make_pair(1, 2))
    assert not eqv(False, nil)


def test_eq_is_friendly_on_numbers():
    assert call("eq?", 10**20, 10**20) is True
    assert call("eq?", 1.0, 1.0) is True
    assert call("eq?", L(1), L(1)) is False
    assert call("eqv?", 1, 1.0) is False


def test_equal_structures():
    assert equal(L(1, L(2, MString("x")), [3, 4]), L(1, L(2, MString("x")), [3, 4]))
    assert not equal(L(1, 2), L(1, 2, 3))
    assert not equal(L(1, 2), make_pair(1, 2))
    assert equal(bytearray(b"ab"), bytearray(b"ab"))
    assert not equal([1, 2], [1, 2, 3])
    assert not equal(MString("a"), MString("b"))
    assert not equal(2, 2.0)
    assert call("equal?", [L(1)], [L(1)]) is True


def test_equal_records_by_identity():
    t = RecordType("p", (Symbol("x"),))
    r1, r2 = Record(t, [1]), Record(t, [1])
    assert equal(r1, r1)
    assert not equal(r1, r2)


def test_equal_terminates_on_cycles():
    a = L(1, 2)
    a.cdr.cdr = a
    b = L(1, 2)
    b.cdr.cdr = b
    assert equal(a, b)
    c = L(1, 2, 1, 2)
    c.cdr.cdr.cdr.cdr = c                       # unrolled twice: same infinite list
    assert equal(a, c)
    d = L(1, 3)
    d.cdr.cdr = d
    assert not equal(a, d)
    v = [1, None]
    v[1] = v
    w = [1, None]
    w[1] = w
    assert equal(v, w)


def test_equal_long_and_deep_structures_do_not_recurse():
    n = 200_000
    assert equal(list_to_pairs(list(range(n))), list_to_pairs(list(range(n))))
    deep1 = nil
    deep2 = nil
    for _ in range(50_000):
        deep1 = make_pair(deep1, nil)
        deep2 = make_pair(deep2, nil)
    assert equal(deep1, deep2)


atoms = st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=3),
                  st.booleans())


def to_elle(x):
    if isinstance(x, str):
        return MString(x)
    if isinstance(x, list):
        return list_to_pairs([to_elle(e) for e in x])
    if isinstance(x, tuple):
        return [to_elle(e) for e in x]
    return x


trees = st.recursive(atoms, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                   st.lists(kids, max_size=4).map(tuple)),
                     max_leaves=20)


@given(trees)
def test_equal_is_reflexive_on_copies(t):
    assert equal(to_elle(t), to_elle(t))


@given(trees, trees)
def test_equal_agrees_with_structure(a, b):
    def norm(x):     # Python equality, but 1 != 1.0 and True != 1 as in eqv?
        if isinstance(x, (list, tuple)):
            return (type(x).__name__, tuple(norm(e) for e in x))
        if isinstance(x, float) and x == 0.0:
            return ("float", str(x))
        return (type(x).__name__, x)
    assert equal(to_elle(a), to_elle(b)) == (norm(a) == norm(b))
