"""Pairs and lists (R7RS 6.4 and `(scheme cxr)`), plus the SRFI-1 procedures
that take no procedure argument.

**Owns:** `cons car cdr set-car! set-cdr!`, every `c[ad]r` combination up to
four letters, `list list? pair? null? length append reverse list-tail
list-ref list-set! list-copy make-list memq memv member assq assv assoc`
(the two-argument forms; the prelude's `10-lists.scm` wraps `member` and
`assoc` to add the predicate argument, calling `%member` / `%assoc`), and
`iota first second third rest last last-pair take drop`.
**Does not touch:** anything that calls a procedure (`map`, `filter`,
`fold`, `sort`, ...: `prelude/10-lists.scm`), vectors and strings.

Every walk over a list uses Floyd's cycle check, so a circular list gives a
type error instead of a hang. Errors name the procedure and show the
argument the user passed: `(car 5)` -> "car: expected a pair, got 5".
"""

from __future__ import annotations

from itertools import product

from ..datum import Pair, list_to_pairs, nil, make_pair
from ..errors import raise_error, type_error
from ..values import unspecified
from .arguments import (check_index, check_length, circular_list_error, list_items, proper_length,
                        who_name)
from .equivalence import equal, eqv
from . import primitive


def _walk(who: str, lst, pos=None):
    """Yield the pairs of the proper list `lst`; improper or circular -> type error."""
    p = lst
    slow = lst
    step = False
    while type(p) is Pair:
        yield p
        p = p.cdr
        if step:
            slow = slow.cdr
            if p is slow:
                circular_list_error(who, pos)
        step = not step
    if p is not nil:
        type_error(who, "a proper list", lst, pos)


# -- pairs ---------------------------------------------------------------

@primitive("cons", 2, pure=True,       # object.__new__: no __init__ call
           inline="p_ = Pair_(); p_.car = {0}; p_.cdr = {1}; p_.loc = None; {dst} = p_")
def cons(a, b):
    return make_pair(a, b)


@primitive("car", 1, pure=True, inline="{0}.car if type({0}) is Pair_ else {f}({0})")
def car(p):
    if type(p) is Pair:
        return p.car
    type_error("car", "a pair", p)


@primitive("cdr", 1, pure=True, inline="{0}.cdr if type({0}) is Pair_ else {f}({0})")
def cdr(p):
    if type(p) is Pair:
        return p.cdr
    type_error("cdr", "a pair", p)


@primitive("set-car!", 2, inline="if type({0}) is Pair_: {0}.car = {1}\n"
                                  "else: {f}({0}, {1})\n{dst} = unspecified_")
def set_car(p, v):
    if type(p) is not Pair:
        type_error("set-car!", "a pair", p, 1)
    p.car = v
    return unspecified


@primitive("set-cdr!", 2, inline="if type({0}) is Pair_: {0}.cdr = {1}\n"
                                  "else: {f}({0}, {1})\n{dst} = unspecified_")
def set_cdr(p, v):
    if type(p) is not Pair:
        type_error("set-cdr!", "a pair", p, 1)
    p.cdr = v
    return unspecified


def _make_cxr(path: str):
    """The c[ad]+r procedure for `path` (e.g. "ad" is cadr: cdr first, then car)."""
    name = f"c{path}r"
    steps = tuple(reversed(path))

    def cxr(x):
        p = x
        for step in steps:
            if type(p) is not Pair:
                type_error(name, "a pair", x)
            p = p.car if step == "a" else p.cdr
        return p

    cxr.__name__ = name.replace("-", "_")
    primitive(name, 1, pure=True, inline=_cxr_text(steps))(cxr)


def _cxr_text(steps) -> str:
    """Tier 1's inline text for a c[ad]+r: each step tests for a pair in
    the walrus local t_ (the test runs before the value is taken), any
    other value calls the primitive for its error."""
    field = {"a": "car", "d": "cdr"}
    tests = ["type(t_ := {0}) is Pair_"]
    for step in steps[:-1]:
        tests.append(f"type(t_ := t_.{field[step]}) is Pair_")
    return f"t_.{field[steps[-1]]} if {' and '.join(tests)} else {{f}}({{0}})"


for _n in (2, 3, 4):
    for _letters in product("ad", repeat=_n):
        _make_cxr("".join(_letters))


# -- list construction and queries ----------------------------------------

def _list_text(n: int) -> str:
    """Tier 1's inline text for `(list a b ...)` of n arguments: the pairs
    made from the last, in the local p_."""
    steps = ["p_ = nil_"]
    for i in reversed(range(n)):
        steps.append(f"q_ = Pair_(); q_.car = {{{i}}}; q_.cdr = p_; q_.loc = None; p_ = q_")
    return "; ".join(steps + ["{dst} = p_"])


@primitive("list", 0, None, pure=True, inline={n: _list_text(n) for n in range(1, 5)})
def list_(*xs):
    return list_to_pairs(xs)


@primitive("pair?", 1, pure=True, inline="type({0}) is Pair_")
def is_pair(x):
    return type(x) is Pair


@primitive("null?", 1, pure=True, inline="{0} is nil_")
def is_null(x):
    return x is nil


@primitive("list?", 1, pure=True)
def is_list(x):
    """#t for a proper list; #f for improper and circular ones."""
    slow = x
    while True:
        if x is nil:
            return True
        if type(x) is not Pair:
            return False
        x = x.cdr
        if x is nil:
            return True
        if type(x) is not Pair:
            return False
        x = x.cdr
        slow = slow.cdr
        if x is slow:
            return False


@primitive("length", 1, pure=True, exact_result="always")
def length(lst):
    return proper_length("length", lst)


@primitive("make-list", 1, 2, pure=True)
def make_list(k, fill=unspecified):
    check_length("make-list", k, 1)
    result = nil
    for _ in range(k):
        result = make_pair(fill, result)
    return result


@primitive("append", 0, None, pure=True)
def append(*lists):
    """Copies every argument but the last, which becomes the shared tail."""
    if not lists:
        return nil
    result = lists[-1]
    for i in range(len(lists) - 2, -1, -1):
        result = list_to_pairs(list_items("append", lists[i], i + 1), result)
    return result


@primitive("reverse", 1, pure=True)
def reverse(lst):
    proper_length("reverse", lst)
    result = nil
    p = lst
    while type(p) is Pair:
        q = Pair()
        q.car = p.car
        q.cdr = result
        q.loc = None
        result = q
        p = p.cdr
    return result


def _tail(who: str, lst, k):
    """The k-th cdr of `lst`; `k` beyond the end is a range error."""
    check_index(who, k, 2)
    p = lst
    for i in range(k):
        if type(p) is not Pair:
            raise_error("range-error", f"{who}: index {k} out of range for list", lst)
        p = p.cdr
    return p


@primitive("list-tail", 2, pure=True)
def list_tail(lst, k):
    return _tail("list-tail", lst, k)


@primitive("list-ref", 2, pure=True)
def list_ref(lst, k):
    p = _tail("list-ref", lst, k)
    if type(p) is not Pair:
        raise_error("range-error", f"list-ref: index {k} out of range for list", lst)
    return p.car


@primitive("list-set!", 3)
def list_set(lst, k, v):
    p = _tail("list-set!", lst, k)
    if type(p) is not Pair:
        raise_error("range-error", f"list-set!: index {k} out of range for list", lst)
    p.car = v
    return unspecified


@primitive("list-copy", 1, pure=True)
def list_copy(obj):
    """Copies the spine; an improper tail is kept, a non-pair is returned as is."""
    if type(obj) is not Pair:
        return obj
    items = []
    p = obj
    slow = obj
    while type(p) is Pair:
        items.append(p.car)
        p = p.cdr
        if len(items) % 2 == 0:
            slow = slow.cdr
            if p is slow:
                raise_error("type-error", "list-copy: expected a list, got a circular list")
    return list_to_pairs(items, p)


# -- membership and association lists --------------------------------------

def _member(who: str, same, x, lst):
    for p in _walk(who, lst, 2):
        if same(x, p.car):
            return p
    return False


def _assoc(who: str, same, x, alist):
    for p in _walk(who, alist, 2):
        entry = p.car
        if type(entry) is not Pair:
            type_error(who, "an association list (a list of pairs)", alist, 2)
        if same(x, entry.car):
            return entry
    return False


@primitive("memq", 2, pure=True)
def memq(x, lst):
    return _member("memq", eqv, x, lst)


@primitive("memv", 2, pure=True)
def memv(x, lst):
    return _member("memv", eqv, x, lst)


@primitive("%member", 2, pure=True)
def member(x, lst):
    return _member("member", equal, x, lst)


@primitive("assq", 2, pure=True)
def assq(x, alist):
    return _assoc("assq", eqv, x, alist)


@primitive("assv", 2, pure=True)
def assv(x, alist):
    return _assoc("assv", eqv, x, alist)


@primitive("%assoc", 2, pure=True)
def assoc(x, alist):
    return _assoc("assoc", equal, x, alist)


# -- SRFI-1 procedures without procedure arguments -------------------------

@primitive("iota", 1, 3, pure=True)
def iota(count, start=0, step=1):
    from .arguments import check_number
    check_length("iota", count, 1)
    check_number("iota", start, 2)
    check_number("iota", step, 3)
    return list_to_pairs([start + i * step for i in range(count)])


def _nth(who: str, lst, k):
    p = lst
    for _ in range(k):
        if type(p) is not Pair:
            type_error(who, f"a list of at least {k + 1} elements", lst)
        p = p.cdr
    if type(p) is not Pair:
        type_error(who, f"a list of at least {k + 1} elements", lst)
    return p.car


@primitive("first", 1, pure=True)
def first(lst):
    return _nth("first", lst, 0)


@primitive("second", 1, pure=True)
def second(lst):
    return _nth("second", lst, 1)


@primitive("third", 1, pure=True)
def third(lst):
    return _nth("third", lst, 2)


@primitive("rest", 1, pure=True)
def rest(lst):
    if type(lst) is Pair:
        return lst.cdr
    type_error("rest", "a pair", lst)


@primitive("last-pair", 1, pure=True)
def last_pair(lst):
    """The last pair of a non-empty list (an improper tail is allowed)."""
    if type(lst) is not Pair:
        type_error("last-pair", "a pair", lst)
    p = slow = lst
    step = False
    while type(p.cdr) is Pair:
        p = p.cdr
        if step:
            slow = slow.cdr
            if p is slow:
                raise_error("type-error", "last-pair: expected a list, got a circular list")
        step = not step
    return p


@primitive("last", 1, pure=True)
def last(lst):
    if type(lst) is not Pair:
        type_error("last", "a pair", lst)
    return last_pair(lst).car


@primitive("take", 2, pure=True)
def take(lst, k):
    check_index("take", k, 2)
    items = []
    p = lst
    for _ in range(k):
        if type(p) is not Pair:
            raise_error("range-error", f"take: list has fewer than {k} elements", lst)
        items.append(p.car)
        p = p.cdr
    return list_to_pairs(items)


@primitive("drop", 2, pure=True)
def drop(lst, k):
    return _tail("drop", lst, k)


@primitive("append-reverse", 2, pure=True)
def append_reverse(rev_head, tail):
    """(append (reverse rev-head) tail), without the intermediate list."""
    result = tail
    for p in _walk("append-reverse", rev_head, 1):
        result = make_pair(p.car, result)
    return result


# -- helpers for the prelude's n-ary procedures (map, for-each, fold, ...) ---

@primitive("%check-list", 3, pure=True)
def check_list(who, lst, pos):
    """Return `lst` if it is a proper list, else raise `who`'s type error."""
    proper_length(who_name(who), lst, pos)
    return lst


def _check_list_arg(who, x, i: int):
    if type(x) is not Pair and x is not nil:
        name = who_name(who)
        type_error(name, "a list", x, i + 2)


@primitive("%cars", 2, pure=True)
def cars(who, lists):
    """The cars of every list in `lists`, as a list; #f when any list has ended."""
    items = []
    for i, x in enumerate(list_items("%cars", lists, 2)):
        if type(x) is not Pair:
            _check_list_arg(who, x, i)
            return False
        items.append(x.car)
    return list_to_pairs(items)


@primitive("%cdrs", 1, pure=True)
def cdrs(lists):
    """The cdrs of every list in `lists` (pairs, as `%cars` found them)."""
    out = []
    for x in list_items("%cdrs", lists, 1):
        if type(x) is not Pair:
            type_error("%cdrs", "a list of pairs", lists, 1)
        out.append(x.cdr)
    return list_to_pairs(out)


@primitive("%check-procedure", 3, pure=True)
def check_procedure_arg(who, x, pos):
    """Return `x` if it is a procedure, else raise `who`'s type error."""
    from ..values import Procedure
    if isinstance(x, Procedure):
        return x
    type_error(who_name(who), "a procedure", x, pos)


@primitive("%check-vector", 3, pure=True)
def check_vector_arg(who, x, pos):
    """Return `x` if it is a vector, else raise `who`'s type error."""
    if type(x) is list:
        return x
    type_error(who_name(who), "a vector", x, pos)


class _SortKey:
    """Orders values by a Python-implemented `less?` (only `<` is used by sorted)."""

    __slots__ = ("value", "less")

    def __init__(self, value, less):
        self.value = value
        self.less = less

    def __lt__(self, other):
        return self.less(self.value, other.value) is not False


@primitive("%sort-by-primitive", 2)
def sort_by_primitive(items, less):
    """Stable-sort the proper list `items` when `less` is a plain Python
    primitive (such as `<` or `string<?`): Python's sort calls the
    primitive's function directly, which runs no Elle code and so is as safe
    as any primitive calling a helper. Returns #f for any other `less`
    (closures, control primitives), and the prelude's merge sort runs."""
    from ..values import Primitive
    if (type(less) is not Primitive or less.control is not None or less.tail
            or less.min_args > 2 or (less.max_args is not None and less.max_args < 2)):
        return False
    fn = less.fn
    values = list_items("sort", items, 1)
    return list_to_pairs(sorted(values, key=lambda v: _SortKey(v, fn)))
