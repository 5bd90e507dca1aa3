"""Embedding Elle in Python: the `Interpreter`.

**Owns:** wiring the pipeline (reader -> expander -> compiler -> VM) for
one interpreter instance, the global environment it runs in, loading the
prelude, and converting values at the Python boundary. **Does not touch:**
the internals of any stage.

Conversions (Python -> Elle, used by `define`d callables' results and
`call` arguments):
    int, float, bool, Fraction   as themselves
    complex                      an inexact complex number (as itself)
    str                          a (fresh, mutable) Elle string
    list                         a proper Elle list
    tuple                        an Elle vector
    bytes / bytearray            a bytevector
    None                         the unspecified value
    anything else                passed through as an opaque object

Elle -> Python (`eval` and `call` results, arguments to `define`d callables):
    exact integers, rationals, floats, booleans   as themselves
    inexact complex numbers      complex (exact ones stay elle.complexnum.ExactComplex)
    strings                      str
    proper lists and ()          list
    vectors                      tuple
    bytevectors                  bytes
    chars                        str of length 1
    symbols                      elle.datum.Symbol (str(sym) is the name)
    unspecified                  None
    multiple values              tuple of the converted values
    procedures                   a Python callable running them in this interpreter
    anything else                the Elle object itself
"""

from __future__ import annotations

import os
from fractions import Fraction

from . import config as config_mod
from .datum import Char, MString, Pair, Symbol, list_to_pairs, nil
from .environment import GlobalEnv
from .errors import ConversionError, ElleError, register_source
from .values import ErrorObject, Primitive, Procedure, Values, unspecified

PRELUDE_DIR = os.path.join(os.path.dirname(__file__), "prelude")


class Interpreter:
    """One Elle world: globals, macros, a VM, and (optionally) a JIT.

    >>> Interpreter().eval("(+ 1 2)")
    3
    """

    def __init__(self, jit=None, config: config_mod.Config | None = None, argv=None,
                 dumps=(), sandbox=None, time_limit=None, memory_limit=None):
        """`sandbox=True` denies the program files, the environment and
        `load`/`include` (elle.sandbox); `time_limit` (seconds) and
        `memory_limit` (MB of process RSS growth) stop each `eval`, `load`
        or `call` that passes them with an ElleError of kind `time-limit`
        or `memory-limit` (elle.limits). They override `config`."""
        self.config = config or config_mod.from_environ()
        if config is not None and (sandbox, time_limit, memory_limit) != (None, None, None):
            import copy
            self.config = copy.copy(config)      # not the caller's: another interpreter may share it
        if sandbox is not None:
            self.config.sandbox = bool(sandbox)
        for name, value in (("time_limit", time_limit), ("memory_limit", memory_limit)):
            if value is not None:
                if (isinstance(value, bool) or not isinstance(value, (int, float))
                        or not 0 < value < float("inf")):
                    raise ValueError(f"{name} must be a number > 0, not {value!r}")
                setattr(self.config, name, float(value))
        if jit is not None:
            if isinstance(jit, bool):
                self.config.jit = jit
            else:
                config_mod.parse_jit(str(jit), self.config)
        self.argv = list(argv) if argv is not None else ["elle"]
        self.dumps = tuple(dumps)
        self.globals = GlobalEnv()
        from .primitives import load_all
        for name, prim in load_all().items():
            self.globals.define(name, prim)
        from .primitives import io
        self.host = io.make_host(self.argv)      # this interpreter's console and command line
        self.host.sandboxed = self.config.sandbox
        for name, param in (("current-input-port", self.host.input),
                            ("current-output-port", self.host.output),
                            ("current-error-port", self.host.error)):
            self.globals.define(Symbol(name), param)
        from .vm import VM
        self.vm = VM(self)
        self._stage_room = None     # Python frames a toplevel form's expansion had (see _staged)
        self.tier1 = None
        if self.config.tier1:
            from .tier1.tiering import Tier1
            self.tier1 = Tier1(self)
            self.tier1.dump = "py" in self.dumps
            self.vm.tier1 = self.tier1
        self.jit = None
        if self.config.jit:
            from .jit.coordinator import Coordinator
            self.jit = Coordinator(self)
            self.vm.attach_jit(self.jit)
            if self.tier1 is not None:
                self.tier1.jit = self.jit
        from .limits import Limits
        self.limits = Limits(self.config.time_limit, self.config.memory_limit, self._snapshot)
        from .expander import Expander
        self.expander = Expander(self)
        from .evaluation import install_interpreter_procedures
        install_interpreter_procedures(self)
        self._load_prelude()

    # -- pipeline ---------------------------------------------------------

    def compile_core(self, node):
        """Analyse and compile a core-form tree into a toplevel code object."""
        from .compiler import compile_toplevel
        try:
            code = compile_toplevel(node, self)
        except RecursionError:
            from .errors import syntax_error
            syntax_error("expression is nested too deeply to compile", None,
                         loc=getattr(node, "loc", None))
        if "bytecode" in self.dumps and not self._in_prelude:
            from .disasm import disassemble
            print(disassemble(code), flush=True)
        return code

    def eval_core(self, node, marker=None):
        """Compile and run one core-form tree; return the Elle value."""
        return self.vm.run(self.compile_core(node), marker)

    def eval_datum(self, datum, marker=None, loc=None):
        """Expand, compile and run one toplevel datum; return the Elle value.
        `loc` is where the datum begins in its source: the location of a
        toplevel atom (a variable reference), which carries none itself."""
        return self.vm.run(self._staged(self._expand_and_compile, datum, loc), marker)

    def _expand_and_compile(self, datum, loc=None):
        node = self.expander.expand_toplevel(datum, loc)
        if "expanded" in self.dumps and not self._in_prelude:
            from .core import to_sexpr
            from .printer import write_string
            print(";; expanded: " + write_string(to_sexpr(node)), flush=True)
        return self.compile_core(node)

    def _staged(self, fn, datum, loc=None):
        """fn(datum, loc) (expanding and compiling, which recurse in Python over
        the form's nesting) with as many Python frames as a toplevel form
        gets: an `eval` inside a running program is not given more or less
        room than the same form at toplevel, whichever tier runs it (tier 1
        raises the recursion limit while a program runs, for its own frames;
        the VM does not), so a deeply nested form is expanded, or refused
        as nested too deeply, alike in every tier."""
        import sys
        depth, f = 0, sys._getframe()
        while f is not None:
            depth += 1
            f = f.f_back
        limit = sys.getrecursionlimit()
        if self.vm.runs == 0 or self._stage_room is None:
            self._stage_room = limit - depth
            return fn(datum, loc)
        sys.setrecursionlimit(depth + self._stage_room)
        try:
            return fn(datum, loc)
        finally:
            sys.setrecursionlimit(limit)

    def eval_text(self, text: str, filename: str = "<string>"):
        """Run every form in `text` in order; return the last Elle value.
        Under the interpreter's time and memory limits (elle.limits), which
        a nested call (`eval`, `load`) shares with the outermost.

        Each form's run is marked with (program, index): when a continuation
        captured by form i is re-entered later, the VM's run ends in form i's
        HALT frame, and the program goes on with form i + 1, which is what
        "the rest of the program" means for a toplevel continuation."""
        return self.limits.run(self._eval_text, text, filename)

    def _eval_text(self, text: str, filename: str):
        from .reader import Reader
        register_source(filename, text)
        reader = Reader(text, filename)
        forms = []
        program = object()
        result = unspecified
        i = 0
        while True:
            if i == len(forms):
                datum = reader.read()
                if datum is reader.EOF:
                    return result
                forms.append((datum, reader.datum_loc()))
            datum, loc = forms[i]
            result = self.eval_datum(datum, (program, i), loc)
            marker = self.vm.halt_marker
            if marker is not None and marker[0] is program and marker[1] != i:
                i = marker[1]
            i += 1

    def load(self, path: str):
        """Run the program in file `path`; return the last value. A file that
        cannot be read (missing, a directory, not UTF-8) is an Elle
        `file-error`, raised as ElleError."""
        from .sourcefile import read_source
        return self.eval_text(read_source(path), path)

    _in_prelude = False

    def _load_prelude(self):
        if not os.path.isdir(PRELUDE_DIR):
            return
        self._in_prelude = True
        try:
            for fname in sorted(os.listdir(PRELUDE_DIR)):
                if fname.endswith(".scm"):
                    path = os.path.join(PRELUDE_DIR, fname)
                    with open(path, encoding="utf-8") as f:
                        self._eval_text(f.read(), f"<prelude>/{fname}")
        finally:
            self._in_prelude = False

    # -- embedding API ----------------------------------------------------

    def eval(self, text: str, filename: str = "<string>"):
        """Evaluate Elle source text; return the last value converted to
        Python. Output the program wrote is flushed before this returns (or
        raises), so it comes before anything the host prints next."""
        try:
            return to_python(self.eval_text(text, filename), self)
        finally:
            self.flush()

    def define(self, name: str, value) -> None:
        """Bind global `name`. A Python callable becomes an Elle procedure
        whose arguments and result are converted as documented above; an
        exception it raises becomes an Elle `host-error` (catchable with
        `guard`) and, if it reaches Python again, an ElleError whose
        `__cause__` is the original exception."""
        if callable(value) and not isinstance(value, Procedure):
            fn = value

            def call_python(*args):
                try:
                    return from_python(fn(*[to_python(a, self) for a in args]))
                except ElleError:
                    raise
                except Exception as e:
                    raise ElleError(host_error_object(name, e)) from e

            value = Primitive(name, call_python, 0, None)
        else:
            value = from_python(value)
        self.globals.define(Symbol(name), value)

    def lookup(self, name: str):
        """The Python-converted value of global `name` (KeyError if unbound)."""
        from .environment import UNBOUND
        v = self.globals.lookup(Symbol(name))
        if v is UNBOUND:
            raise KeyError(name)
        return to_python(v, self)

    def call(self, proc, *args):
        """Call an Elle procedure (or the global named `proc`) with Python
        args; output is flushed on return, as for `eval`."""
        if isinstance(proc, str):
            from .environment import UNBOUND
            p = self.globals.lookup(Symbol(proc))
            if p is UNBOUND:
                raise KeyError(proc)
            proc = p
        try:
            return to_python(self.limits.run(self.vm.apply, proc,
                                             [from_python(a) for a in args]), self)
        finally:
            self.flush()

    def _snapshot(self):
        """The VM state before an evaluation under limits, as a procedure
        putting it back: a limit exception can land anywhere, even in the
        VM's own clean-up (elle.limits)."""
        from . import host as host_mod
        import sys
        vm = self.vm
        state = (vm.runs, list(vm.open_runs), vm.bottom, vm.winders, vm.handlers,
                 vm.max_depth, sys.getrecursionlimit())
        active = host_mod.swap(None)
        host_mod.swap(active)

        def restore():
            (vm.runs, vm.open_runs[:], vm.bottom, vm.winders, vm.handlers,
             vm.max_depth, limit) = state
            sys.setrecursionlimit(limit)
            host_mod.swap(active)
            if vm.runs == 0 and self.jit is not None:
                self.jit.end_of_run()
        return restore

    def flush(self) -> None:
        """Write out this interpreter's buffered console output and flush
        open file ports."""
        from .primitives import io
        io.flush_host(self.host)


def host_error_object(name: str, exc: Exception) -> ErrorObject:
    """The Elle condition for Python exception `exc` raised by the host
    callable bound to `name`; it keeps `exc` as its cause."""
    err = ErrorObject("host-error", f"{name}: {type(exc).__name__}: {exc}")
    err.cause = exc
    return err


def from_python(x, _path=None):
    """Convert a Python value to an Elle value (see the module docstring).
    A list or tuple that contains itself is a ConversionError."""
    t = type(x)
    if t in (int, float, bool, Fraction, complex):
        return x
    if t is str:
        return MString(x)
    if x is None:
        return unspecified
    if t is list or t is tuple:
        path = set() if _path is None else _path
        if id(x) in path:
            raise ConversionError(ErrorObject(
                "conversion-error", "cannot convert a Python list or tuple that contains itself"))
        path.add(id(x))
        items = [from_python(e, path) for e in x]
        path.discard(id(x))
        return list_to_pairs(items) if t is list else items
    if t in (bytes, bytearray):
        return bytearray(x)
    return x


def to_python(x, interp: Interpreter | None = None, _path=None):
    """Convert an Elle value to a Python value (see the module docstring).

    Circular structure -- a list whose cdrs loop, or a list or vector that
    contains itself -- has no Python equivalent: ConversionError. Shared
    (acyclic) substructure is fine and is converted once per occurrence."""
    t = type(x)
    if t in (int, float, bool, Fraction, complex, Symbol):
        return x
    if t is MString:
        return x.s
    if x is nil:
        return []
    if t is Pair or t is list:
        path = set() if _path is None else _path
        if id(x) in path:
            _circular()
        path.add(id(x))
        try:
            if t is list:
                return tuple(to_python(e, interp, path) for e in x)
            return _list_to_python(x, interp, path)
        finally:
            path.discard(id(x))
    if t is bytearray:
        return bytes(x)
    if t is Char:
        return x.ch
    if x is unspecified:
        return None
    if t is Values:
        return tuple(to_python(e, interp, _path) for e in x.items)
    if isinstance(x, Procedure) and interp is not None:
        def call(*args, _p=x):
            try:
                return to_python(interp.limits.run(interp.vm.apply, _p,
                                                   [from_python(a) for a in args]), interp)
            finally:
                interp.flush()
        call.elle_procedure = x
        return call
    return x


def _list_to_python(x, interp, path):
    """The elements of the list starting at pair `x`, converted; `x` itself
    if the list is improper. Floyd's tortoise and hare finds a cdr loop."""
    out = []
    p = slow = x
    while type(p) is Pair:
        out.append(to_python(p.car, interp, path))
        p = p.cdr
        if len(out) % 2 == 0:
            slow = slow.cdr
            if p is slow:
                _circular()
    if p is not nil:
        return x  # improper list: keep the Elle object
    return out


def _circular():
    raise ConversionError(ErrorObject(
        "conversion-error", "cannot convert circular Elle data to Python"))


__all__ = ["Interpreter", "ElleError", "ConversionError", "from_python", "to_python"]
