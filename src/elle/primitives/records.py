"""Record types (the procedural layer under `define-record-type`).

**Owns:** `make-record-type`, `record-constructor`, `record-predicate`,
`record-accessor`, `record-modifier`, `record?`, `record-type?`. The
procedures they return are `Primitive`s with Scheme names, so errors read
"point-x: expected a point record, got 5". **Does not touch:** the syntax
(`elle.expander` expands `define-record-type` into calls of these), printing
records (`elle.printer`).

    (make-record-type name fields)             name: symbol (or string),
                                               fields: list of symbols
    (record-constructor rtype fields [name])   arity = (length fields)
    (record-predicate rtype [name])
    (record-accessor rtype field [name])
    (record-modifier rtype field [name])

The optional `name` symbol is the procedure's Scheme name; without it the
name is derived: `make-point`, `point?`, `point-x`, `point-x-set!`. A type
named `<point>` is stored as `point` (the angle brackets are a naming
convention, and messages read better without them). Fields left out of the
constructor start as the unspecified value, as R7RS allows.
"""

from __future__ import annotations

from ..datum import MString, Symbol
from ..errors import raise_error, type_error
from ..values import Primitive, Record, RecordType, unspecified
from .arguments import list_items
from . import primitive


def _type_name(who: str, name) -> str:
    if type(name) is Symbol:
        text = name.name
    elif type(name) is MString:
        text = name.s
    else:
        type_error(who, "a symbol", name, 1)
    if len(text) > 2 and text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return text


def _check_rtype(who: str, rtype) -> RecordType:
    if type(rtype) is RecordType:
        return rtype
    type_error(who, "a record type", rtype, 1)


def _proc_name(who: str, name, fallback: str) -> str:
    if name is None:
        return fallback
    if type(name) is Symbol:
        return name.name
    type_error(who, "a symbol", name, 3)


def _field_index(who: str, rtype: RecordType, field, pos=2) -> int:
    if type(field) is not Symbol:
        type_error(who, "a field name (a symbol)", field, pos)
    try:
        return rtype.fields.index(field)
    except ValueError:
        raise_error("range-error",
                    f"{who}: record type {rtype.name} has no field {field.name}")


@primitive("make-record-type", 2, pure=True)
def make_record_type(name, fields):
    text = _type_name("make-record-type", name)
    names = list_items("make-record-type", fields, 2)
    for f in names:
        if type(f) is not Symbol:
            type_error("make-record-type", "a list of field names (symbols)", fields, 2)
    if len(set(names)) != len(names):
        raise_error("syntax-error", f"make-record-type: duplicate field name in {text}")
    return RecordType(text, tuple(names))


@primitive("record-constructor", 2, 3, pure=True)
def record_constructor(rtype, fields, name=None):
    who = "record-constructor"
    _check_rtype(who, rtype)
    wanted = list_items(who, fields, 2)
    slots = tuple(_field_index(who, rtype, f) for f in wanted)
    n_fields = len(rtype.fields)
    if slots == tuple(range(n_fields)):
        def construct(*args):
            return Record(rtype, list(args))
    else:
        def construct(*args):
            values = [unspecified] * n_fields
            for slot, v in zip(slots, args):
                values[slot] = v
            return Record(rtype, values)
    proc = _proc_name(who, name, f"make-{rtype.name}")
    return Primitive(proc, construct, len(slots), len(slots), pure=True)


@primitive("record-predicate", 1, 2, pure=True)
def record_predicate(rtype, name=None):
    _check_rtype("record-predicate", rtype)
    if name is not None and type(name) is not Symbol:
        type_error("record-predicate", "a symbol", name, 2)

    def is_instance(x):
        return type(x) is Record and x.rtype is rtype

    proc = name.name if name is not None else f"{rtype.name}?"
    return Primitive(proc, is_instance, 1, 1, pure=True)


@primitive("record-accessor", 2, 3, pure=True)
def record_accessor(rtype, field, name=None):
    who = "record-accessor"
    _check_rtype(who, rtype)
    slot = _field_index(who, rtype, field)
    proc = _proc_name(who, name, f"{rtype.name}-{field.name}")
    expected = f"a {rtype.name} record"

    def access(r):
        if type(r) is Record and r.rtype is rtype:
            return r.values[slot]
        type_error(proc, expected, r)

    return Primitive(proc, access, 1, 1, pure=True)


@primitive("record-modifier", 2, 3, pure=True)
def record_modifier(rtype, field, name=None):
    who = "record-modifier"
    _check_rtype(who, rtype)
    slot = _field_index(who, rtype, field)
    proc = _proc_name(who, name, f"{rtype.name}-{field.name}-set!")
    expected = f"a {rtype.name} record"

    def modify(r, v):
        if type(r) is Record and r.rtype is rtype:
            r.values[slot] = v
            return unspecified
        type_error(proc, expected, r, 1)

    return Primitive(proc, modify, 2, 2)


@primitive("record?", 1, pure=True)
def is_record(x):
    return type(x) is Record


@primitive("record-type?", 1, pure=True)
def is_record_type(x):
    return type(x) is RecordType
