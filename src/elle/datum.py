"""Readable data: what the reader produces and `quote` returns.

**Owns:** the Python representation of every datum the reader can produce:
symbols (interned), pairs and the empty list, characters, mutable strings,
and source-location records. **Does not touch:** runtime-only values
(procedures, records, ports: `elle.values`), printing (`elle.printer`).

Representation table (the single place this is decided):

    Scheme            Python
    ---------------   ---------------------------------------------------
    exact integer     int (unbounded; never bool: use `type(x) is int`)
    exact rational    fractions.Fraction (denominator > 1 always)
    inexact real      float
    exact complex     elle.complexnum.ExactComplex (exact parts, imag != 0)
    inexact complex   complex (keeps a 0.0 imaginary part: not `real?`)
    #t / #f           True / False
    ()                `nil` (the only Nil instance; distinct from False)
    pair              make_pair(car, cdr) -- mutable, optional `loc`
    symbol            Symbol (interned: compare with `is`)
    character         Char (interned per code point: `is` works)
    string            MString (mutable wrapper around a Python str)
    vector            list
    bytevector        bytearray
"""

from __future__ import annotations


class SourceLoc:
    """Where a datum started: file name, 1-based line and column."""

    __slots__ = ("file", "line", "col")

    def __init__(self, file: str, line: int, col: int):
        self.file = file
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    __str__ = __repr__

    def __eq__(self, other):
        return (isinstance(other, SourceLoc) and self.file == other.file
                and self.line == other.line and self.col == other.col)

    def __hash__(self):
        return hash((self.file, self.line, self.col))


class Symbol:
    """An interned symbol. Create with `Symbol.intern(name)` or `sym(name)`."""

    __slots__ = ("name", "__weakref__")
    _table: dict[str, "Symbol"] = {}

    def __new__(cls, name: str):
        s = cls._table.get(name)
        if s is None:
            s = object.__new__(cls)
            s.name = name
            cls._table[name] = s
        return s

    @classmethod
    def intern(cls, name: str) -> "Symbol":
        return cls(name)

    def __repr__(self) -> str:
        return f"Symbol({self.name!r})"

    def __str__(self) -> str:
        return self.name

    def __reduce__(self):
        return (Symbol, (self.name,))


def sym(name: str) -> Symbol:
    return Symbol(name)


class Nil:
    """The empty list. There is exactly one: `nil`."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "nil"

    def __bool__(self) -> bool:  # () is true in Scheme; only #f is false
        return True

    def __iter__(self):
        return iter(())

    def __reduce__(self):
        return (Nil, ())


nil = Nil()


class Pair:
    """A mutable cons cell. `loc` is the SourceLoc of a list read from source.

    Made by `make_pair(car, cdr, loc)`. The class has no `__init__`, so
    `Pair()` is an empty cell made at C speed (no Python frame), which tier
    1's inline `cons` fills in with three slot stores: measured 135 ns per
    pair against 185 ns for `object.__new__(Pair)` and 296 ns for a Python
    `__init__`."""

    __slots__ = ("car", "cdr", "loc")

    def __iter__(self):
        """Iterate the cars of a proper (or the proper prefix of an improper) list."""
        p = self
        while type(p) is Pair:
            yield p.car
            p = p.cdr

    def __repr__(self) -> str:
        from .printer import write_string
        return write_string(self)


def make_pair(car, cdr, loc: SourceLoc | None = None) -> Pair:
    """A new pair of `car` and `cdr` (read from source at `loc`, if given)."""
    p = Pair()
    p.car = car
    p.cdr = cdr
    p.loc = loc
    return p


class Char:
    """A character, interned per code point so `eq?` on equal chars holds."""

    __slots__ = ("ch",)
    _table: dict[str, "Char"] = {}

    def __new__(cls, ch: str):
        c = cls._table.get(ch)
        if c is None:
            c = object.__new__(cls)
            c.ch = ch
            cls._table[ch] = c
        return c

    def __repr__(self) -> str:
        return f"Char({self.ch!r})"

    def __reduce__(self):
        return (Char, (self.ch,))


class MString:
    """A mutable Scheme string.

    `s` is the current text (a Python str). A string that is never mutated
    holds only that (`text`). The first mutation turns it into a list of
    one-character strings (`chars`), so every later `string-set!` and
    `string-ref` costs O(1), and `string-copy!`, `string-fill!` and
    `substring` O(characters touched) (rebuilding the str for each set made
    a loop over a 100,000-character string take 5 s); reading `s` joins
    the list once and keeps the text until the next mutation.

    Representation: `text` is the current text, or None while only `chars`
    holds it; `chars` is a list that always holds the current text once a
    `string-set!` made it, else the empty tuple. So `x.text or x.chars` is
    always a sequence of the current characters (an empty `text` falls to
    `()`), which is what the O(1) paths (`string-ref`, `string-length`, and
    tier 1's inline texts of them) index. Assigning `s` replaces the text
    and drops `chars`. Two MStrings are distinct objects even with equal
    text (`eq?` differs, `equal?` compares `s`).
    """

    __slots__ = ("text", "chars", "immutable")

    def __init__(self, s: str = "", immutable: bool = False):
        self.text = s
        self.chars = ()
        self.immutable = immutable

    @property
    def s(self) -> str:
        text = self.text
        if text is None:
            text = self.text = "".join(self.chars)
        return text

    @s.setter
    def s(self, text: str) -> None:
        self.text = text
        self.chars = ()

    def set_char(self, k: int, ch: str) -> None:
        """Make character `k` (0 <= k < length, checked by the caller) `ch`."""
        chars = self.chars
        if type(chars) is not list:
            chars = self.chars = list(self.text)
        chars[k] = ch
        self.text = None

    def replace(self, start: int, end: int, text: str) -> None:
        """Make characters start..end (checked by the caller) `text`, of
        the same length: O(len(text)) once the string holds a list."""
        chars = self.chars
        if type(chars) is not list:
            chars = self.chars = list(self.text)
        chars[start:end] = text
        self.text = None

    def slice(self, start: int, end: int) -> str:
        """The text of characters start..end, without joining a list."""
        text = self.text
        return text[start:end] if text is not None else "".join(self.chars[start:end])

    def length(self) -> int:
        return len(self.text or self.chars)

    def __repr__(self) -> str:
        return f"MString({self.s!r})"

    def __str__(self) -> str:
        return self.s

    def __eq__(self, other):
        return isinstance(other, MString) and other.s == self.s

    def __hash__(self):
        return hash(self.s)


def list_to_pairs(items, tail=nil):
    """Build a Scheme list from a Python sequence (optionally dotted onto `tail`)."""
    result = tail
    for x in reversed(items):
        p = Pair()          # (make_pair's three stores inline: no call per element)
        p.car = x
        p.cdr = result
        p.loc = None
        result = p
    return result


def pairs_to_list(p) -> list:
    """The elements of a proper Scheme list as a Python list (raises ValueError if improper)."""
    out = []
    while type(p) is Pair:
        out.append(p.car)
        p = p.cdr
    if p is not nil:
        raise ValueError("improper list")
    return out
