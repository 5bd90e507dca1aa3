"""The output side of `trace` and `time`.

**Owns:** the lines `trace` prints for a call and its result, each
indented two columns per level of traced calls in progress,

    (fact 2)
      (fact 1)
      => 1
    => 2

and the report of `time`, written to the current error port:

    ; time: 0.012 s real, 0.011 s cpu

**Does not touch:** wrapping and unwrapping global bindings, the depth
count, calling the timed thunk (the prelude's `50-extras.scm` does, in
Elle, so that the calls go through the VM and every tier sees them).
"""

from __future__ import annotations

import time

from .. import host as host_mod
from ..datum import Pair, Symbol, nil, make_pair
from ..errors import type_error
from ..values import unspecified
from . import primitive
from .arguments import list_items
from .io import text_output_port

INDENT = 2


def indent(depth) -> str:
    return " " * (INDENT * depth if type(depth) is int and depth > 0 else 0)


@primitive("%trace-show-call", 3)
def trace_show_call(depth, name, args):
    """Print `(name arg ...)` (arguments written) at `depth`."""
    from ..printer import write_string
    call = make_pair(name, args)
    text_output_port("trace", None, None).write(indent(depth) + write_string(call) + "\n")
    return unspecified


@primitive("%trace-show-result", 2)
def trace_show_result(depth, results):
    """Print `=> value ...` (every value of the call, written) at `depth`."""
    from ..printer import write_string
    values = list_items("trace", results)
    text = " ".join(write_string(v) for v in values) if values else "(no values)"
    text_output_port("trace", None, None).write(indent(depth) + "=> " + text + "\n")
    return unspecified


@primitive("%trace-named", 2)
def trace_named(wrapper, name):
    """`wrapper`, renamed `name` for printing and backtraces."""
    from ..values import Closure
    if type(wrapper) is Closure and type(name) is Symbol:
        wrapper.name = name.name
    return wrapper


@primitive("%time-start", 0)
def time_start():
    """The clocks `time` reads: (real seconds . cpu seconds) as a pair."""
    return make_pair(time.perf_counter(), make_pair(time.process_time(), nil))


def seconds_text(s: float) -> str:
    if s < 0.001:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.3g} ms"
    return f"{s:.3f} s"


@primitive("%time-report", 1)
def time_report(start):
    """Write the real and CPU time since `start` (from %time-start) to the
    current error port."""
    if type(start) is not Pair or type(start.car) is not float:
        type_error("time", "a start time", start, 1)
    real = time.perf_counter() - start.car
    cpu = time.process_time() - start.cdr.car
    port = host_mod.active().error.value
    text_output_port("time", port, None).write(
        f"; time: {seconds_text(real)} real, {seconds_text(cpu)} cpu\n")
    return unspecified

