"""The bytecode VM: an explicit frame stack, so Elle never recurses in Python.

**Owns:** running code objects (`run`, `apply`), the frame representation,
calls and proper tail calls, first-class continuations, the dynamic state
(dynamic-wind winders, exception-handler stack), routing raised errors to
Elle handlers, the call-depth limit, backtraces, and the tiers' entry hook
(ENTER).
**Does not touch:** compilation (`elle.compiler`), what primitives compute
(`elle.primitives`), how native code is made (`elle.jit`).

Frames are immutable linked tuples

    (ops, pc, r, dst, epoch, code, closure, parent)

pushed by a non-tail call and popped by a return, which stores the value in
`r[dst]`. `r` is the caller's register list. A callee's registers are its
arguments extended by `Closure.regs` (captured values, then None padding:
the register layout in `elle.bytecode`); every place that starts a frame
(the call instructions, `_call` with rest arguments, `run`, `apply`) uses
that layout. A continuation is just a frame
(plus depth and dynamic state), so capture is O(1); re-entry stays correct
because a frame captured while its registers were live is returned into with
a *copy* of its registers: every capture bumps the VM's monotonic `epoch`,
and a return into a frame pushed under an older epoch copies `r` first.
Every run starts from a fresh HALT frame; its registers hold the value and a
marker naming the toplevel form that run belongs to, so re-entering a
continuation captured by an earlier toplevel form resumes *that* form's
continuation (see `Interpreter.eval_text`).

Tiers: when tier 1 or tier 2 is on, every lambda's bytecode starts with
ENTER (operand: its fixed argument count, -1 with rest arguments), the one
place the tiers hook in, so the call instructions and `_call` carry no tier
tests. ENTER runs the code's native entry if it has one (and the depth
leaves NATIVE_DEPTH_LIMIT frames for it), feeds the JIT profiler while tier
2 is still deciding, and otherwise counts entries for tier 1, which at its
threshold compiles the code and turns ENTER into T1ENTER (run the Python
function) or a jump over it. A self tail call jumps to pc 0, so loop
iterations count as entries and a loop that gets hot mid-run continues in
the tier that took it.

JIT entries (`code.jit_entry(closure, args)`) return a value, or
`NATIVE_BAILOUT` (run this call in bytecode), or a `TailCall(closure, args)`
(native code stopped part-way through a loop; the VM continues by
tail-calling `closure` with the loop state `args`). Contract: after
`NATIVE_BAILOUT` the VM runs the call with the *same* `args` list object it
passed to the entry, which the entry may have overwritten with the loop
variables of the last loop-head pass, so a bailed-out loop resumes where it
stopped instead of redoing its iterations (see `elle.jit.bridge`): ENTER
copies that list back into the registers.

The fast paths of the call instructions (non-tail and tail) are written
out in full inside the dispatch loop rather than shared through a helper:
a Python call per Elle call would cost ~15% on call-heavy code. Everything
unusual (rest arguments, primitives with control, continuations, arity
errors) goes through the one shared slow path, `_call`. The one-argument
instructions (CALLG1, CALL1, CALLG1I) inline a plain primitive and a
fixed-arity closure.

Primitives raise `errors.ElleError`; the VM turns it into a call of the
Scheme-level `raise` (prelude `00-core.scm`) when an Elle handler is
installed, and otherwise lets it leave `run` with a backtrace.
"""

from __future__ import annotations

import re
import sys

from . import bytecode as B
from . import host as host_mod
from .bytecode import pick_case
from .datum import Pair, Symbol, list_to_pairs, nil
from .environment import UNBOUND
from .errors import ElleError, ElleExit, raise_error, suggest_for_unbound
from .tier1.protocol import Unwind
from .values import (NATIVE_BAILOUT, NATIVE_DEPTH_LIMIT, Closure, Continuation, ErrorObject, Parameter,
                     Primitive, TailCall, make_values, unspecified)

# The dispatch in VM._execute tests number ranges of these groups.
assert B.OPNAMES == """
ADDI SUBI JNEQI RETLTI CALLG1I TCALLG TSCALL TCALL ADDRET
RET CALLG1 CALL1 CALLG CALL SCALL CLOSRET JNEQ CONST ADD
PRIM2 MUL CAR JNLT CDR JNNULL JT CMP JF JNLTI JNPAIR
SUB PRIM PRIM1 MOV GREF VSET VREF JNCMP JNCMPI CLOS BREF BSET
CMPI JMP MKBOX NEWBOX SELF GSET GDEF GROW ENTER T1ENTER HALT
""".split(), "opcode numbering changed: update the dispatch in VM._execute"

HALT_CODE = B.CodeObject("<halt>", None, 0, False)
HALT_CODE.ops = [(B.HALT, None, None, None, None)]
HALT_CODE.locs = [None]
HALT_OPS = HALT_CODE.ops
HALT_CLOSURE = Closure(HALT_CODE, (), "<halt>")


# Frames a recursion-depth error's handlers may use above the limit.
DEPTH_HEADROOM = 10_000


class ContinuationEscape(BaseException):
    """A continuation of an outer run was called inside a nested one: unwinds
    the Python stack to that run's `_enter`, which delivers `value` into
    `frame`. A BaseException, so no `except Exception` on the way (the
    dispatch loop's, tier 1's, a primitive's) takes it for an error."""

    def __init__(self, value, frame, depth, handlers, winders, bottom):
        super().__init__()
        self.value, self.frame, self.depth = value, frame, depth
        self.handlers, self.winders, self.bottom = handlers, winders, bottom


_TEMPORARY = re.compile(r"\.\d+\Z")


def _local_names(lam) -> list:
    """Names of the parameters, captured variables and let-bound variables
    of procedure `lam` (not of procedures nested in it)."""
    from .core import Lambda, Let, Letrec
    if lam is None:
        return []
    found = [*lam.params, *([lam.rest] if lam.rest is not None else []), *(lam.free or ())]
    stack = [lam.body]
    while stack:
        n = stack.pop()
        t = type(n)
        if t is Let or t is Letrec:
            found.extend(n.vars)
        if t is not Lambda:
            stack.extend(n.children())
    return [v.name.name for v in found]


class UncaughtRaise(ElleError):
    """An Elle `raise` with no handler installed (raised by `%raise-uncaught`);
    never routed to Elle handlers again."""


class VM:
    def __init__(self, interp):
        self.interp = interp
        self.depth_limit = interp.config.max_depth
        self.max_depth = self.depth_limit   # raised by DEPTH_HEADROOM while a depth error is handled
        self.epoch = 0
        self.winders = None         # (before, after, parent) linked tuples
        self.handlers = nil         # Elle list of handler procedures, innermost first
        self.jit = None
        self.tier1 = None           # elle.tier1.tiering.Tier1 when tiering is on
        self.runs = 0               # nesting of run loops (Python-level reentry)
        self.halt_marker = None     # marker of the HALT frame the last run ended in
        self.bottom = None          # the HALT frame the running frame chain ends in
        self.open_runs = []         # HALT frames of the runs in progress, outermost first
        self.entry_codes = []       # the code each of those runs started with
        self._raise_cell = interp.globals.cell(Symbol("raise"))
        self.host = interp.host
        self._apply_codes = {}

    def attach_jit(self, coordinator) -> None:
        self.jit = coordinator

    # -- entry points -----------------------------------------------------

    def run(self, code: B.CodeObject, marker=None):
        """Run a toplevel code object; return its value."""
        clo = Closure(code, (), code.name)
        r = [None] * code.nregs
        return self._enter(code.ops, code, clo, r, marker)

    def apply(self, proc, args):
        """Call any procedure from Python (a nested run); return its value."""
        if type(proc) is Primitive and proc.control is None and not proc.tail:
            self._check_prim_arity(proc, len(args))
            outer = host_mod.swap(self.host)
            try:
                return proc.fn(*args)
            finally:
                host_mod.swap(outer)
        code, clo = self.tail_call_code(len(args))
        return self._enter(code.ops, code, clo, [proc, *args], None)

    def tail_call_code(self, n):
        """(code, closure) of a frame that tail-calls r[0] with r[1..n]: no
        frame of its own in backtraces (no `lam`)."""
        got = self._apply_codes.get(n)
        if got is None:
            code = B.CodeObject("<apply>", None, 0, False)
            code.ops = [(B.TCALL, 0, tuple(range(1, n + 1)), -1, None)]
            code.locs = [None]
            code.nregs = n + 1
            got = self._apply_codes[n] = (code, Closure(code, (), "<apply>"))
        return got

    def _enter(self, ops, code, clo, r, marker):
        saved = (self.winders, self.handlers)
        outer_host = host_mod.swap(self.host)     # primitives see this interpreter's ports
        outer_bottom = self.bottom
        self.runs += 1
        limit = self.tier1.raise_limit() if self.runs == 1 and self.tier1 is not None else 0
        if self.runs == 1 and self.jit is not None:
            self.jit.start_of_run()
        halt = (HALT_OPS, 0, [None, marker], 0, self.epoch, HALT_CODE, HALT_CLOSURE, None)
        self.bottom = halt
        self.open_runs.append(halt)
        self.entry_codes.append(code)
        try:
            state = (ops, code, clo, r, halt, 0, 0)
            while True:
                try:
                    return self._execute(*state)
                except ContinuationEscape as esc:
                    if esc.bottom is not halt:
                        raise
                    # a continuation of this run, called from a run nested in it
                    self.bottom = halt
                    self.winders, self.handlers = esc.winders, esc.handlers
                    ops, pc, r, code, clo, fr, depth = self._deliver(esc.value, esc.frame,
                                                                     esc.depth)
                    state = (ops, code, clo, r, fr, pc, depth)
        except BaseException as exc:
            if isinstance(exc, ElleError) and self.winders is not saved[0]:
                # an error leaving this run leaves the dynamic extents entered
                # in it: their after thunks run (a parameterize is undone)
                self.handlers = saved[1]
                self._rewind(saved[0])
            self.winders, self.handlers = saved
            raise
        finally:
            self.open_runs.pop()
            self.entry_codes.pop()
            self.bottom = outer_bottom
            host_mod.swap(outer_host)
            self.runs -= 1
            if self.runs == 0:
                self.max_depth = self.depth_limit
            if limit:
                sys.setrecursionlimit(limit)
            if self.runs == 0 and self.jit is not None:
                self.jit.end_of_run()

    # -- errors -----------------------------------------------------------

    def known_names(self, local=()) -> list:
        """Names a program could mean (bound globals, macros, syntax
        keywords, and the `local` variable names of the failing procedure),
        for did-you-mean suggestions; internal names (`%...`), library
        privates (`name@(lib)`) and introduced temporaries (`tmp.17`) left out."""
        from .expander.syntax import BUILTINS      # only on this error path
        names = [s.name for s, c in self.interp.globals.cells.items() if c.value is not UNBOUND]
        names.extend(local)
        expander = getattr(self.interp, "expander", None)
        if expander is not None:
            names.extend(s.name for s in expander.toplevel.table if type(s) is Symbol)
        names.extend(s.name for s in BUILTINS if type(s) is Symbol)
        return sorted({n for n in names if n and not n.startswith("%") and "@(" not in n
                       and not _TEMPORARY.search(n)})

    def entry_loc(self):
        """Where the innermost run with user source started, for an error
        with no user frame left to point at: every call between the
        toplevel form and the failing prelude procedure or `raise` was a tail
        call (`(define (g) (raise 'x)) (g)` reports the `(g)` form)."""
        for code in reversed(self.entry_codes):
            for loc in (code.loc, *code.locs):
                if loc is not None and not loc.file.startswith("<prelude>"):
                    return loc
        return None

    def backtrace(self, code, pc, fr, limit=200):
        """[(name, loc)] innermost first, prelude frames left out, runs of
        the same frame (a deep recursion) folded into one entry."""
        out = []
        hidden = 0
        last, repeats = None, 0

        def flush():
            if last is None:
                return
            name, loc = last
            if repeats > 1:
                name = f"{name}  (x{repeats})"
            out.append((name, loc))

        # A frame at the same code and pc as the one before it is counted as
        # that one was (`seen`: 0 left out, 1 in `repeats`, 2 hidden) without
        # looking at it again: a recursion millions deep is walked quickly.
        seen_code, seen_pc, seen = None, None, 0
        while code is not None:
            if code is seen_code and pc == seen_pc:
                if seen == 1:
                    repeats += 1
                elif seen == 2:
                    hidden += 1
            else:
                seen_code, seen_pc, seen = code, pc, 0
                if code is not HALT_CODE and code.lam is not None:
                    loc = code.locs[pc - 1] if 0 < pc <= len(code.locs) else code.loc
                    if loc is None or not loc.file.startswith("<prelude>"):
                        entry = (code.name, loc)
                        seen = 1
                        if entry == last:
                            repeats += 1
                        elif len(out) < limit:
                            flush()
                            last, repeats = entry, 1
                        else:
                            hidden += 1
                            seen = 2
            if fr is None:
                break
            code, pc, fr = fr[5], fr[1], fr[7]
        if len(out) < limit:
            flush()
        if hidden:
            out.append((f"... {hidden} more frames", None))
        return out

    @staticmethod
    def _check_prim_arity(p, n):
        if n < p.min_args or (p.max_args is not None and n > p.max_args):
            from .errors import arity_error
            if p.max_args is None:
                exp = f"at least {p.min_args}"
            elif p.max_args == p.min_args:
                exp = str(p.min_args)
            else:
                exp = f"{p.min_args} to {p.max_args}"
            arity_error(p.name, exp, n)

    def _depth_error(self):
        """Raise the recursion-depth error, an ordinary Elle condition.

        Its handlers run where it was raised, at the limit, so the limit is
        raised by DEPTH_HEADROOM frames for them; it comes back down when a
        continuation (a `guard` leaving) returns below it, or the outermost
        run ends. A second overflow inside that headroom -- a handler that
        recurses without end -- is not offered to handlers again."""
        msg = (f"maximum recursion depth exceeded ({self.depth_limit} nested calls; "
               "set ELLE_MAX_DEPTH or --max-depth to change the limit)")
        if self.max_depth > self.depth_limit:
            raise UncaughtRaise(ErrorObject("recursion-depth", msg))
        self.max_depth = self.depth_limit + DEPTH_HEADROOM
        raise_error("recursion-depth", msg)

    def _to_elle_error(self, exc):
        """Convert a Python exception escaping a primitive into an ElleError."""
        if isinstance(exc, ElleError):
            return exc
        if isinstance(exc, ZeroDivisionError):
            return ElleError(ErrorObject("divide-by-zero", "division by zero"))
        if isinstance(exc, OverflowError):
            return ElleError(ErrorObject("range-error", f"numeric overflow: {exc}"))
        if isinstance(exc, RecursionError):
            return ElleError(ErrorObject("recursion-depth",
                                         "data nested too deeply for this operation"))
        if isinstance(exc, MemoryError):
            return ElleError(ErrorObject("memory-error", "out of memory"))
        err = ErrorObject("internal-error", f"internal error: {type(exc).__name__}: {exc}")
        err.cause = exc
        return ElleError(err)

    # -- the slow call path -----------------------------------------------

    def _call(self, fn, argv, ret, depth):
        """Call `fn` with `argv`, to return into frame `ret` (the caller is at
        `depth`, counting `ret`). Returns the machine state to continue with:
        (ops, pc, r, code, closure, parent frame, depth) -- a fresh closure
        frame, or `ret` (or a continuation's frame) with the value stored."""
        while True:
            t = type(fn)
            if t is Closure:
                code = fn.code
                n = code.nparams
                na = len(argv)
                if code.rest:
                    if code.cases is not None:      # a case-lambda: call its clause
                        clause = pick_case(fn, na)
                        if clause is not None:
                            fn = clause
                            continue
                    if na < n:
                        self._closure_arity(fn, na)
                    argv = argv[:n] + [list_to_pairs(argv[n:])]
                elif na != n:
                    self._closure_arity(fn, na)
                if depth > self.max_depth:
                    self._depth_error()
                argv += fn.regs
                return (code.ops, 0, argv, code, fn, ret, depth)
            if t is Primitive:
                self._check_prim_arity(fn, len(argv))
                ctl = fn.control
                if ctl is None:
                    v = fn.fn(*argv)
                    if type(v) is TailCall:
                        fn, argv = v.proc, list(v.args)
                        continue
                    return self._deliver(v, ret, depth - 1)
                if ctl == "call/cc":
                    self.epoch += 1
                    k = Continuation((ret, depth - 1, self.handlers, self.bottom), self.winders)
                    fn, argv = argv[0], [k]
                    continue
                v = self._control(ctl, argv)
                if type(v) is TailCall:
                    fn, argv = v.proc, list(v.args)
                    continue
                return self._deliver(v, ret, depth - 1)
            if t is Continuation:
                frame, kdepth, handlers, bottom = fn.state
                if kdepth < self.depth_limit:
                    self.max_depth = self.depth_limit    # back below the limit (see _depth_error)
                v = make_values(argv)
                self._rewind(fn.winders)
                self.handlers = handlers
                if bottom is not self.bottom and any(b is bottom for b in self.open_runs):
                    # k continues a run this one is nested in (a guard around
                    # `eval`, an escape from a callback): leave the nested runs
                    # and go on in that one. Running k's frames in this loop
                    # instead would, on reaching k's HALT, return from *this*
                    # run, and its caller would carry on a second time.
                    raise ContinuationEscape(v, frame, kdepth, handlers, fn.winders, bottom)
                return self._deliver(v, frame, kdepth)
            if t is Parameter:
                if argv:
                    raise_error("arity-error", "parameter object: expected 0 arguments, got "
                                f"{len(argv)}")
                return self._deliver(fn.value, ret, depth - 1)
            from .printer import write_limited
            raise_error("type-error", f"not a procedure: {write_limited(fn)}")

    def _deliver(self, v, frame, depth):
        """Return `v` into `frame`: the state to continue with."""
        ops, pc, r, dst, e, code, clo, parent = frame
        if e != self.epoch:
            r = r[:]
        r[dst] = v
        return (ops, pc, r, code, clo, parent, depth)

    def _closure_arity(self, fn, got):
        from .errors import arity_error
        arity_error(fn.name or "anonymous procedure", fn.code.arity_text(), got)

    def _control(self, ctl, argv):
        if ctl == "%handlers":
            return self.handlers
        if ctl == "%set-handlers!":
            self.handlers = argv[0]
            return unspecified
        if ctl == "%wind-push!":
            self.winders = (argv[0], argv[1], self.winders)
            return unspecified
        if ctl == "%wind-pop!":
            if self.winders is not None:
                self.winders = self.winders[2]
            return unspecified
        if ctl == "%raise-uncaught":
            payload = argv[0]
            cause = payload.cause if type(payload) is ErrorObject else None
            raise UncaughtRaise(payload, continuable=bool(argv[1]) if len(argv) > 1 else False
                                ) from cause
        raise AssertionError(f"unknown control primitive {ctl}")

    def _rewind(self, target):
        """Run dynamic-wind after/before thunks to move from the current
        winders to `target` (R7RS 6.10, `dynamic-wind`)."""
        cur = self.winders
        if cur is target:
            return
        def chain(w):
            out = []
            while w is not None:
                out.append(w)
                w = w[2]
            return out
        ca, ta = chain(cur), chain(target)
        common = set(map(id, ta))
        for w in ca:                       # innermost first
            if id(w) in common:
                break
            self.winders = w[2]
            self.apply(w[1], [])
        ids_cur = set(map(id, chain(self.winders)))
        todo = [w for w in ta if id(w) not in ids_cur]
        for w in reversed(todo):           # outermost first
            self.apply(w[0], [])
            self.winders = w
        self.winders = target

    # -- the dispatch loop ------------------------------------------------

    def _execute(self, ops, code, clo, r, fr, pc=0, depth=0):
        # Dispatch: one line of bytecode.OPNAMES per group. The first is a
        # linear chain of the hottest opcodes (ADDI/SUBI, the tail calls: each
        # set tested as one number range), chosen by the opcode profile of
        # benchmarks/programs and the VM targets (fib, a tail loop, closure
        # calls); the others are groups of seven to twelve selected by number
        # range, so no opcode pays for more than ~20 failed tests (~9 ns each;
        # see shared/notes/python-vm-dispatch.md). Re-profile when the opcode
        # set changes. Fast paths: comparisons of any mix of ints and floats
        # are exact in Python, as R7RS wants; arithmetic only when both have
        # one type (int+float could overflow where the primitive gives +inf.0).
        (ADDI, SUBI, JNEQI, RETLTI, CALLG1I, TCALLG, TSCALL, TCALL, ADDRET,
         RET, CALLG1, CALL1, CALLG, CALL, SCALL, CLOSRET, JNEQ, CONST, ADD,
         PRIM2, MUL, CAR, JNLT, CDR, JNNULL, JT, CMP, JF, JNLTI, JNPAIR,
         SUB, PRIM, PRIM1, MOV, GREF, VSET, VREF, JNCMP, JNCMPI, CLOS, BREF, BSET,
         CMPI, JMP, MKBOX, NEWBOX, SELF, GSET, GDEF, GROW, ENTER, T1ENTER,
         HALT) = range(len(B.OPNAMES))
        from .values import Box
        int_, float_, list_, Pair_, Closure_, Primitive_, TailCall_, nil_ = (
            int, float, list, Pair, Closure, Primitive, TailCall, nil)
        UNBOUND_, BAIL = UNBOUND, NATIVE_BAILOUT
        jit = self.jit
        tier1 = self.tier1
        t1cap = tier1.depth_cap if tier1 is not None else 0
        ncap = self.max_depth - NATIVE_DEPTH_LIMIT     # native code entered only below
        maxdepth = self.max_depth
        epoch = self.epoch
        while True:
            try:
                while True:
                    op, a, b, c, d = ops[pc]
                    pc += 1
                    if op <= SUBI:
                        # c is the addend (-k for SUBI); d = (primitive, k) for other types
                        x = r[b]
                        r[a] = x + c if type(x) is int_ or type(x) is float_ else d[0](x, d[1])
                    elif op == JNEQI:
                        x = r[a]
                        if type(x) is int_ or type(x) is float_:
                            if x != b:
                                pc = c
                        elif d(x, b) is False:
                            pc = c
                    elif op == RETLTI:
                        # return r[c] if r[a] < b, else go on (the else branch follows)
                        x = r[a]
                        if (x < b if type(x) is int_ or type(x) is float_
                                else d(x, b) is not False):
                            v = r[c]
                            ops, pc, r, a, e, code, clo, fr = fr
                            if e != epoch:
                                r = r[:]
                            r[a] = v
                            depth -= 1
                    elif op == CALLG1I:
                        # CALLG1 of r[c] + d[0]; any case but the fast one runs
                        # the plain instructions at d[1] (see compiler.call_offset)
                        fn = b.value
                        x = r[c]
                        if (type(fn) is Closure_ and fn.code.fixed == 1
                                and (type(x) is int_ or type(x) is float_)):
                            fr = (ops, pc, r, a, epoch, code, clo, fr)
                            depth += 1
                            if depth > maxdepth:
                                self._depth_error()
                            code = fn.code
                            clo = fn
                            ops = code.ops
                            pc = 0
                            r = [x + d[0], *fn.regs]
                            continue
                        pc = d[1]
                    elif op <= TCALL:
                        if op == TCALLG:
                            fn = a.value
                        elif op == TSCALL:
                            fn = clo
                            b = a
                        else:
                            fn = r[a]
                        if fn is clo and c >= 0:
                            # a self tail call with the right argument count
                            # (c, found by the compiler): reuse the frame (no
                            # continuation can hold these live registers, see
                            # the module doc) and start again at pc 0 (its
                            # ENTER, if tiering is on, sees one more entry)
                            if c == 2:
                                r[0], r[1] = r[b[0]], r[b[1]]
                            elif c == 1:
                                r[0] = r[b[0]]
                            else:
                                r[:c] = [r[i] for i in b]
                            pc = 0
                            continue
                        n = len(b)
                        if n == 1:
                            argv = [r[b[0]]]
                        elif n == 2:
                            argv = [r[b[0]], r[b[1]]]
                        else:
                            argv = [r[i] for i in b]
                        if type(fn) is Closure_:
                            co = fn.code
                            if n == co.fixed:
                                code = co
                                clo = fn
                                ops = co.ops
                                pc = 0
                                argv += fn.regs
                                r = argv
                                continue
                        elif type(fn) is Primitive_ and fn.control is None:
                            if fn.min_args <= n and (fn.max_args is None or n <= fn.max_args):
                                v = fn.fn(*argv)
                                if type(v) is not TailCall_:
                                    ops, pc, r, a, e, code, clo, fr = fr
                                    if e != epoch:
                                        r = r[:]
                                    r[a] = v
                                    depth -= 1
                                    continue
                                fn, argv = v.proc, list(v.args)
                        if fn is UNBOUND_:
                            raise_error("unbound-variable", f"unbound variable: {a.name.name}")
                        ops, pc, r, code, clo, fr, depth = self._call(fn, argv, fr, depth)
                        epoch = self.epoch
                    elif op == ADDRET:
                        x = r[a]
                        y = r[b]
                        t = type(x)
                        if (t is int_ or t is float_) and type(y) is t:
                            v = x + y
                        else:
                            v = c(x, y)
                        ops, pc, r, a, e, code, clo, fr = fr
                        if e != epoch:
                            r = r[:]
                        r[a] = v
                        depth -= 1
                    elif op <= ADD:
                        if op == RET:
                            v = r[a]
                            ops, pc, r, a, e, code, clo, fr = fr
                            if e != epoch:
                                r = r[:]
                            r[a] = v
                            depth -= 1
                        elif op <= CALL1:
                            # one argument, in register c (CALLG/CALL are the general case)
                            fn = b.value if op == CALLG1 else r[b]
                            if type(fn) is Closure_:
                                co = fn.code
                                if co.fixed == 1:
                                    fr = (ops, pc, r, a, epoch, code, clo, fr)
                                    depth += 1
                                    if depth > maxdepth:
                                        self._depth_error()
                                    code = co
                                    clo = fn
                                    ops = co.ops
                                    pc = 0
                                    r = [r[c], *fn.regs]
                                    continue
                            elif (type(fn) is Primitive_ and fn.control is None
                                    and fn.min_args <= 1 and fn.max_args != 0):
                                v = fn.fn(r[c])
                                if type(v) is not TailCall_:
                                    r[a] = v
                                    continue
                                ops, pc, r, code, clo, fr, depth = self._call(
                                    v.proc, list(v.args), (ops, pc, r, a, epoch, code, clo, fr),
                                    depth + 1)
                                epoch = self.epoch
                                continue
                            if fn is UNBOUND_:
                                raise_error("unbound-variable", f"unbound variable: {b.name.name}")
                            ops, pc, r, code, clo, fr, depth = self._call(
                                fn, [r[c]], (ops, pc, r, a, epoch, code, clo, fr), depth + 1)
                            epoch = self.epoch
                        elif op <= SCALL:
                            if op == CALLG:
                                fn = b.value
                            elif op == CALL:
                                fn = r[b]
                            else:
                                fn = clo
                                c = b
                            n = len(c)
                            if n == 1:
                                argv = [r[c[0]]]
                            elif n == 2:
                                argv = [r[c[0]], r[c[1]]]
                            else:
                                argv = [r[i] for i in c]
                            if type(fn) is Closure_:
                                co = fn.code
                                if n == co.fixed:
                                    fr = (ops, pc, r, a, epoch, code, clo, fr)
                                    depth += 1
                                    if depth > maxdepth:
                                        self._depth_error()
                                    code = co
                                    clo = fn
                                    ops = co.ops
                                    pc = 0
                                    argv += fn.regs
                                    r = argv
                                    continue
                            elif type(fn) is Primitive_ and fn.control is None:
                                if fn.min_args <= n and (fn.max_args is None or n <= fn.max_args):
                                    v = fn.fn(*argv)
                                    if type(v) is not TailCall_:
                                        r[a] = v
                                        continue
                                    fn, argv = v.proc, list(v.args)
                            if fn is UNBOUND_:
                                raise_error("unbound-variable", f"unbound variable: {b.name.name}")
                            ops, pc, r, code, clo, fr, depth = self._call(
                                fn, argv, (ops, pc, r, a, epoch, code, clo, fr), depth + 1)
                            epoch = self.epoch
                        elif op == CLOSRET:
                            # make a closure (see CLOS) and return it
                            if c:
                                if len(b) == 1:
                                    caps = (r[b[0]],)
                                else:
                                    caps = tuple([r[i] for i in b])
                            else:
                                caps = tuple([clo if i is None else r[i] for i in b])
                            v = Closure_(a, caps, a.name, caps + a.pad)
                            ops, pc, r, a, e, code, clo, fr = fr
                            if e != epoch:
                                r = r[:]
                            r[a] = v
                            depth -= 1
                        elif op == JNEQ:
                            x = r[a]
                            y = r[b]
                            tx = type(x)
                            ty = type(y)
                            if (tx is int_ or tx is float_) and (ty is int_ or ty is float_):
                                if x != y:
                                    pc = c
                            elif d(x, y) is False:
                                pc = c
                        elif op == CONST:
                            r[a] = b
                        elif op == ADD:
                            x = r[b]
                            y = r[c]
                            t = type(x)
                            if (t is int_ or t is float_) and type(y) is t:
                                r[a] = x + y
                            else:
                                r[a] = d(x, y)
                        else:
                            raise AssertionError(f"bad opcode {op}")
                    elif op <= JNPAIR:
                        if op == PRIM2:
                            r[a] = b(r[c], r[d])
                        elif op == MUL:
                            x = r[b]
                            y = r[c]
                            t = type(x)
                            if (t is int_ or t is float_) and type(y) is t:
                                r[a] = x * y
                            else:
                                r[a] = d(x, y)
                        elif op == CAR:
                            x = r[b]
                            r[a] = x.car if type(x) is Pair_ else c(x)
                        elif op == JNLT:
                            x = r[a]
                            y = r[b]
                            tx = type(x)
                            ty = type(y)
                            if (tx is int_ or tx is float_) and (ty is int_ or ty is float_):
                                if not x < y:
                                    pc = c
                            elif d(x, y) is False:
                                pc = c
                        elif op == CDR:
                            x = r[b]
                            r[a] = x.cdr if type(x) is Pair_ else c(x)
                        elif op == JNNULL:
                            if r[a] is not nil_:
                                pc = b
                        elif op == JT:
                            if r[a] is not False:
                                pc = b
                        elif op == CMP:
                            x = r[b]
                            y = r[c]
                            tx = type(x)
                            ty = type(y)
                            if (tx is int_ or tx is float_) and (ty is int_ or ty is float_):
                                r[a] = d[0](x, y)
                            else:
                                r[a] = d[1](x, y)
                        elif op == JF:
                            if r[a] is False:
                                pc = b
                        elif op == JNLTI:
                            x = r[a]
                            if type(x) is int_ or type(x) is float_:
                                if not x < b:
                                    pc = c
                            elif d(x, b) is False:
                                pc = c
                        elif op == JNPAIR:
                            if type(r[a]) is not Pair_:
                                pc = b
                        else:
                            raise AssertionError(f"bad opcode {op}")
                    elif op <= BSET:
                        if op == SUB:
                            x = r[b]
                            y = r[c]
                            t = type(x)
                            if (t is int_ or t is float_) and type(y) is t:
                                r[a] = x - y
                            else:
                                r[a] = d(x, y)
                        elif op == PRIM:
                            if len(c) == 3:
                                r[a] = b(r[c[0]], r[c[1]], r[c[2]])
                            else:
                                r[a] = b(*[r[i] for i in c])
                        elif op == PRIM1:
                            r[a] = b(r[c])
                        elif op == MOV:
                            r[a] = r[b]
                        elif op == GREF:
                            v = b.value
                            if v is UNBOUND_:
                                raise_error("unbound-variable", f"unbound variable: {b.name.name}")
                            r[a] = v
                        elif op == VSET:
                            x = r[a]
                            k = r[b]
                            if type(x) is list_ and type(k) is int_ and 0 <= k < len(x):
                                x[k] = r[c]
                            else:
                                d(x, k, r[c])
                        elif op == VREF:
                            x = r[b]
                            k = r[c]
                            if type(x) is list_ and type(k) is int_ and 0 <= k < len(x):
                                r[a] = x[k]
                            else:
                                r[a] = d(x, k)
                        elif op == JNCMP:
                            x = r[a]
                            y = r[b]
                            tx = type(x)
                            ty = type(y)
                            if (tx is int_ or tx is float_) and (ty is int_ or ty is float_):
                                if not d[0](x, y):
                                    pc = c
                            elif d[1](x, y) is False:
                                pc = c
                        elif op == JNCMPI:
                            x = r[a]
                            if type(x) is int_ or type(x) is float_:
                                if not d[0](x, b):
                                    pc = c
                            elif d[1](x, b) is False:
                                pc = c
                        elif op == CLOS:
                            if d:           # every capture is a register of this frame
                                n = len(c)
                                if n == 1:
                                    caps = (r[c[0]],)
                                elif n == 2:
                                    caps = (r[c[0]], r[c[1]])
                                else:
                                    caps = tuple([r[i] for i in c])
                            else:           # None stands for the running closure
                                caps = tuple([clo if i is None else r[i] for i in c])
                            r[a] = Closure_(b, caps, b.name, caps + b.pad)
                        elif op == BREF:
                            r[a] = r[b].value
                        elif op == BSET:
                            r[a].value = r[b]
                        else:
                            raise AssertionError(f"bad opcode {op}")
                    else:
                        if op == CMPI:
                            x = r[b]
                            if type(x) is int_ or type(x) is float_:
                                r[a] = d[0](x, c)
                            else:
                                r[a] = d[1](x, c)
                        elif op == JMP:
                            pc = a
                        elif op == MKBOX:
                            r[a] = Box(r[a])
                        elif op == NEWBOX:
                            r[a] = Box(unspecified)
                        elif op == SELF:
                            r[a] = clo
                        elif op == GSET:
                            if a.value is UNBOUND_:
                                raise_error("unbound-variable",
                                            f"set!: unbound variable: {a.name.name}")
                            a.assign(r[b])
                        elif op == GDEF:
                            v = r[b]
                            if type(v) is Closure_ and v.name in (None, "anonymous"):
                                v.name = a.name.name
                            a.assign(v)
                        elif op == GROW:
                            if len(r) < a:
                                r += [None] * (a - len(r))
                        elif op == T1ENTER:
                            # run this call in tier 1 (a: the code's R_ shim)
                            if depth > t1cap:
                                continue        # near the depth limit: bytecode
                            v = a(clo, r)
                            if type(v) is TailCall_:
                                ops, pc, r, code, clo, fr, depth = self._call(
                                    v.proc, list(v.args), fr, depth)
                                epoch = self.epoch
                                continue
                            ops, pc, r, a, e, code, clo, fr = fr
                            if e != epoch:
                                r = r[:]
                            r[a] = v
                            depth -= 1
                        elif op == ENTER:
                            # a lambda's entry when tiering is on (a: its
                            # argument count for native code, -1 if it has
                            # rest arguments): native code, JIT profiling,
                            # or counting towards tier 1
                            if jit is not None and a >= 0:
                                ent = code.jit_entry
                                if ent is not None and depth <= ncap:
                                    argv = r[:a]
                                    v = ent(clo, argv)
                                    if v is BAIL:
                                        r[:a] = argv    # the loop state it stopped at
                                        continue
                                    if type(v) is TailCall_:
                                        ops, pc, r, code, clo, fr, depth = self._call(
                                            v.proc, list(v.args), fr, depth)
                                        epoch = self.epoch
                                        continue
                                    ops, pc, r, a, e, code, clo, fr = fr
                                    if e != epoch:
                                        r = r[:]
                                    r[a] = v
                                    depth -= 1
                                    continue
                                if ent is not None:
                                    continue        # too deep for native code: bytecode
                                if code.jit_profile:
                                    jit.on_call(clo, r[:a])
                                    code.t1_calls += 1      # (tier 1 counts from the start)
                                    continue
                                code.jit_vm_calls += 1
                            if tier1 is not None:
                                code.t1_calls += 1
                                if code.t1_calls >= tier1.threshold:
                                    tier1.hot(code, ops)
                                    pc = 0
                        elif op == HALT:
                            self.halt_marker = r[1]
                            return r[0]
                        else:
                            raise AssertionError(f"bad opcode {op}")
            except ElleExit as ex:
                # R7RS `exit` runs every outstanding dynamic-wind after thunk
                # (once: nested runs mark the exit as unwound).
                if not ex.emergency and not getattr(ex, "unwound", False):
                    ex.unwound = True
                    self._rewind(None)
                raise
            except Exception as exc:        # KeyboardInterrupt is not one: it leaves
                if type(exc) is Unwind or (pc == 1 and ops[0][0] == T1ENTER):
                    # tier-1 frames handed back: continue them in bytecode
                    ops, pc, r, code, clo, fr, depth, exc = tier1.resume(
                        exc, code, clo, r, fr, depth)
                    epoch = self.epoch
                    t1cap = tier1.depth_cap
                    if exc is None:
                        continue
                err = self._to_elle_error(exc)
                if err.loc is None and err.kind == "unbound-variable" and 0 < pc <= len(code.locs):
                    # at a call of a global named in the source: its name
                    err.loc = getattr(code.locs[pc - 1], "callee", None)
                if self.handlers is nil and err.kind == "unbound-variable":
                    # Uncaught, so about to be shown: worth the search. (A
                    # handled one stays cheap; re-raised, it comes back here.)
                    local = _local_names(getattr(code, "lam", None))
                    suggest_for_unbound(err.payload, self.known_names(local), set(local))
                if self.handlers is not nil and not isinstance(err, UncaughtRaise):
                    # Deliver the error to the Scheme-level `raise` as if the
                    # failing instruction had called it (it never returns).
                    raiser = self._raise_cell.value
                    ops, pc, r, code, clo, fr, depth = self._call(
                        raiser, [err.payload], (ops, pc, r, 0, epoch, code, clo, fr), depth + 1)
                    epoch = self.epoch
                    # a depth error's handlers get headroom (_depth_error). The
                    # local is not lowered again when a guard leaves: until this
                    # loop is next entered, a later overflow can be up to
                    # DEPTH_HEADROOM frames late, never early.
                    maxdepth = self.max_depth
                    continue
                if not err.backtrace:
                    err.backtrace = self.backtrace(code, pc, fr)
                if err.loc is None:
                    for _, loc in err.backtrace:
                        if loc is not None:
                            err.loc = loc
                            break
                    else:
                        err.loc = self.entry_loc()
                if err is not exc:
                    raise err from err.payload.cause
                raise
