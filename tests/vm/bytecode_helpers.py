"""Helpers for the bytecode tests: a global procedure's code object and the
names of its instructions."""

from elle.bytecode import OPNAMES
from elle.datum import Symbol


def code_of(interp, name):
    return interp.globals.lookup(Symbol(name)).code


def opnames(code):
    """The opcode names of `code`, without the tier-1 entry slot that leads
    every lambda when tiering is on (ENTER, then T1ENTER or a jump over it)."""
    ops = code.ops
    if ops and (OPNAMES[ops[0][0]] in ("ENTER", "T1ENTER")
                or (OPNAMES[ops[0][0]] == "JMP" and ops[0][1] == 1)):
        ops = ops[1:]
    return [OPNAMES[ins[0]] for ins in ops]


def error_kind(interp, src: str) -> str:
    """The kind of the Elle error evaluating `src` raises (it must raise)."""
    import pytest
    from elle.errors import ElleError
    with pytest.raises(ElleError) as info:
        interp.eval(src)
    return info.value.kind
