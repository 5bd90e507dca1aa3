"""`,trace NAME` in the REPL: print each call of a global procedure and its result.

**Owns:** `Tracer`, which replaces a global procedure's binding with a
tracing procedure and puts the original back on `,untrace`, and the shape
of a trace line. **Does not touch:** the VM, any `trace` procedure the
language itself may offer (this is the REPL's own, kept to `elle.cli`).

The tracing procedure is written in Elle, so a traced call runs in the VM
like any other (no nested Python-level VM run per call, no Python
recursion however deep the traced recursion goes):

    (lambda args
      (display (enter args))                 ; "| | (fact 2)\n", depth + 1
      (call-with-values (lambda () (apply original args))
        (lambda results (display (leave results)) (apply values results))))

`enter` and `leave` are small Python primitives that keep the depth and
format the line (`| ` per level of nesting, then the call, or `=> ` and
the values; on a fresh line when the traced code left its own output
unfinished). Recursive calls are traced too, since they go through the
global binding. A traced call is no longer a tail call. The depth is
reset before each REPL entry, so an error that escaped a traced call
does not leave the next trace indented.
"""

from __future__ import annotations

from ..datum import MString, Pair, Symbol, make_pair

_MAKER = """
(lambda (original enter leave apply call-with-values values display)
  (lambda args
    (display (enter args))
    (call-with-values
      (lambda () (apply original args))
      (lambda results (display (leave results)) (apply values results)))))
"""

LINE_WIDTH = 200        # a trace line longer than this is cut, with "..."


class Tracer:
    """The traced globals of one interpreter: name -> (original, wrapper)."""

    def __init__(self, interp, at_line_start=None):
        self.interp = interp
        self.at_line_start = at_line_start     # () -> bool, after the console is flushed
        self.traced: dict[str, tuple] = {}
        self.depth = 0
        self._maker = None

    def reset(self) -> None:
        self.depth = 0

    def original_of(self, value):
        """The procedure `value` traces, if it is one of this Tracer's wrappers."""
        for original, wrapper in self.traced.values():
            if wrapper is value:
                return original
        return None

    def traced_names(self) -> list[str]:
        """Names still bound to their tracing wrapper (a redefinition ends tracing)."""
        live = []
        for name, (_, wrapper) in list(self.traced.items()):
            if self.interp.globals.lookup(Symbol(name)) is wrapper:
                live.append(name)
            else:
                del self.traced[name]
        return live

    def trace(self, name: str) -> str | None:
        """Trace global `name`; a complaint if that cannot be done."""
        from ..environment import UNBOUND
        from ..values import Procedure
        value = self.interp.globals.lookup(Symbol(name))
        if value is UNBOUND:
            from ..expander.syntax import BUILTINS
            sym = Symbol(name)
            if sym in BUILTINS or sym in self.interp.expander.toplevel.table:
                return f"{name} is syntax, not a procedure: it cannot be traced"
            return f"{name} is not bound"
        if not isinstance(value, Procedure):
            return f"{name} is not a procedure"
        if name in self.traced_names():
            return f"{name} is already traced"
        wrapper = self._wrap(name, value)
        self.traced[name] = (value, wrapper)
        self.interp.globals.define(Symbol(name), wrapper)
        return None

    def untrace(self, name: str) -> str | None:
        if name not in self.traced_names():
            return f"{name} is not traced"
        original, _ = self.traced.pop(name)
        self.interp.globals.define(Symbol(name), original)
        return None

    def _wrap(self, name: str, proc):
        from ..primitives import PRIMITIVES
        from ..values import Closure, Primitive
        if self._maker is None:
            self._maker = self.interp.eval_text(_MAKER, "<trace>")
        enter = Primitive("trace-enter", lambda args: self._enter(name, args), 1, 1)
        leave = Primitive("trace-leave", lambda results: self._leave(results), 1, 1)
        helpers = [PRIMITIVES.get(n) or self.interp.globals.lookup(Symbol(n))
                   for n in ("apply", "call-with-values", "values", "display")]
        wrapper = self.interp.vm.apply(self._maker, [proc, enter, leave, *helpers])
        if isinstance(wrapper, Closure):
            wrapper.name = name         # backtraces name the traced procedure
        return wrapper

    def _enter(self, name: str, args) -> MString:
        from ..printer import write_string
        line = "| " * self.depth + write_string(make_pair(Symbol(name), args))
        self.depth += 1
        return MString(self._fresh() + _cut(line) + "\n")

    def _leave(self, results) -> MString:
        from ..printer import write_string
        self.depth = max(0, self.depth - 1)
        shown = []
        while isinstance(results, Pair):
            shown.append(write_string(results.car))
            results = results.cdr
        line = "| " * self.depth + "=> " + (" ".join(shown) if shown else "(no values)")
        return MString(self._fresh() + _cut(line) + "\n")

    def _fresh(self) -> str:
        """"\n" if the traced program left its output line unfinished."""
        if self.at_line_start is None:
            return ""
        self.interp.flush()
        return "" if self.at_line_start() else "\n"


def _cut(line: str) -> str:
    return line if len(line) <= LINE_WIDTH else line[:LINE_WIDTH - 3] + "..."

