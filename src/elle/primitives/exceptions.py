"""Error objects (R7RS 6.11, the part that is not control flow).

**Owns:** `error`, `error-object?`, `error-object-message`,
`error-object-irritants`, `read-error?`, `file-error?`, and Elle's
`error-object-kind` and `%assert-failed` (what the `assert` macro calls).
**Does not touch:** `raise`, `raise-continuable`, `with-exception-handler`
and `guard` (the VM and the expander own routing raised objects), `exit`
(`primitives.system`).

`(error message irritant ...)`: R7RS wants a string message. Elle also
accepts the common `(error 'who "message" irritant ...)` shape, which gives
the message "who: message"; any other non-string message is written out
(a symbol alone becomes its name).
"""

from __future__ import annotations

from ..datum import MString, Symbol, list_to_pairs
from ..errors import ElleError, type_error
from ..values import ErrorObject
from . import primitive


def _message_text(message, irritants: list) -> tuple[str, list]:
    if type(message) is MString:
        return message.s, irritants
    if type(message) is Symbol:
        if irritants and type(irritants[0]) is MString:
            return f"{message.name}: {irritants[0].s}", irritants[1:]
        return message.name, irritants
    from ..printer import write_string
    return write_string(message), irritants


@primitive("error", 1, None)
def error(message, *irritants):
    text, rest = _message_text(message, list(irritants))
    raise ElleError(ErrorObject("error", text, rest))


def _check_error_object(who: str, e) -> ErrorObject:
    if type(e) is ErrorObject:
        return e
    type_error(who, "an error object", e)


@primitive("error-object?", 1, pure=True)
def is_error_object(x):
    return type(x) is ErrorObject


@primitive("error-object-message", 1, pure=True)
def error_object_message(e):
    return MString(_check_error_object("error-object-message", e).message)


@primitive("error-object-irritants", 1, pure=True)
def error_object_irritants(e):
    return list_to_pairs(_check_error_object("error-object-irritants", e).irritants)


@primitive("error-object-kind", 1, pure=True)
def error_object_kind(e):
    return Symbol(_check_error_object("error-object-kind", e).kind)


@primitive("read-error?", 1, pure=True)
def is_read_error(x):
    return type(x) is ErrorObject and x.kind == "read-error"


@primitive("file-error?", 1, pure=True)
def is_file_error(x):
    return type(x) is ErrorObject and x.kind == "file-error"


@primitive("%assert-failed", 1)
def assert_failed(expr):
    from ..printer import write_limited
    raise ElleError(ErrorObject("assertion", f"assertion failed: {write_limited(expr)}", ()))
