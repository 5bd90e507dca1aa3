"""Procedure objects, promises and parameter objects: the Python half.

**Owns:** `procedure?`; the promise primitives in the R7RS 7.3 reference
representation (`make-promise`, `%make-lazy-promise`, `promise?`,
`%promise-done?`, `%promise-value`, `%promise-update!`); the parameter
primitives (`%make-parameter`, `%parameter-value`, `%parameter-set!`,
`%parameter-convert`). **Does not touch:** anything that calls an Elle
procedure: `force` and `make-parameter` are in `prelude/30-control.scm`;
`delay`, `delay-force` and `parameterize` are expanded by `elle.expander`
into calls of these primitives; calling a Parameter is done by the VM.

Promises: `Promise(done, value)` where `value` is a thunk until `done`.
`%promise-update! new old` copies `new`'s state into `old` (the reference
implementation's step that makes `delay-force` chains run in constant
space). The reference implementation also makes `new` share `old`'s box;
Elle's promises have no box, so a promise that was the intermediate result
of a `delay-force` chain and is also held elsewhere may be forced again
separately. Nothing observable by `force` of the outer promise changes.
"""

from __future__ import annotations

from ..errors import type_error
from ..values import Parameter, Procedure, Promise, TailCall, unspecified
from . import primitive


@primitive("procedure?", 1, pure=True)
def is_procedure(x):
    return isinstance(x, Procedure)


# -- promises --------------------------------------------------------------

def _check_promise(who: str, p, pos=None) -> Promise:
    if type(p) is Promise:
        return p
    type_error(who, "a promise", p, pos)


@primitive("make-promise", 1, pure=True)
def make_promise(v):
    return v if type(v) is Promise else Promise(True, v)


@primitive("%make-eager-promise", 1, pure=True)
def make_eager_promise(v):
    """A forced promise holding `v`, even when `v` is itself a promise
    (what `delay` needs: `(force (delay (delay 1)))` is a promise)."""
    return Promise(True, v)


@primitive("%make-lazy-promise", 1, pure=True)
def make_lazy_promise(thunk):
    if not isinstance(thunk, Procedure):
        type_error("delay-force", "a procedure", thunk, 1)
    return Promise(False, thunk)


@primitive("promise?", 1, pure=True)
def is_promise(x):
    return type(x) is Promise


@primitive("%promise-done?", 1, pure=True)
def promise_done(p):
    return _check_promise("force", p).done


@primitive("%promise-value", 1, pure=True)
def promise_value(p):
    return _check_promise("force", p).value


@primitive("%promise-update!", 2)
def promise_update(new, old):
    _check_promise("force", new, 1)
    _check_promise("force", old, 2)
    old.done = new.done
    old.value = new.value
    return unspecified


# -- parameters ------------------------------------------------------------

def _check_parameter(who: str, p, pos=1) -> Parameter:
    if type(p) is Parameter:
        return p
    type_error(who, "a parameter object", p, pos)


@primitive("%make-parameter", 2, pure=True)
def make_parameter(value, converter):
    """`converter` is #f or a procedure; `value` is already converted."""
    if converter is False:
        converter = None
    elif not isinstance(converter, Procedure):
        type_error("make-parameter", "a procedure", converter, 2)
    return Parameter(value, converter)


@primitive("%parameter-value", 1, pure=True)
def parameter_value(p):
    return _check_parameter("parameterize", p).value


@primitive("%parameter-set!", 2)
def parameter_set(p, v):
    _check_parameter("parameterize", p).value = v
    return unspecified


@primitive("%parameter-convert", 2, tail=True)
def parameter_convert(p, v):
    """The value `parameterize` binds: `(converter v)`, or `v` with no converter."""
    conv = _check_parameter("parameterize", p).converter
    if conv is None:
        return v
    return TailCall(conv, [v])
