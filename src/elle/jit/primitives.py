"""Elle procedures that expose the JIT: `(jit-stats)` and `(jit-compile f)`.

**Owns:** `install(interp)`, which binds both in the interpreter's globals
whether or not the JIT is on (off: zero statistics, and `jit-compile`
answers #f). **Does not touch:** the JIT's state except through
`Coordinator.compile_now` and `Stats.as_alist`.
"""

from __future__ import annotations

from ..datum import Symbol
from ..errors import type_error
from ..values import Closure, Primitive, Procedure


def install(interp) -> None:
    def jit_stats():
        jit = getattr(interp, "jit", None)
        if jit is None:
            from .stats import Stats
            return Stats().as_alist()
        return jit.stats.as_alist()

    def jit_compile(f):
        if not isinstance(f, Procedure):
            type_error("jit-compile", "a procedure", f, 1)
        jit = getattr(interp, "jit", None)
        if jit is None or not isinstance(f, Closure):
            return False
        return jit.compile_now(f)

    interp.globals.define(Symbol("jit-stats"), Primitive("jit-stats", jit_stats, 0, 0))
    interp.globals.define(Symbol("jit-compile"), Primitive("jit-compile", jit_compile, 1, 1))
