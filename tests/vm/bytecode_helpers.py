"""Helpers for the bytecode tests: a global procedure's code object and the
names of its instructions."""

from elle.bytecode import OPNAMES
from elle.datum import Symbol


def code_of(interp, name):
    return interp.globals.lookup(Symbol(name)).code


def opnames(code):
    return [OPNAMES[ins[0]] for ins in code.ops]


def error_kind(interp, src: str) -> str:
    """The kind of the Elle error evaluating `src` raises (it must raise)."""
    import pytest
    from elle.errors import ElleError
    with pytest.raises(ElleError) as info:
        interp.eval(src)
    return info.value.kind
