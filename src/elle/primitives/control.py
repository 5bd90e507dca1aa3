"""Control primitives: the procedures that need the VM's frames or dynamic state.

**Owns:** `apply`, `call/cc` / `call-with-current-continuation`, `values`,
`%apply-values` (used by `call-with-values`), and the dynamic-state hooks
`%handlers`, `%set-handlers!`, `%wind-push!`, `%wind-pop!`,
`%raise-uncaught`. Those marked `control=` are executed by `elle.vm` itself
(the `fn` here is never called); `apply` and `%apply-values` return a
`TailCall` so the VM calls the procedure in their place, in tail position.
The Scheme-level `call-with-values`, `dynamic-wind`,
`with-exception-handler`, `raise` and `raise-continuable` are built on these
in `prelude/00-core.scm`. **Does not touch:** frames (`elle.vm`).
"""

from __future__ import annotations

from ..errors import type_error
from ..values import Procedure, TailCall, Values, make_values
from . import alias, primitive
from .arguments import list_items


def _vm_only(*_args):
    raise AssertionError("control primitive called outside the VM")


@primitive("apply", 2, None, tail=True)
def apply_(proc, *args):
    """R7RS: (apply proc arg ... list) -- the final list is required."""
    if not isinstance(proc, Procedure):
        type_error("apply", "a procedure", proc, 1)
    return TailCall(proc, [*args[:-1], *list_items("apply", args[-1], len(args) + 1)])


@primitive("values", 0, None)
def values_(*xs):
    return make_values(xs)


@primitive("%apply-values", 2, tail=True)
def apply_values(consumer, vals):
    if type(vals) is Values:
        return TailCall(consumer, list(vals.items))
    return TailCall(consumer, [vals])


for _name, _lo, _hi in (("call/cc", 1, 1), ("%handlers", 0, 0), ("%set-handlers!", 1, 1),
                        ("%wind-push!", 2, 2), ("%wind-pop!", 0, 0),
                        ("%raise-uncaught", 1, 2)):
    primitive(_name, _lo, _hi, control=_name)(_vm_only)

alias("call-with-current-continuation", "call/cc")
