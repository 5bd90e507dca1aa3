"""Runtime values that are not readable data.

**Owns:** procedures (Closure, Primitive, Continuation, Parameter), the
unspecified value, the eof object, multiple values, records, error objects,
promises and first-class environments. **Does not touch:** the VM's frames
or dispatch (`elle.vm`), printing (`elle.printer`), datums the reader makes
(`elle.datum`). See `elle.datum` for the full representation table.
"""

from __future__ import annotations

from .datum import MString, Symbol


class Unspecified:
    """The value of expressions R7RS leaves unspecified (`(if #f #f)`, `set!`)."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self):
        return "unspecified"

    def __reduce__(self):
        return (Unspecified, ())


unspecified = Unspecified()


class Eof:
    """The eof object."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self):
        return "eof"


eof = Eof()


class Default:
    """Marker for an omitted optional argument (distinct from every Scheme value)."""

    __slots__ = ()


default = Default()


class NativeBailout:
    """Returned by a JIT entry point instead of a value: the native code gave
    up (overflow, depth guard, type surprise, runtime error) without any
    visible effect, so the VM must run the call in bytecode."""

    __slots__ = ()

    def __repr__(self):
        return "#<native-bailout>"


NATIVE_BAILOUT = NativeBailout()

# Native code nests at most this many calls of its own (then it bails out:
# `elle.jit.lower`), so callers enter it only with that much room left
# below the Elle depth limit: the limit and its error stay the VM's.
NATIVE_DEPTH_LIMIT = 20_000


class Values:
    """Zero or several values returned at once. One value is never wrapped."""

    __slots__ = ("items",)

    def __init__(self, items: tuple):
        self.items = items

    def __repr__(self):
        return f"Values{self.items!r}"


def make_values(items) -> object:
    items = tuple(items)
    if len(items) == 1:
        return items[0]
    return Values(items)


class Procedure:
    """Base class of everything `procedure?` answers #t for."""

    __slots__ = ()


class Primitive(Procedure):
    """A procedure implemented in Python.

    `fn(*args)` computes the result; `min_args`/`max_args` (None = variadic)
    are checked by the caller before `fn` runs. `control` is None for plain
    primitives; the VM handles primitives whose `control` is a string
    (\"apply\", \"call/cc\", \"values\", ...) itself, because they need the
    VM's frames. `tail` marks primitives that may return a TailCall.
    `inline` is tier 1's inline text for a call (`elle.tier1.codegen`);
    `native` the family of operations tier 2 emits it with (`elle.jit.ops`);
    `exact_result` when a value it returns is an exact integer: "always",
    or "ints" (whenever its arguments are), or None.
    `identity_with_constants`: with a character, symbol, boolean or the
    empty list as one of its two arguments, the result is `a is b`
    (`eq?`, `eqv?`). `d0`..`d3` are `fn`
    where a call with that many arguments is a plain Python call (no
    control, never a TailCall, the count accepted), else None: what tier-1
    code calling a procedure held in a variable tests.
    """

    __slots__ = ("name", "fn", "min_args", "max_args", "control", "tail", "pure", "inline",
                 "native", "exact_result", "identity_with_constants", "d0", "d1", "d2", "d3")

    def __init__(self, name, fn, min_args=0, max_args=None, control=None,
                 tail=False, pure=False, inline=None, native=None, exact_result=None,
                 identity_with_constants=False):
        self.name = name
        self.fn = fn
        self.min_args = min_args
        self.max_args = max_args
        self.control = control
        self.tail = tail
        self.pure = pure
        self.inline = inline
        self.native = native
        self.exact_result = exact_result
        self.identity_with_constants = identity_with_constants
        plain = control is None and not tail
        self.d0, self.d1, self.d2, self.d3 = (
            fn if plain and min_args <= n and (max_args is None or n <= max_args) else None
            for n in range(4))

    def __repr__(self):
        return f"#<procedure {self.name}>"


class TailCall:
    """Returned by a `tail=True` primitive: the VM calls `proc` with `args`
    in the primitive's place (so Python code never calls Elle code)."""

    __slots__ = ("proc", "args")

    def __init__(self, proc, args):
        self.proc = proc
        self.args = args


class Closure(Procedure):
    """A procedure compiled from a lambda: a code object plus captured values.

    `free` holds captured variables (a box for a variable that is assigned).
    `name` is for printing and backtraces. `regs` is `free + code.pad`, the
    tail the VM appends to the arguments to make a frame's registers (see
    the register layout in `elle.bytecode`); built once, here, so a call
    costs one list extension whether or not the closure captures anything.
    """

    __slots__ = ("code", "free", "name", "regs")

    def __init__(self, code, free, name=None, regs=None):
        self.code = code
        self.free = free
        self.name = name
        if regs is None:     # not the VM's CLOS: accept any sequence, any code-like object
            regs = tuple(free) + getattr(code, "pad", ())
        self.regs = regs

    def __repr__(self):
        return f"#<procedure {self.name or 'anonymous'}>"


class Continuation(Procedure):
    """A first-class continuation captured by call/cc. `state` is VM-private."""

    __slots__ = ("state", "winders")

    def __init__(self, state, winders):
        self.state = state
        self.winders = winders

    def __repr__(self):
        return "#<continuation>"


class Parameter(Procedure):
    """A parameter object (`make-parameter`). Calling it with no arguments
    returns its current value; `parameterize` rebinds `value` dynamically."""

    __slots__ = ("value", "converter")

    def __init__(self, value, converter=None):
        self.value = value
        self.converter = converter

    def __repr__(self):
        return "#<parameter>"


class Box:
    """A mutable cell holding an assigned variable's value."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"#<box {self.value!r}>"


class RecordType:
    """A record type from `define-record-type`."""

    __slots__ = ("name", "fields")

    def __init__(self, name: str, fields: tuple):
        self.name = name
        self.fields = fields

    def __repr__(self):
        return f"#<record-type {self.name}>"


class Record:
    """An instance of a RecordType; `values` is a list, one slot per field."""

    __slots__ = ("rtype", "values")

    def __init__(self, rtype: RecordType, values: list):
        self.rtype = rtype
        self.values = values


class ErrorObject:
    """What `error` and failing primitives raise.

    `kind` names the condition: "error" (from `error`), "type-error",
    "arity-error", "unbound-variable", "divide-by-zero", "range-error",
    "file-error", "read-error", "syntax-error", "recursion-depth",
    "interrupt", "assertion", "host-error" (a Python exception in a host
    callable), "internal-error". `message` is a Python str; `irritants` a
    list of Elle values; `cause` the Python exception behind a host or
    internal error (None otherwise), kept as `__cause__` of the ElleError
    that carries this object out to Python.
    """

    __slots__ = ("kind", "message", "irritants", "cause")

    def __init__(self, kind: str, message: str, irritants=()):
        self.kind = kind
        self.message = message
        self.irritants = list(irritants)
        self.cause = None

    def __repr__(self):
        return f"#<error-object {self.kind}: {self.message}>"


class Promise:
    """A promise (`delay`, `delay-force`, `make-promise`) in the R7RS
    reference representation: `done` and `value` (a thunk until done)."""

    __slots__ = ("done", "value")

    def __init__(self, done: bool, value):
        self.done = done
        self.value = value

    def __repr__(self):
        return "#<promise>"


class Environment:
    """A first-class environment for `eval`; wraps an interpreter's globals."""

    __slots__ = ("interp", "name")

    def __init__(self, interp, name="interaction"):
        self.interp = interp
        self.name = name

    def __repr__(self):
        return f"#<environment {self.name}>"


def is_true(x) -> bool:
    """Scheme truth: everything except #f is true."""
    return x is not False


def to_mstring(s: str) -> MString:
    return MString(s)


__all__ = [
    "Unspecified", "unspecified", "Eof", "eof", "NATIVE_BAILOUT", "Default", "default", "Values",
    "make_values", "Procedure", "Primitive", "TailCall", "Closure",
    "Continuation", "Parameter", "Box", "RecordType", "Record", "ErrorObject",
    "Promise", "Environment", "is_true", "Symbol", "MString",
]
