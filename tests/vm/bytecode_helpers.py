"""Helpers for the bytecode tests: a global procedure's code object and the
names of its instructions."""

from elle.bytecode import OPNAMES
from elle.datum import Symbol


def code_of(interp, name):
    return interp.globals.lookup(Symbol(name)).code


def opnames(code):
    return [OPNAMES[ins[0]] for ins in code.ops]
