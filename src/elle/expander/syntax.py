"""Identifiers, scopes and bindings: the vocabulary of the expander.

**Owns:** `Alias` (an identifier a macro introduced: a renamed symbol that
remembers the environment of the macro's definition), `Scope` (one lexical
contour: identifier -> binding), the binding kinds (`Special`, `Macro`
subclasses; a `core.Var` is a local variable and a plain `Symbol` is a
global), the table of builtin keywords (`BUILTINS`) and the small datum
helpers every form handler uses (`strip`, `parse_list`, `Builder`).
**Does not touch:** expansion itself (`expander.engine`), pattern matching
(`expander.syntax_rules`).

Hygiene is the renaming approach of Clinger & Rees ("Macros that work",
POPL 1991) and explicit renaming: every template identifier a macro inserts
is wrapped in a fresh `Alias(name, env)`. An Alias that the expansion itself
binds is a new key in a `Scope`, so it captures nothing the user wrote; an
Alias left free is looked up again, by its `name`, in the scope `env` where
the macro was defined, so it means what it meant there.
"""

from __future__ import annotations

import itertools

from ..datum import Pair, Symbol, nil, make_pair
from ..errors import syntax_error

_marks = itertools.count(1)


class Alias:
    """An identifier introduced by one macro expansion.

    `name` is the identifier in the template (a Symbol, or an Alias when a
    macro-defining macro renames twice); `env` is the Scope of the macro's
    definition; `mark` tells expansions apart in dumps. Compared by identity.
    """

    __slots__ = ("name", "env", "mark")

    def __init__(self, name, env: "Scope"):
        self.name = name
        self.env = env
        self.mark = next(_marks)

    @property
    def symbol(self) -> Symbol:
        """The plain symbol under all the renamings."""
        x = self.name
        while type(x) is Alias:
            x = x.name
        return x

    def __repr__(self):
        return f"{self.symbol.name}.{self.mark}"


def is_identifier(x) -> bool:
    return type(x) is Symbol or type(x) is Alias


def base_symbol(x) -> Symbol:
    """The symbol an identifier was written as (Aliases stripped)."""
    return x.symbol if type(x) is Alias else x


class Scope:
    """One lexical contour. `table` maps identifiers (Symbol or Alias, by
    identity) to bindings. The chain of `parent`s ends at a root scope
    (`kind` "toplevel" or "builtin") whose lookups the Expander answers.
    A toplevel scope with a `library` (its name tuple) is the namespace of
    one `define-library` body (see `expander.libraries`)."""

    __slots__ = ("parent", "table", "kind", "library")

    def __init__(self, parent: "Scope | None", kind: str = "local", library=None):
        self.parent = parent
        self.table = {}
        self.kind = kind
        self.library = library

    def bind(self, ident, binding) -> None:
        self.table[ident] = binding

    def __repr__(self):
        return f"#<scope {self.kind} {len(self.table)}>"


# ---------------------------------------------------------------------------
# Bindings a keyword can have (a local variable is a core.Var, a global a Symbol)


class Special:
    """A core special form: `handler(expander, form, scope) -> core.Node`."""

    __slots__ = ("name", "handler")

    def __init__(self, name: str, handler):
        self.name = name
        self.handler = handler

    def __repr__(self):
        return f"#<special {self.name}>"


class Macro:
    """Anything whose use is rewritten to another datum first."""

    name = "macro"

    def transform(self, expander, form, scope):
        raise NotImplementedError


class BuiltinMacro(Macro):
    """A derived form written in Python: `fn(expander, form, scope) -> datum`.
    Identifiers it inserts come from a `Builder`, so they mean the builtin
    keywords and globals whatever the user has bound around the use."""

    __slots__ = ("name", "fn")

    def __init__(self, name: str, fn):
        self.name = name
        self.fn = fn

    def transform(self, expander, form, scope):
        return self.fn(expander, form, scope)

    def __repr__(self):
        return f"#<builtin-macro {self.name}>"


# Symbol -> Special | BuiltinMacro: the keywords every program starts with.
BUILTINS: dict = {}


def special(*names):
    """Register the decorated handler as the core special form(s) `names`."""
    def register(fn):
        for n in names:
            BUILTINS[Symbol(n)] = Special(n, fn)
        return fn
    return register


def builtin_macro(*names):
    """Register the decorated transformer as builtin derived form(s) `names`."""
    def register(fn):
        for n in names:
            BUILTINS[Symbol(n)] = BuiltinMacro(n, fn)
        return fn
    return register


# ---------------------------------------------------------------------------
# Datum helpers


def _contains_alias(x, seen) -> bool:
    while True:
        t = type(x)
        if t is Alias:
            return True
        if t is Pair:
            if id(x) in seen:
                return False
            seen.add(id(x))
            if _contains_alias(x.car, seen):
                return True
            x = x.cdr
            continue
        if t is list:
            if id(x) in seen:
                return False
            seen.add(id(x))
            return any(_contains_alias(e, seen) for e in x)
        return False


def _strip_copy(x):
    t = type(x)
    if t is Alias:
        return x.symbol
    if t is Pair:
        cells = []
        while type(x) is Pair:
            cells.append(x)
            x = x.cdr
        result = _strip_copy(x)
        for c in reversed(cells):
            result = make_pair(_strip_copy(c.car), result, c.loc)
        return result
    if t is list:
        return [_strip_copy(e) for e in x]
    return x


def strip(x):
    """`x` with every Alias replaced by its plain symbol (what `quote` of
    macro-inserted data must return). Returns `x` itself when nothing needs
    changing, so literals keep their identity and cyclic data is safe."""
    if not _contains_alias(x, set()):
        return x
    return _strip_copy(x)


def parse_list(x, who: str, form, min_len: int = 0, max_len: int | None = None,
               shape: str = ""):
    """The elements of proper list `x` as a Python list, or a syntax error
    "`who`: expected `shape`" at `form` when `x` is improper or the wrong length."""
    items = []
    p = x
    mark, next_mark = x, 2      # Brent's cycle check: a circular list is not for ever
    while type(p) is Pair:
        items.append(p.car)
        p = p.cdr
        if p is mark:
            syntax_error(f"{who}: bad syntax, a circular list", loc=getattr(form, "loc", None))
        if len(items) == next_mark:
            mark, next_mark = p, 2 * next_mark
    if p is not nil or len(items) < min_len or (max_len is not None and len(items) > max_len):
        syntax_error(_shape_message(who, shape, x, items, p, min_len, max_len),
                     loc=getattr(form, "loc", None))
    return items


def _shape_message(who, shape, x, items, tail, min_len, max_len) -> str:
    """Name what is wrong with list `x`: the part after a dot, the first
    extra element, or that parts are missing (showing what there is)."""
    from ..printer import write_limited
    expected = f", expected {shape}" if shape else ""
    if tail is not nil:
        return f"{who}: bad syntax, a dotted tail . {write_limited(strip(tail), 60)}{expected}"
    if max_len is not None and len(items) > max_len:
        return f"{who}: bad syntax, unexpected {write_limited(strip(items[max_len]), 60)}{expected}"
    return f"{who}: bad syntax, missing parts in {write_limited(strip(x), 60)}{expected}"


def list_cells(x):
    """(cells, tail): the Pair cells of the spine of `x` and what ends it."""
    cells = []
    mark, next_mark = x, 2      # Brent's cycle check, as in parse_list
    while type(x) is Pair:
        cells.append(x)
        x = x.cdr
        if x is mark:
            syntax_error("bad syntax, a circular list", loc=getattr(cells[0], "loc", None))
        if len(cells) == next_mark:
            mark, next_mark = x, 2 * next_mark
    return cells, x


class Builder:
    """Builds the datum a builtin macro expands into.

    `b.id("if")` is the builtin keyword or global `if` (an Alias into the
    builtin scope, the same object for every use in this expansion);
    `b.temp("k")` a fresh temporary no user identifier can refer to;
    `b.L(...)` a list whose pairs carry the use site's location.
    """

    def __init__(self, expander, loc):
        self.env = expander.builtin_scope
        self.loc = loc
        self.ids = {}

    def id(self, name: str):
        a = self.ids.get(name)
        if a is None:
            a = self.ids[name] = Alias(Symbol(name), self.env)
        return a

    def temp(self, name: str):
        return Alias(Symbol(name), self.env)

    def L(self, *items, tail=nil):
        result = tail
        for x in reversed(items):
            result = make_pair(x, result, self.loc)
        return result

    def quote(self, datum):
        return self.L(self.id("quote"), datum)
