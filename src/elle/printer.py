"""The printer: external representations of every Elle value.

**Owns:** `write_string` (R7RS `write`: labels only where there is a
cycle), `write_shared_string` (labels all shared structure),
`write_simple_string` (never labels), `display_string` (like `write` but
strings and characters raw, symbols without bars), and the text of every
non-datum value (`#<procedure f>`, `#<point 1 2>`, `#<eof>`, ...). Numbers
print in radix 10 so that they read back `eqv?`: complex ones as `1+2i`,
`+i`, `-1/2i` (exact; a zero real part is left out) or `0.0+1.0i` (inexact:
both parts always, with their signs). A symbol is barred when it would read
back as something else (`|+i|`, `|1e2|`) and also when it starts like an
infinity or NaN (`|+NaN.0abc|`), which other readers may take for a number.
**Does not touch:** ports and output buffering (`primitives.io`), number
formatting in other radixes (`primitives.number_syntax`), reading
(`elle.reader`, used here only to decide whether a symbol needs bars).

Design: two printers that give the same text. The fast one (see "fast
path" below) writes atoms and acyclic lists and vectors up to 100 deep by
recursion and a type -> text table; anything else goes to the general one.
The general printer is a loop over an explicit stack, never recursion, so a
1,000,000-element list or a 10,000-deep nest prints fine. The stack holds
either `str` (text ready to emit) or a container value still to expand
(pair, vector, record, box, error object, multiple values); atoms are turned
into text when they are pushed. Before printing, a depth-first search marks
the containers that need a datum label: for `write`/`display` the targets of
DFS back edges (every cycle contains one, so every cycle is cut), for
`write-shared` every container reached twice. `write-simple` never labels;
instead of looping forever on a circular datum it raises a "range-error"
(R7RS leaves non-termination there unspecified; an error is kinder).

Record instances print as `#<name field ...>`; a record type name written
`<point>` prints as `point` (one pair of angle brackets is dropped).
Objects with an `__elle_repr__()` method (hash tables, ports, ...) print as
that method's text. Any other Python object prints as `#<python REPR>`.

`write_limited` is `write` cut to `ERROR_PRINT_WIDTH` characters (Racket's
`error-print-width`), for values quoted in error messages.
"""

from __future__ import annotations

import functools
import gc
import math
import operator
import re
from fractions import Fraction

from .complexnum import ExactComplex
from .datum import Char, MString, Nil, Pair, Symbol
from .errors import ElleError
from .values import (Box, Continuation, Default, Environment, Eof, ErrorObject,
                     Parameter, Procedure, Promise, Record, RecordType,
                     Unspecified, Values)

# ---------------------------------------------------------------- atoms

CHAR_WRITE_NAMES = {
    "\x07": "alarm", "\x08": "backspace", "\x7f": "delete", "\x1b": "escape",
    "\n": "newline", "\x00": "null", "\r": "return", " ": "space", "\t": "tab",
}

_STRING_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_SYMBOL_ESCAPES = {"|": "\\|", "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}

# Names that certainly read back as themselves (R7RS <identifier> without |...|).
_PLAIN_SYMBOL = re.compile(
    r"[a-zA-Z!$%&*/:<=>?^_~][a-zA-Z0-9!$%&*/:<=>?^_~+\-.@]*\Z")
_symbol_is_plain: dict = {}
# Names that read back as symbols in Elle but start like an infinity or NaN:
# barred anyway, as other readers may take the prefix for a number.
_INFNAN_PREFIX = re.compile(r"[+-](?:inf|nan)\.0", re.I)


def int_text(n: int) -> str:
    """str(n), also past CPython's limit on long decimal conversions."""
    try:
        return str(n)
    except ValueError:
        sign = "-" if n < 0 else ""
        return sign + _big_digits(abs(n))


def _big_digits(n: int) -> str:
    if n < 10 ** 4000:
        return str(n)
    k = len(bin(n)) * 3 // 20        # about a half of the decimal digit count
    high, low = divmod(n, 10 ** k)
    return _big_digits(high) + _big_digits(low).rjust(k, "0")


def float_text(x: float) -> str:
    if x != x:
        return "+nan.0"
    if math.isinf(x):
        return "+inf.0" if x > 0 else "-inf.0"
    text = repr(x)   # shortest round-trip digits; has '.', 'e' or both
    mantissa, e, exp = text.partition("e")
    if not e:
        return text
    # Scheme style exponent: 1e21 and 1e-7, not Python's 1e+21 and 1e-07
    sign = "-" if exp.startswith("-") else ""
    return f"{mantissa}e{sign}{exp.lstrip('+-').lstrip('0') or '0'}"


def _signed(text: str) -> str:
    return text if text[0] in "+-" else "+" + text


def complex_text(z: complex) -> str:
    """An inexact complex: both parts always written (`0.0+1.0i`, `1.0-0.0i`)."""
    return float_text(z.real) + _signed(float_text(z.imag)) + "i"


def exact_complex_text(z: ExactComplex, part=None) -> str:
    """An exact complex (`1+2i`, `+i`, `-1/2i`); `part` writes one exact real
    (default: in radix 10)."""
    if part is None:
        part = exact_real_text
    im = z.im
    im_text = "+" if im == 1 else "-" if im == -1 else _signed(part(im))
    return ("" if z.re == 0 else part(z.re)) + im_text + "i"


def exact_real_text(q) -> str:
    if type(q) is Fraction:
        return int_text(q.numerator) + "/" + int_text(q.denominator)
    return int_text(q)


def _escape(s: str, table: dict) -> str:
    out = []
    for ch in s:
        esc = table.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):x};")
    return "".join(out)


def string_text(s: str) -> str:
    """`s` written as a string literal.

    `str.replace` runs in C and costs little when there is nothing to
    replace, so the common cases are a few of them; the character loop is
    left for text with other unprintable characters."""
    if '"' in s or "\\" in s:
        s = s.replace("\\", "\\\\").replace('"', '\\"')
    if s.isprintable():
        return '"' + s + '"'
    s = s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    if s.isprintable():
        return '"' + s + '"'
    # Other unprintable characters: `s` already has its backslashes, quotes,
    # newlines, tabs and returns escaped; _escape would double them, so
    # escape only what is left.
    return '"' + "".join(ch if ch.isprintable() else f"\\x{ord(ch):x};" for ch in s) + '"'


def char_text(ch: str) -> str:
    """The character `ch` written as `#\\...`."""
    name = CHAR_WRITE_NAMES.get(ch)
    if name is not None:
        return "#\\" + name
    if ch.isprintable():
        return "#\\" + ch
    return f"#\\x{ord(ch):x}"


def symbol_text(s: Symbol) -> str:
    """The symbol written so that it reads back as itself (bars if needed)."""
    name = s.name
    if _PLAIN_SYMBOL.match(name):
        return name
    plain = _symbol_is_plain.get(s)
    if plain is None:
        plain = _symbol_is_plain[s] = _reads_back(s) and not _INFNAN_PREFIX.match(name)
    return name if plain else "|" + _escape(name, _SYMBOL_ESCAPES) + "|"


def _reads_back(s: Symbol) -> bool:
    from .reader import Reader
    if not s.name or not s.name.isprintable() or "\\" in s.name or "|" in s.name:
        return False    # a backslash or bar outside bars is not portable R7RS
    reader = Reader(s.name)
    try:
        return reader.read() is s and reader.read() is Reader.EOF
    except ElleError:
        return False


def _record_name(rtype) -> str:
    name = str(rtype.name)
    if len(name) > 2 and name[0] == "<" and name[-1] == ">":
        return name[1:-1]
    return name


def _procedure_text(p) -> str:
    if isinstance(p, Continuation):
        return "#<continuation>"
    if isinstance(p, Parameter):
        return "#<parameter>"
    name = getattr(p, "name", None)
    return f"#<procedure {name}>" if name is not None else "#<procedure>"


def atom_text(x, write: bool) -> str:
    """Text of a value that contains no other values."""
    t = type(x)
    if t is int:
        return int_text(x)
    if t is Symbol:
        return symbol_text(x) if write else x.name
    if t is MString:
        return string_text(x.s) if write else x.s
    if t is bool:
        return "#t" if x else "#f"
    if t is Nil:
        return "()"
    if t is float:
        return float_text(x)
    if t is Fraction:
        return int_text(x.numerator) + "/" + int_text(x.denominator)
    if t is complex:
        return complex_text(x)
    if t is ExactComplex:
        return exact_complex_text(x)
    if t is Char:
        return char_text(x.ch) if write else x.ch
    if t is bytearray or t is bytes:
        return "#u8(" + " ".join(map(str, x)) + ")"
    if isinstance(x, Procedure):
        return _procedure_text(x)
    if t is Unspecified:
        return "#<unspecified>"
    if t is Eof:
        return "#<eof>"
    if t is RecordType:
        return f"#<record-type {_record_name(x)}>"
    if t is Promise:
        return "#<promise>"
    if t is Environment:
        return "#<environment>"
    if t is Default:
        return "#<default>"
    custom = getattr(t, "__elle_repr__", None)
    if custom is not None:
        return custom(x)
    return f"#<python {x!r}>"


# ---------------------------------------------------------------- containers

_CONTAINERS = (Pair, list, Record, Box, ErrorObject, Values)


def _children(x):
    """The values directly inside container `x`."""
    t = type(x)
    if t is Pair:
        return (x.car, x.cdr)
    if t is list:
        return x
    if t is Record:
        return x.values
    if t is Box:
        return (x.value,)
    if t is ErrorObject:
        return x.irritants
    return x.items   # Values


def _is_tree(root) -> bool:
    """True if no container under `root` is reached twice (so no labels).

    One set operation per container: much cheaper than the full search in
    `find_labelled`, which only runs when this answers False.
    """
    containers = _CONTAINERS
    seen = set()
    add = seen.add
    stack = [root]
    while stack:
        x = stack.pop()
        if type(x) is not Pair:
            key = id(x)
            if key in seen:
                return False
            add(key)
            stack.extend(c for c in _children(x) if type(c) in containers)
            continue
        while True:     # along the spine
            key = id(x)
            if key in seen:
                return False
            add(key)
            car = x.car
            if type(car) in containers:
                stack.append(car)
            x = x.cdr
            if type(x) is not Pair:
                if type(x) in containers:
                    stack.append(x)
                break
    return True


def _labels(x, shared: bool) -> set:
    """ids needing datum labels in `x` (empty for atoms and trees)."""
    if type(x) not in _CONTAINERS or _is_tree(x):
        return set()
    return find_labelled(x, shared)


def find_labelled(root, shared: bool) -> set:
    """ids of the containers under `root` that need a datum label.

    Iterative depth-first search with grey (on the current path) and black
    (finished) marks. A container met again while grey closes a cycle; with
    `shared`, any container met a second time is labelled. A list spine is
    walked in a loop (one `_Finish` record for the whole run of pairs) and
    only container cars are pushed, so long lists cost little per element.
    """
    containers = _CONTAINERS
    state = {}          # id -> True while grey, False once black
    labelled = set()
    stack = [root]
    while stack:
        x = stack.pop()
        t = type(x)
        if t is _Finish:
            for key in x:
                state[key] = False
            continue
        finish = _Finish()
        stack.append(finish)
        if t is not Pair:
            key = id(x)
            grey = state.get(key)
            if grey is not None:
                if grey or shared:
                    labelled.add(key)
                continue
            state[key] = True
            finish.append(key)
            stack.extend(c for c in reversed(list(_children(x))) if type(c) in containers)
            continue
        while True:     # along the spine; x is a Pair
            key = id(x)
            grey = state.get(key)
            if grey is not None:
                if grey or shared:
                    labelled.add(key)
                break
            state[key] = True
            finish.append(key)
            car = x.car
            x = x.cdr
            if type(car) in containers:
                # The car's subtree must finish before the rest of the spine.
                if type(x) in containers:
                    stack.append(x)
                stack.append(car)
                break
            if type(x) is not Pair:
                if type(x) in containers:
                    stack.append(x)
                break
    return labelled


class _Finish(list):
    """DFS record: ids of containers to mark black when it is popped."""

    __slots__ = ()


class _Printer:
    """One printing job: the output pieces, the work stack, label numbers."""

    def __init__(self, write: bool, labelled: set):
        self.write = write
        self.labelled = labelled
        self.numbers: dict = {}       # id -> label number once printed
        self.out: list[str] = []
        self.stack: list = []

    def push(self, x):
        """Schedule value `x` (expanded later if a container)."""
        if type(x) in _CONTAINERS:
            self.stack.append(x)
        else:
            self.stack.append(atom_text(x, self.write))

    def push_sequence(self, items, sep=" "):
        """Schedule `items` separated by `sep`.

        Runs of atoms become one joined string, so a long flat list costs
        one stack entry rather than two per element.
        """
        containers = _CONTAINERS
        write = self.write
        segments = []
        run = []
        first = True
        for item in items:
            if first:
                first = False
            else:
                run.append(sep)
            if type(item) in containers:
                if run:
                    segments.append("".join(run))
                    run = []
                segments.append(item)
            else:
                run.append(atom_text(item, write))
        if run:
            segments.append("".join(run))
        segments.reverse()
        self.stack.extend(segments)

    def run(self, x, limit=None) -> str:
        """The text of `x`; with `limit`, stop soon after that many characters."""
        out = self.out
        stack = self.stack
        labelled = self.labelled
        self.push(x)
        size = 0
        while stack:
            item = stack.pop()
            if type(item) is str:
                out.append(item)
                if limit is not None:
                    size += len(item)
                    if size > limit:
                        break
                continue
            if labelled and id(item) in labelled:
                number = self.numbers.get(id(item))
                if number is not None:
                    out.append(f"#{number}#")
                    continue
                number = self.numbers[id(item)] = len(self.numbers)
                out.append(f"#{number}=")
            self.expand(item)
        return "".join(out)

    def expand(self, x):
        t = type(x)
        if t is Pair:
            self.expand_pair(x)
        elif t is list:
            self.out.append("#(")
            self.stack.append(")")
            self.push_sequence(x)
        elif t is Record:
            self.out.append("#<" + _record_name(x.rtype))
            self.stack.append(">")
            if x.values:
                self.push_sequence(x.values)
                self.stack.append(" ")
        elif t is Box:
            self.out.append("#<box ")
            self.stack.append(">")
            self.push(x.value)
        elif t is ErrorObject:
            self.out.append(f"#<error-object {x.kind}: {x.message}")
            self.stack.append(">")
            if x.irritants:
                self.push_sequence(x.irritants)
                self.stack.append(" ")
        else:   # Values
            self.push_sequence(x.items)

    def expand_pair(self, p):
        """`(a b ...)` or `(a b . tail)`, cutting the spine at a labelled pair."""
        labelled = self.labelled
        items = [p.car]
        q = p.cdr
        while type(q) is Pair and not (labelled and id(q) in labelled):
            items.append(q.car)
            q = q.cdr
        self.out.append("(")
        stack = self.stack
        stack.append(")")
        if type(q) is not Nil:
            self.push(q)
            stack.append(" . ")
        self.push_sequence(items)


# ---------------------------------------------------------------- fast path
#
# Most printed values are atoms or small acyclic lists and vectors. For them
# the general printer's label search and work stack cost more than the text.
# The fast printer below writes them with plain recursion and a type -> text
# table, and gives up (raising _TooBig) when it meets a record, box, error
# object or multiple values, a nest deeper than _FAST_DEPTH, a circular list
# spine (checked with Floyd's tortoise and hare once a spine passes
# _SPINE_CHECK pairs), or an integer too long for `str`. A circular datum
# always gives up: a cycle of cdrs alone is a circular spine, and any other
# cycle deepens the nest each time round. An acyclic datum needs no labels
# under `write`, `display` or `write-simple`, so the two printers then agree
# exactly (tests/property/test_printer_fast_path.py checks this). Giving up
# wastes at most the work done so far, so a datum that needs the general
# printer costs at most about twice what it did before.

class _TooBig(Exception):
    """The fast printer gave up; the general printer takes over."""


_FAST_DEPTH = 100
_SPINE_CHECK = 10000
_SPINE_STEPS = range(_SPINE_CHECK)


class _SymbolTexts(dict):
    """Symbol -> its `write` text, filled on first use (symbols are interned
    and never freed, so this holds no more than the symbol table)."""

    def __missing__(self, s):
        text = self[s] = symbol_text(s)
        return text


class _CharTexts(dict):
    """Char -> its `write` text, filled on first use (chars are interned)."""

    def __missing__(self, c):
        text = self[c] = char_text(c.ch)
        return text


def _write_mstring(x) -> str:
    """`string_text(x.s)`, with its common cases inline."""
    s = x.s
    if '"' in s or "\\" in s:
        s = s.replace("\\", "\\\\").replace('"', '\\"')
    if s.isprintable():
        return '"' + s + '"'
    return string_text(x.s)


def _bool_text(b: bool) -> str:
    return "#t" if b else "#f"


def _nil_text(x) -> str:
    return "()"


# Atom type -> text, for `write` and for `display`; a type not in the table
# goes to `atom_text` (procedures, ports, record types, Python objects, ...).
WRITE_ATOMS = {
    int: int_text,
    Symbol: _SymbolTexts().__getitem__,
    MString: _write_mstring,
    bool: _bool_text,
    Nil: _nil_text,
    float: float_text,
    Char: _CharTexts().__getitem__,
    Fraction: exact_real_text,
}
DISPLAY_ATOMS = dict(WRITE_ATOMS)
DISPLAY_ATOMS[Symbol] = operator.attrgetter("name")
DISPLAY_ATOMS[MString] = operator.attrgetter("s")
DISPLAY_ATOMS[Char] = operator.attrgetter("ch")

# The fast printer's copies use `str` for integers: no Python frame per
# integer. Past CPython's digit limit it raises ValueError, the fast printer
# gives up and the general one uses `int_text`.
_FAST_WRITE = dict(WRITE_ATOMS)
_FAST_WRITE[int] = str
_FAST_DISPLAY = dict(DISPLAY_ATOMS)
_FAST_DISPLAY[int] = str

_SLOW_CONTAINERS = frozenset((Record, Box, ErrorObject, Values))


def _fast_printer(atoms: dict, write: bool):
    """The fast printer for one atom table: a function from a value to its
    text, or None when it gives up. The table and mode are closure cells,
    so the recursive calls pass only the value and the depth."""
    get = atoms.get

    def text(x):
        try:
            if type(x) is Pair:
                return pair(x, 0)
            return any_(x, 0)
        except (_TooBig, ValueError):
            return None

    def any_(x, depth):
        t = type(x)
        if t is Pair:
            return pair(x, depth)
        if t is list:
            return vector(x, depth)
        if t in _SLOW_CONTAINERS:
            raise _TooBig
        f = get(t)
        return f(x) if f is not None else atom_text(x, write)

    def pair(x, depth):
        if depth > _FAST_DEPTH:
            raise _TooBig
        depth += 1
        parts = []
        checked = False
        while True:
            for _ in _SPINE_STEPS:      # cheaper than counting the pairs
                item = x.car
                f = get(type(item))
                if f is not None:
                    parts.append(f(item))
                elif type(item) is Pair:
                    parts.append(pair(item, depth))
                elif type(item) is list:
                    parts.append(vector(item, depth))
                else:
                    parts.append(any_(item, depth))
                x = x.cdr
                if type(x) is not Pair:
                    break
            else:
                # A long spine: checked once for a cycle, then the same
                # loop runs on in steps of _SPINE_CHECK.
                if not checked:
                    if _spine_is_circular(x):
                        raise _TooBig
                    checked = True
                continue
            break
        if type(x) is Nil:
            return f"({' '.join(parts)})"
        return f"({' '.join(parts)} . {any_(x, depth)})"

    def vector(x, depth):
        if depth > _FAST_DEPTH:
            raise _TooBig
        depth += 1
        parts = []
        for item in x:
            f = get(type(item))
            if f is not None:
                parts.append(f(item))
            elif type(item) is Pair:
                parts.append(pair(item, depth))
            elif type(item) is list:
                parts.append(vector(item, depth))
            else:
                parts.append(any_(item, depth))
        return f"#({' '.join(parts)})"

    return text


_fast_write = _fast_printer(_FAST_WRITE, True)
_fast_display = _fast_printer(_FAST_DISPLAY, False)


def _spine_is_circular(p) -> bool:
    """True if following cdrs from pair `p` loops (Floyd's cycle finding)."""
    slow = fast = p
    while True:
        fast = fast.cdr
        if type(fast) is not Pair:
            return False
        fast = fast.cdr
        if type(fast) is not Pair:
            return False
        slow = slow.cdr
        if fast is slow:
            return True


# ---------------------------------------------------------------- entry points

def _gc_paused(fn):
    """Run `fn` with the cyclic garbage collector off.

    Printing a big structure allocates many tracked objects; each would-be
    collection then rescans the whole (long-lived) datum, which made printing
    a million-element list several times slower.
    """
    @functools.wraps(fn)
    def wrapper(*args):
        if not gc.isenabled():
            return fn(*args)
        gc.disable()
        try:
            return fn(*args)
        finally:
            gc.enable()
    return wrapper


def write_string(x) -> str:
    """R7RS `write`: datum labels only where the datum has a cycle."""
    f = WRITE_ATOMS.get(type(x))
    if f is not None:
        return f(x)
    text = _fast_write(x)
    return text if text is not None else _write_general(x)


def display_string(x) -> str:
    """R7RS `display`: strings and chars raw, symbols bare; cycle-safe."""
    f = DISPLAY_ATOMS.get(type(x))
    if f is not None:
        return f(x)
    text = _fast_display(x)
    return text if text is not None else _display_general(x)


@_gc_paused
def write_shared_string(x) -> str:
    """R7RS `write-shared`: datum labels for every shared container."""
    return _Printer(True, _labels(x, shared=True)).run(x)


def write_simple_string(x) -> str:
    """R7RS `write-simple`: never labels; a circular datum is a range-error."""
    text = _fast_write(x)
    return text if text is not None else _write_simple_general(x)


@_gc_paused
def _write_general(x) -> str:
    return _Printer(True, _labels(x, shared=False)).run(x)


@_gc_paused
def _display_general(x) -> str:
    return _Printer(False, _labels(x, shared=False)).run(x)


@_gc_paused
def _write_simple_general(x) -> str:
    if _labels(x, shared=False):
        from .errors import raise_error
        raise_error("range-error", "write-simple: cannot print a circular datum")
    return _Printer(True, set()).run(x)


# Racket's `error-print-width`: how much of one value an error message shows.
ERROR_PRINT_WIDTH = 200


def write_limited(x, width: int = ERROR_PRINT_WIDTH) -> str:
    """`write` text of `x` cut to at most `width` characters, ending in
    "..." when cut, for values quoted in error messages (a 5,000-element
    vector shows its first elements). Printing stops soon after `width`
    characters, so a huge datum costs only its label search."""
    f = WRITE_ATOMS.get(type(x))
    if f is not None:
        text = f(x)
    else:
        text = _write_limited_general(x, width)
    if len(text) > width:
        text = text[:max(width - 3, 0)] + "..."
    return text


@_gc_paused
def _write_limited_general(x, width):
    return _Printer(True, _labels(x, shared=False)).run(x, limit=width)
