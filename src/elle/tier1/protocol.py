"""The contract between tier-1 code and the VM: how a tier-1 stack is handed back.

**Owns:** `Unwind`, the one exception that leaves tier-1 code (carrying the
VM frames its Python frames stand for), the call-site kinds the generated
code's line tables use, and the stubs a code object holds before tier 1 has
compiled it. **Does not touch:** code generation (`elle.tier1.codegen`),
policy (`elle.tier1.tiering`), the dispatch loop (`elle.vm`).

Tier-1 functions run in direct style: an Elle call is a Python call. Whenever
something needs the VM's own frames -- an error (its backtrace and its Elle
handlers), `call/cc`, a continuation invoked, a callee tier 1 cannot run, the
Python recursion limit -- the tier-1 frames are turned into ordinary VM
frames. The instruction that needs the VM raises a Python exception (an error, or
`Unwind`), which unwinds the tier-1 Python frames with no handler in them
(no cost until raised). The VM that entered tier 1 (instruction T1ENTER)
reads them back from the exception's traceback: a frame's registers are its
Python locals, its pc comes from the line the exception passed through
(every generated line belongs to one bytecode instruction), and it links them
onto its own frames and continues in bytecode (`elle.tier1.unwind`). Nothing
is lost: tier 1 keeps the VM's register layout, so a converted frame is the
frame the VM would have had.
"""

from __future__ import annotations


class Unwind(Exception):
    """Tier-1 frames being handed to the VM (see the module doc).

    Raised by the runtime helpers when the VM must make a call for tier 1:
    `call` is (procedure, arguments) -- a continuation, `call/cc`, a closure
    tier 1 does not run -- made from the innermost tier-1 frame's call
    instruction, which the call returns into (or, with `tail`, which it
    replaces). Any other exception reaching the VM from tier-1 code is
    converted the same way, from the Python traceback (`elle.tier1.unwind`).
    """

    def __init__(self, call, tail=False):
        super().__init__()
        self.call = call
        self.tail = tail


def unavailable(f, *a):
    """`CodeObject.t1` of code no tier-1 compiler owns (tiering off, or code
    of another interpreter): the VM makes the call."""
    raise Unwind((f, a))


def unavailable_v(f, a):
    """`CodeObject.t1v` counterpart of `unavailable`."""
    raise Unwind((f, a))
