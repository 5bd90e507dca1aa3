"""The primitive table: every procedure implemented in Python.

**Owns:** `PRIMITIVES` (Scheme name -> Primitive) and the `@primitive`
decorator that fills it; `load_all()` imports every domain module once.
Each domain module (numbers, lists, chars, strings, vectors, bytevectors,
control, exceptions, io, system, hashtables, ...) declares its primitives
with the decorator, the Scheme name appearing exactly once:

    @primitive("vector-ref", 2)            # exactly 2 arguments
    def vector_ref(v, k): ...

    @primitive("+", 0, None)               # 0 or more
    def add(*xs): ...

    @primitive("make-vector", 1, 2)        # 1 or 2
    def make_vector(k, fill=unspecified): ...

Arity is checked by the VM before `fn` runs, so `fn` may assume it.
Argument *types* are checked by `fn` itself, raising through
`elle.errors.type_error(who, expected, got, argpos)`.
**Does not touch:** the VM. Control primitives that need VM frames
(apply, call/cc, values, dynamic-wind, ...) are declared with `control=`
and implemented inside `elle.vm`.
"""

from __future__ import annotations

from ..values import Primitive

PRIMITIVES: dict[str, Primitive] = {}

_UNSET = object()


def primitive(name: str, min_args: int = 0, max_args=_UNSET, *, control=None,
              tail=False, pure=False, inline=None, native=None, exact_result=None,
              identity_with_constants=False):
    """Register the decorated function as the Elle primitive `name`.

    `max_args` defaults to `min_args`; pass None for variadic. `pure` marks
    procedures with no side effects (the JIT may call or inline them).
    `inline` is the Python text tier 1 puts in place of a call with as many
    arguments as it names: `{0}`, `{1}`... are the argument registers
    (plain names, so they may be repeated), `{f}` is this function (the slow
    path: every case the text does not handle itself must call it, so
    results and errors stay the primitive's), and `{dst}`, if present,
    makes the text statements (`;` or newline separated) that assign the
    result to `{dst}`; otherwise it is an expression. A dict
    {argument count: text} declares texts for variadic calls.
    `native` names the family of operations tier 2 compiles a call with
    (`elle.jit.ops`: its typing rule; `elle.jit.emit_ops`: its LLVM
    emitter); a primitive without one is never called from native code.
    `exact_result` says when a value it returns is an exact integer:
    "always", or "ints" when all its arguments are (tier 1 then needs no
    type test on that value where exact integers are known).
    `identity_with_constants`: with a character, symbol, boolean or the
    empty list as one of its two arguments it is Python's `is` (tier 1
    writes it so when one is a constant).
    """
    if max_args is _UNSET:
        max_args = min_args

    def register(fn):
        PRIMITIVES[name] = Primitive(name, fn, min_args, max_args,
                                     control=control, tail=tail, pure=pure, inline=inline,
                                     native=native, exact_result=exact_result,
                                     identity_with_constants=identity_with_constants)
        return fn

    return register


def alias(new_name: str, old_name: str) -> None:
    """Make `new_name` the same procedure as the already-registered `old_name`."""
    PRIMITIVES[new_name] = PRIMITIVES[old_name]


_loaded = False


def load_all() -> dict[str, Primitive]:
    """Import every domain module (idempotent) and return the table."""
    global _loaded
    if not _loaded:
        # (os.listdir, not pkgutil.iter_modules: that imports inspect,
        # ~20 ms of every start-up with pkgutil itself)
        import importlib
        import os
        names = {entry.rsplit(".", 1)[0] for d in __path__ for entry in os.listdir(d)
                 if entry.endswith((".py", ".pyc")) and not entry.startswith("__")}
        for name in sorted(names):
            importlib.import_module(f"{__name__}.{name}")
        _loaded = True
    return PRIMITIVES
