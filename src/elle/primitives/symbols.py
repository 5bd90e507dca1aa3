"""Symbols and booleans: R7RS sections 6.3 and 6.5.

**Owns:** `symbol? symbol=? string->symbol symbol->string` and
`boolean? boolean=? not`. **Does not touch:** symbol interning itself
(`elle.datum.Symbol`), how symbols are written (`elle.printer`).
"""

from __future__ import annotations

from ..datum import MString, Symbol
from ..errors import type_error
from . import primitive
from .arguments import check_string, check_symbol


@primitive("symbol?", 1, pure=True, inline="type({0}) is Symbol_")
def is_symbol(x):
    return type(x) is Symbol


@primitive("symbol=?", 1, None, pure=True)
def is_symbol_eq(*syms):
    for i, s in enumerate(syms, 1):
        check_symbol("symbol=?", s, i)
    return all(s is syms[0] for s in syms)


@primitive("string->symbol", 1, pure=True)
def string_to_symbol(s):
    return Symbol(check_string("string->symbol", s, 1).s)


@primitive("symbol->string", 1)
def symbol_to_string(sym):
    """A fresh string: mutating it cannot affect the symbol."""
    return MString(check_symbol("symbol->string", sym, 1).name)


@primitive("boolean?", 1, pure=True)
def is_boolean(x):
    return x is True or x is False


@primitive("boolean=?", 1, None, pure=True)
def is_boolean_eq(*bs):
    for i, b in enumerate(bs, 1):
        if b is not True and b is not False:
            type_error("boolean=?", "a boolean", b, i)
    return all(b is bs[0] for b in bs)


@primitive("not", 1, native="not", pure=True, inline="{0} is False")
def not_(x):
    return x is False
