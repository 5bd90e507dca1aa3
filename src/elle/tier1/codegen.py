"""Tier 1: one code object's register bytecode -> the source of one Python function.

**Owns:** `generate(code, ops)`, which returns the source text, the line
table and the constants the text names. **Does not touch:** when code is
compiled or how the result is installed (`elle.tier1.tiering`), the helpers
the generated code calls (`elle.tier1.runtime`), the VM.

The generated function is `T(clo, r0, .., rN)`: registers are Python locals
named `r<i>`, exactly the VM's register layout (`elle.bytecode`), so any
point of it can be turned back into a VM frame (`elle.tier1.protocol`).
Control flow is rebuilt from the forward jumps the compiler emits: a
conditional jump becomes `if`/`else` up to the branch's immediate
post-dominator (shared code after a join is emitted once; code reached from
two branches but not a join is emitted in both). A self tail call with the
running arity reassigns the parameters and `continue`s the loop around the
body; so does a self call whose value is consed onto and returned
(`trmc_site`), after making the pair whose cdr the next result fills. Every other call is made directly: a closure of the right fixed arity
through its code's `t1` (compiled on first call), a plain primitive through
its Python function, anything else through the runtime helper `call_`. A
non-self tail call of a terminal procedure (one that makes no direct tail
call) is a direct call; any other returns a `TailCall` marker, run by the
nearest non-tail call site (`tramp_`), so tail calls take bounded Python
stack. Inlined primitives keep the VM's fast paths (exact
`type(x) is int` tests: booleans are not integers) and call the primitive
otherwise, so results and error messages are the VM's.

Line table: `lines[n]` = (pc, kind) for source line n. `kind` says what a
line's call may leave pending if the Python recursion limit stops it before
it starts: REDO (nothing: the VM can run the instruction again) or MARKER
(the tail-call marker in local `v_` still has to run).
"""

from __future__ import annotations

import operator

from .. import bytecode as B
from ..bytecode import pick_case
from ..datum import Char, MString, Nil, Symbol
from ..values import Closure

REDO, MARKER = 0, 1

# Instructions that write register operand `a` and no other (see `_Gen.learn`),
# and those that write no register.
_WRITES_A = frozenset([B.CONST, B.MOV, B.GREF, B.BREF, B.MKBOX, B.NEWBOX, B.SELF, B.ADDI,
                       B.SUBI, B.ADD, B.SUB, B.MUL, B.CMP, B.CMPI, B.CAR, B.CDR, B.PRIM,
                       B.PRIM1, B.PRIM2, B.VREF, B.CLOS, B.CALL, B.CALLG, B.SCALL, B.CALL1,
                       B.CALLG1])
_WRITES_NONE = frozenset([B.GSET, B.GDEF, B.BSET, B.VSET, B.GROW, B.ENTER, B.T1ENTER])

_PYOP = {operator.lt: "<", operator.gt: ">", operator.le: "<=", operator.ge: ">=",
         operator.eq: "=="}

_TERMINATORS = {B.RET, B.ADDRET, B.CLOSRET, B.TCALL, B.TCALLG, B.TSCALL, B.HALT}
_BRANCH2 = {B.JF, B.JT, B.JNNULL, B.JNPAIR}      # target in operand b
_BRANCH3 = {B.JNLT, B.JNLTI, B.JNEQ, B.JNEQI, B.JNCMP, B.JNCMPI}


_TEMPLATES = None       # (primitive function, argument count) -> inline text

# The names generated code tests types with, for the types a register can be
# known to hold (`_Gen.kind`): a template's `type({i}) is NAME` test of such
# an operand is dropped.
_TYPE_NAMES = {int: "int_", float: "float_", Char: "Char_", Symbol: "Symbol_", MString: "MString_"}
# Constants that are their own identity: `eqv?` with one is `is`.
_IDENTITY_TYPES = (Char, Symbol, bool, Nil)


def template(fn, nargs: int):
    """The inline text a primitive declares for a call of `nargs`
    arguments (`elle.primitives.primitive`, `inline=`), or None."""
    if _TEMPLATES is None:
        _read_declarations()
    return _TEMPLATES.get((fn, nargs))


_EXACT_RESULTS = {}     # primitive function -> its `exact_result` declaration
_IDENTITY_WITH_CONSTANTS = frozenset()  # functions declared `identity_with_constants`


def exact_result(fn):
    """When primitive function `fn` returns an exact integer ("always",
    "ints": when its arguments are; None)."""
    if _TEMPLATES is None:
        _read_declarations()
    return _EXACT_RESULTS.get(fn)


def identity_with_constants(fn) -> bool:
    """Is primitive function `fn` (of two arguments) `is` when one argument
    is a character, symbol, boolean or the empty list (`eq?`, `eqv?`)?"""
    if _TEMPLATES is None:
        _read_declarations()
    return fn in _IDENTITY_WITH_CONSTANTS


def _read_declarations() -> None:
    """Read the primitives' tier-1 declarations (`inline`, `exact_result`,
    `identity_with_constants`); `_TEMPLATES` is set last, once all are."""
    global _TEMPLATES, _EXACT_RESULTS, _IDENTITY_WITH_CONSTANTS
    import string
    from ..primitives import load_all
    prims = load_all().values()
    table = {}
    for prim in prims:
        texts = getattr(prim, "inline", None)      # (the table holds parameters too)
        for text in (texts.values() if isinstance(texts, dict) else (texts,)):
            if text is not None:
                fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
                table[(prim.fn, len([f for f in fields if f.isdigit()]))] = text
    _EXACT_RESULTS = {prim.fn: prim.exact_result for prim in prims
                      if getattr(prim, "exact_result", None)}
    _IDENTITY_WITH_CONSTANTS = frozenset(prim.fn for prim in prims
                                         if getattr(prim, "identity_with_constants", False))
    _TEMPLATES = table


def _constant_operand(v) -> bool:
    """Does `_Gen.known` record a CONST of `v`? Numbers only where Python's
    arithmetic on them gives the primitive's result: ints a float takes
    exactly, finite floats (which are also literals)."""
    t = type(v)
    if t is int:
        return -_EXACT <= v <= _EXACT
    if t is float:
        return v - v == 0.0         # finite: a literal (no inf or nan)
    return t in _IDENTITY_TYPES or t is MString


class Unsupported(Exception):
    """This code object cannot be expressed (the VM keeps running it)."""


def _num1(x: str) -> str:
    return f"((t_ := type({x})) is int_ or t_ is float_)"


def _same_num(x: str, y: str) -> str:
    return f"((t_ := type({x})) is type({y}) and (t_ is int_ or t_ is float_))"


def _mixed(x: str, y: str) -> str:
    """A float and an int small enough that Python's mixed arithmetic
    converts it exactly, as the primitive does (a larger one could overflow
    where the primitive gives an infinity)."""
    return (f"(t_ is float_ and type({y}) is int_ and -{_EXACT} <= {y} <= {_EXACT} "
            f"or t_ is int_ and type({y}) is float_ and -{_EXACT} <= {x} <= {_EXACT})")


_EXACT = 2 ** 53


def _both_num(x: str, y: str) -> str:
    return (f"((t_ := type({x})) is int_ or t_ is float_) and "
            f"((u_ := type({y})) is int_ or u_ is float_)")


class _Gen:
    def __init__(self, code, ops, fname):
        self.code = code
        self.ops = ops
        self.fname = fname
        self.out = []
        self.lines = [None]           # 1-based: lines[n] for source line n
        self.consts = {}
        self._const_ids = {}
        self.budget = 40 * len(ops) + 400
        self.self_loop = False
        self.terminal = True      # makes no direct tail call (see tail_call)
        self.pairs = set()        # registers known to hold a Pair here (see `learn`)
        self.known = {}           # register -> the constant it holds here (see `learn`)
        self.ints = set()         # registers known to hold an exact integer here
        self.exact = None         # in the exact-integer body: the registers it assumes
        self.exact_jumps = set()  # ... and how its self tail calls loop (`exact_jump`)
        self.trmc = None          # (pc, car register) of the cons-of-a-self-call site (`trmc_site`)

    # -- output -----------------------------------------------------------------

    def line(self, depth: int, text: str, pc: int, kind: int = REDO) -> None:
        self.out.append("    " * depth + text)
        self.lines.append((pc, kind))
        self.budget -= 1
        if self.budget < 0:
            raise Unsupported("control flow too tangled (code would be duplicated)")

    def k(self, value) -> str:
        """The name of a constant in the function's namespace (or a literal)."""
        if value is True or value is False or value is None:
            return repr(value)
        if type(value) is int and -(1 << 62) < value < (1 << 62):
            return repr(value)
        key = id(value)
        name = self._const_ids.get(key)
        if name is None:
            name = f"K{len(self.consts)}"
            self.consts[name] = value
            self._const_ids[key] = name
        return name

    @staticmethod
    def r(i) -> str:
        return f"r{i}"

    # -- control flow --------------------------------------------------------

    def successors(self, pc):
        op, a, b, c, d = self.ops[pc]
        if op in _TERMINATORS:
            return ()
        if op == B.JMP:
            return (a,)
        if op in _BRANCH2:
            return (pc + 1, b)
        if op in _BRANCH3:
            return (pc + 1, c)
        return (pc + 1,)

    def analyse(self, start):
        n = len(self.ops)
        self.exit = n
        seen, order, stack = set(), [], [start]
        self.targets = set()        # pcs reached other than by falling through
        while stack:
            pc = stack.pop()
            if pc in seen:
                continue
            seen.add(pc)
            order.append(pc)
            for s in self.successors(pc):
                if s != pc + 1 or self.ops[pc][0] == B.JMP:
                    self.targets.add(s)
                if s <= pc or s >= n:
                    raise Unsupported(f"jump from {pc} to {s}")
                stack.append(s)
        ipdom = {n: n}
        for pc in sorted(seen, reverse=True):
            succ = self.successors(pc)
            if not succ:
                ipdom[pc] = n
                continue
            j = succ[0]
            for s in succ[1:]:
                a, b = j, s
                while a != b:
                    if a < b:
                        a = ipdom[a]
                    else:
                        b = ipdom[b]
                j = a
            ipdom[pc] = j
        self.ipdom = ipdom

    def block(self, pc, stop, depth):
        """Emit the instructions from `pc` up to `stop` (exclusive)."""
        n = self.exit
        start = len(self.out)
        while pc != stop and pc != n:
            op = self.ops[pc][0]
            if op == B.JMP:
                pc = self.ops[pc][1]
                continue
            if op in _BRANCH2 or op in _BRANCH3:
                target = self.successors(pc)[1]
                join = self.ipdom[pc]
                before, known, ints = self.pairs, self.known, self.ints
                self.line(depth, f"if {self.fallthrough(pc)}:", pc)
                self.pairs = before | {self.ops[pc][1]} if op == B.JNPAIR else set(before)
                self.known, self.ints = dict(known), set(ints)
                self.block(pc + 1, join, depth + 1)
                after_then, known_then, ints_then = self.pairs, self.known, self.ints
                self.line(depth, "else:", pc)
                self.pairs, self.known, self.ints = set(before), dict(known), set(ints)
                self.block(target, join, depth + 1)
                self.pairs = before & after_then & self.pairs
                self.known = {reg: v for reg, v in known.items()
                              if known_then.get(reg) is v and self.known.get(reg) is v}
                self.ints = ints & ints_then & self.ints
                pc = join
                continue
            self.instruction(pc, depth)
            self.learn(pc)
            if op in _TERMINATORS:
                break
            pc += 1
        if len(self.out) == start:
            self.line(depth, "pass", pc if pc < n else 0)

    def learn(self, pc) -> None:
        """Update `pairs`, `known` and `ints` after the instruction at `pc`:
        a register it writes is forgotten; the source of a CAR/CDR is a
        Pair afterwards (else the primitive raised); the target of a CONST
        of a number, character, symbol, string, boolean or '() holds that
        constant (`_constant_operand`); the sum, difference
        or product of exact integers is one, as is a copy of one. A value's
        type never changes, so calls and mutations forget nothing; an
        instruction not listed forgets all."""
        op, a, b, c = self.ops[pc][:4]
        if op in _WRITES_A:
            exact = (op in (B.ADD, B.SUB, B.MUL) and self.is_int(b) and self.is_int(c)
                     or op in (B.ADDI, B.SUBI, B.MOV) and self.is_int(b)
                     or op in (B.PRIM, B.PRIM1, B.PRIM2) and self.exact_primitive(pc))
            self.pairs.discard(a)
            self.known.pop(a, None)
            self.ints.discard(a)
            if op in (B.CAR, B.CDR) and b != a:
                self.pairs.add(b)
            elif op == B.CONST and _constant_operand(b):
                self.known[a] = b
            elif exact:
                self.ints.add(a)
        elif op not in _WRITES_NONE:
            self.pairs.clear()
            self.known.clear()
            self.ints.clear()

    def exact_primitive(self, pc) -> bool:
        """Does the primitive call at `pc` return an exact integer (its
        declaration, `exact_result`, and what is known of its arguments)?"""
        op, _, fn, c, d = self.ops[pc]
        when = exact_result(fn)
        if when == "ints":
            regs = c if op == B.PRIM else (c,) if op == B.PRIM1 else (c, d)
            return all(self.is_int(i) for i in regs)
        return when == "always"

    def is_int(self, reg) -> bool:
        return reg in self.ints or type(self.known.get(reg)) is int

    def kind(self, reg):
        """The type of the value register `reg` is known to hold (int for an
        exact integer, else the type of its known constant), or None."""
        if reg in self.ints:
            return int
        v = self.known.get(reg)
        return None if v is None else type(v)

    def operand(self, reg):
        """(text, known constant or None) for register operand `reg`."""
        v = self.known.get(reg)
        if v is None:
            return self.r(reg), None
        return self.literal(v), v

    def literal(self, v) -> str:
        text = self.k(v)
        return f"({text})" if text[0] == "-" else text

    def fallthrough(self, pc) -> str:
        """The condition under which the branch at `pc` does not jump."""
        op, a, b, c, d = self.ops[pc]
        r = self.r
        if op == B.JF:
            return f"{r(a)} is not False"
        if op == B.JT:
            return f"{r(a)} is False"
        if op == B.JNNULL:
            return f"{r(a)} is nil_"
        if op == B.JNPAIR:
            return f"type({r(a)}) is Pair_"
        if op == B.JNLT:
            return self.compare(a, b, "<", d)
        if op == B.JNEQ:
            return self.compare(a, b, "==", d)
        if op == B.JNCMP:
            return self.compare(a, b, _PYOP[d[0]], d[1])
        imm, exact = self.k(b), self.kind(a) in (int, float)
        if op == B.JNLTI:
            return self.compare_imm(r(a), imm, "<", d, exact)
        if op == B.JNEQI:
            return self.compare_imm(r(a), imm, "==", d, exact)
        return self.compare_imm(r(a), imm, _PYOP[d[0]], d[1], exact)      # JNCMPI

    def compare(self, a, b, sym, fn) -> str:
        """The test (reg a) sym (reg b), a number comparison `fn`. Python
        compares ints and floats exactly, as the primitive does, so only
        an operand of unknown type is tested."""
        (x, _), (y, _) = self.operand(a), self.operand(b)
        test = self.num_test(a, b)
        if test is None:
            return f"({x} {sym} {y})"
        return f"(({x} {sym} {y}) if {test} else ({self.k(fn)}({x}, {y}) is not False))"

    def num_test(self, a, b):
        """The test that registers `a` and `b` hold reals (ints or floats),
        of those not known to: None if both are known to."""
        ka, kb = self.kind(a), self.kind(b)
        ra, rb = ka in (int, float), kb in (int, float)
        if ra and rb:
            return None
        if ra or rb:
            return _num1(self.r(b if ra else a))
        return _both_num(self.r(a), self.r(b))

    def compare_imm(self, x, imm, sym, fn, exact=False) -> str:
        if exact:
            return f"({x} {sym} {imm})"
        return f"(({x} {sym} {imm}) if {_num1(x)} else ({self.k(fn)}({x}, {imm}) is not False))"

    # -- instructions -----------------------------------------------------------

    def instruction(self, pc, depth):
        op, a, b, c, d = self.ops[pc]
        r, k, L = self.r, self.k, self.line
        if op == B.CONST:
            L(depth, f"{r(a)} = {k(b)}", pc)
        elif op == B.MOV:
            L(depth, f"{r(a)} = {r(b)}", pc)
        elif op == B.GREF:
            cell = k(b)
            L(depth, f"{r(a)} = {cell}.value", pc)
            L(depth, f"if {r(a)} is UNBOUND_: unbound_({cell})", pc)
        elif op == B.GSET:
            L(depth, f"gset_({k(a)}, {r(b)})", pc)
        elif op == B.GDEF:
            L(depth, f"gdef_({k(a)}, {r(b)})", pc)
        elif op == B.BREF:
            L(depth, f"{r(a)} = {r(b)}.value", pc)
        elif op == B.BSET:
            L(depth, f"{r(a)}.value = {r(b)}", pc)
        elif op == B.MKBOX:
            L(depth, f"{r(a)} = Box_({r(a)})", pc)
        elif op == B.NEWBOX:
            L(depth, f"{r(a)} = Box_(unspecified_)", pc)
        elif op == B.SELF:
            L(depth, f"{r(a)} = clo", pc)
        elif op in (B.GROW, B.ENTER, B.T1ENTER):
            pass
        elif op in (B.ADDI, B.SUBI):
            x = r(b)
            if self.is_int(b):
                L(depth, f"{r(a)} = {x} + {c}", pc)
            else:
                L(depth, f"{r(a)} = ({x} + {c}) if {_num1(x)} else {k(d[0])}({x}, {k(d[1])})", pc)
        elif op in (B.ADD, B.SUB, B.MUL):
            L(depth, f"{r(a)} = {self.arith(b, c, {B.ADD: '+', B.SUB: '-', B.MUL: '*'}[op], d)}", pc)
        elif op == B.CMP:
            (x, _), (y, _) = self.operand(b), self.operand(c)
            test = self.num_test(b, c)
            cmp = f"{x} {_PYOP[d[0]]} {y}"
            L(depth, f"{r(a)} = {cmp}" if test is None else
                     f"{r(a)} = ({cmp}) if {test} else {k(d[1])}({x}, {y})", pc)
        elif op == B.CMPI:
            x, imm = r(b), k(c)
            if self.kind(b) in (int, float):
                L(depth, f"{r(a)} = {x} {_PYOP[d[0]]} {imm}", pc)
            else:
                L(depth, f"{r(a)} = ({x} {_PYOP[d[0]]} {imm}) if {_num1(x)} "
                         f"else {k(d[1])}({x}, {imm})", pc)
        elif op in (B.CAR, B.CDR):
            field = "car" if op == B.CAR else "cdr"
            if b in self.pairs:
                L(depth, f"{r(a)} = {r(b)}.{field}", pc)
            else:
                L(depth, f"{r(a)} = {r(b)}.{field} if type({r(b)}) is Pair_ else {k(c)}({r(b)})", pc)
        elif op == B.PRIM:
            self.primitive(pc, depth, a, b, list(c))
        elif op == B.PRIM1:
            self.primitive(pc, depth, a, b, [c])
        elif op == B.PRIM2:
            self.primitive(pc, depth, a, b, [c, d])
        elif op == B.VREF:
            x, i = r(b), r(c)
            L(depth, f"{r(a)} = {x}[{i}] if type({x}) is list_ and type({i}) is int_ "
                     f"and 0 <= {i} < len({x}) else {k(d)}({x}, {i})", pc)
        elif op == B.VSET:
            x, i = r(a), r(b)
            L(depth, f"if type({x}) is list_ and type({i}) is int_ and 0 <= {i} < len({x}): "
                     f"{x}[{i}] = {r(c)}", pc)
            L(depth, f"else: {k(d)}({x}, {i}, {r(c)})", pc)
        elif op == B.CLOS:
            L(depth, f"{r(a)} = {self.closure(b, c)}", pc)
        elif op == B.CLOSRET:
            self.ret(depth, self.closure(a, b), pc)
        elif op == B.RET:
            self.ret(depth, r(a), pc)
        elif op == B.ADDRET:
            self.ret(depth, self.arith(a, b, '+', c), pc)
        elif op == B.RETLTI:
            self.ret_if(depth, self.compare_imm(r(a), k(b), '<', d, self.kind(a) in (int, float)),
                        r(c), pc)
        elif op in (B.CALL, B.CALLG, B.SCALL, B.CALL1, B.CALLG1):
            if op == B.CALL:
                callee, args, cell = r(b), c, None
            elif op == B.CALLG:
                callee, args, cell = f"{k(b)}.value", c, b
            elif op == B.SCALL:
                callee, args, cell = "clo", b, None
            elif op == B.CALL1:
                callee, args, cell = r(b), (c,), None
            else:
                callee, args, cell = f"{k(b)}.value", (c,), b
            if self.trmc is not None and pc == self.trmc[0]:
                self.cons_onto_self_call(pc, depth, callee, args, op == B.SCALL)
            self.call(pc, depth, a, callee, [r(i) for i in args], cell)
        elif op == B.CALLG1I:
            # the out-of-line plain sequence: (ADDI/SUBI tmp x imm (fn, k)), CALLG1
            slow = d[1]
            arith = self.ops[slow]
            tmp = r(arith[1])
            x = r(c)
            L(depth, f"{tmp} = ({x} + {arith[3]}) if {_num1(x)} else "
                     f"{k(arith[4][0])}({x}, {k(arith[4][1])})", slow)
            if self.trmc is not None and pc == self.trmc[0]:
                self.cons_onto_self_call(pc, depth, f"{k(b)}.value", (arith[1],), False)
            self.call(pc, depth, a, f"{k(b)}.value", [tmp], b)
        elif op in (B.TCALL, B.TCALLG, B.TSCALL):
            bound_to_self = inward = False
            if op == B.TCALL:
                callee, args, cell, selfn = r(a), b, None, c
                inward = self.made_here(pc, a)
            elif op == B.TCALLG:
                callee, args, cell, selfn = f"{k(a)}.value", b, k(a), c
                held = a.value
                bound_to_self = type(held) is Closure and held.code is self.code
            else:
                callee, args, cell, selfn = "clo", a, None, c
            self.tail_call(pc, depth, callee, args, cell, selfn,
                           op == B.TSCALL, bound_to_self, inward)
        else:
            raise Unsupported(f"opcode {B.OPNAMES[op]}")

    def arith(self, a, b, sym, fn) -> str:
        """(reg a) sym (reg b) for + - *, primitive `fn` the slow path.
        Python's own arithmetic gives the primitive's result for two exact
        integers, two floats, or a float and an int a float takes exactly
        (|n| <= 2**53); the tests left are the ones facts (`kind`, `known`)
        do not settle."""
        (x, kx), (y, ky) = self.operand(a), self.operand(b)
        fast = f"{x} {sym} {y}"
        ka, kb = self.kind(a), self.kind(b)
        if ka is int and kb is int or ka is float and kb is float:
            return fast
        if kb is float and kx is None or ka is float and ky is None:
            reg, kind = (a, ka) if kb is float else (b, kb)      # with a float constant
            other = self.r(reg)
            if kind is int:
                test = f"-{_EXACT} <= {other} <= {_EXACT}"
            else:
                test = (f"((t_ := type({other})) is float_ or t_ is int_ "
                        f"and -{_EXACT} <= {other} <= {_EXACT})")
            return f"({fast}) if {test} else {self.k(fn)}({x}, {y})"
        if (ka is int) != (kb is int) and ka in (int, None) and kb in (int, None):
            other = self.r(b if ka is int else a)
            small = (kx if ka is int else ky) is not None       # an exact constant
            test = _num1(other) if small else f"type({other}) is int_"
            return f"({fast}) if {test} else {self.k(fn)}({x}, {y})"
        x, y = self.r(a), self.r(b)
        return f"({x} {sym} {y}) if {_same_num(x, y)} or {_mixed(x, y)} else {self.k(fn)}({x}, {y})"

    def primitive(self, pc, depth, dst, fn, regs):
        """A call of primitive function `fn` with argument registers `regs`:
        its inline text if it declares one for this many arguments, else a
        direct call. An argument known to be a constant of the type the
        text tests it for is written as the constant, and the test dropped."""
        t = template(fn, len(regs))
        args = [self.r(i) for i in regs]
        if len(regs) == 2 and identity_with_constants(fn) and any(
                type(self.known.get(i)) in _IDENTITY_TYPES for i in regs):
            self.line(depth, f"{self.r(dst)} = {args[0]} is {args[1]}", pc)
            return
        if t is None:
            self.line(depth, f"{self.r(dst)} = {self.k(fn)}({', '.join(args)})", pc)
            return
        for i, reg in enumerate(regs):
            kind = self.kind(reg)
            name = _TYPE_NAMES.get(kind)
            test = f"type({{{i}}}) is {name}" if name is not None else None
            if test is not None and test in t:
                t = t.replace(f"{test} and ", "").replace(f" and {test}", "")
                if reg in self.known:
                    args[i] = self.literal(self.known[reg])
        text = t.format(*args, f=self.k(fn), dst=self.r(dst))
        if "{dst}" not in t:
            self.line(depth, f"{self.r(dst)} = {text}", pc)
            return
        for line in text.split("\n"):
            self.line(depth, line, pc)

    def closure(self, code, caps) -> str:
        kc = self.k(code)
        if not caps:
            return f"Closure_({kc}, (), {kc}.name, {kc}.pad)"
        items = ", ".join("clo" if i is None else self.r(i) for i in caps)
        return f"Closure_({kc}, (k_ := ({items},)), {kc}.name, k_ + {kc}.pad)"

    @staticmethod
    def arguments(args):
        """(count, `a, b` text, tuple text) of argument registers `args`."""
        argl = ", ".join(args)
        return len(args), argl, f"({argl},)" if len(args) == 1 else f"({argl})"

    def call(self, pc, depth, dst, callee, args, cell):
        """A non-tail call. `cell`: the global cell the callee is read from,
        or None. A global holding a closure of the right arity when this is
        generated gets an inline cache: one identity test."""
        L = self.line
        n, argl, tup = self.arguments(args)
        L(depth, f"f_ = {callee}", pc)
        known = cell.value if cell is not None else None
        target = known
        if type(known) is Closure and known.code.cases is not None:
            target = pick_case(known, n)        # a case-lambda's clause for n arguments
        if type(target) is Closure and target.code.fixed == n:
            clo = "f_" if target is known else self.k(target)
            L(depth, f"if f_ is {self.k(known)}:", pc)
            L(depth + 1, f"v_ = {self.k(target.code)}.t1({clo}{', ' if n else ''}{argl})", pc)
            L(depth + 1, "if type(v_) is TailCall_: v_ = tramp_(v_)", pc, MARKER)
            L(depth, f"elif type(f_) is Closure_ and (c_ := f_.code).fixed == {n}:", pc)
        else:
            L(depth, f"if type(f_) is Closure_ and (c_ := f_.code).fixed == {n}:", pc)
        L(depth + 1, f"v_ = c_.t1(f_{', ' if n else ''}{argl})", pc)
        L(depth + 1, "if type(v_) is TailCall_: v_ = tramp_(v_)", pc, MARKER)
        if n <= 3:          # a plain primitive for n arguments (`Primitive.d0`..`d3`)
            L(depth, f"elif type(f_) is Primitive_ and (g_ := f_.d{n}) is not None:", pc)
            L(depth + 1, f"v_ = g_({argl})", pc)
        else:
            L(depth, f"elif type(f_) is Primitive_ and f_.control is None and f_.min_args <= {n} "
                     f"and (f_.max_args is None or f_.max_args >= {n}):", pc)
            L(depth + 1, f"v_ = f_.fn({argl})", pc)
            L(depth + 1, "if type(v_) is TailCall_: v_ = call_(v_.proc, v_.args, None, False)", pc,
              MARKER)
        L(depth, "else:", pc)
        L(depth + 1, f"v_ = call_(f_, {tup}, {self.k(cell) if cell is not None else None}, False)", pc)
        L(depth, f"{self.r(dst)} = v_", pc)

    def made_here(self, pc, reg) -> bool:
        """Does register `reg` hold, at the call at `pc`, a closure this
        function has just made (`CLOS reg ...` followed by constants and
        moves only, with nothing jumping in between)? The named-let shape:
        its code is nested in this function's."""
        j = pc
        while j > 0:
            if j in self.targets:
                return False
            j -= 1
            op, a = self.ops[j][0], self.ops[j][1]
            if op == B.CLOS:
                return a == reg
            if op not in (B.CONST, B.MOV) or a == reg:
                return False
        return False

    def tail_call(self, pc, depth, callee, regs, cell, selfn, is_self, bound_to_self=False,
                  inward=False):
        """A tail call: a self call with the running arity loops; a call of
        a closure whose code is terminal (`CodeObject.t1_terminal`: it
        makes no direct tail call, so it adds at most its own frame to the
        stack) is a direct Python call; any other closure gets a TailCall
        marker, run by the nearest non-tail call site. (A direct tail
        call's frame is dropped when the stack is handed to the VM:
        `elle.tier1.unwind`.)

        `bound_to_self`: the call is of a global that holds this very
        procedure (its recursive call by name). It loops while the global
        still holds the running closure; otherwise (redefined since, or
        another closure of the same code) it returns a marker and never
        calls directly, so the procedure stays terminal: a tail call *to*
        a self-recursive procedure, `(rev-onto acc b)`, is then a direct
        call instead of a marker and a trampoline.

        `inward`: the callee is a closure this function has just made (a
        named let's loop, `made_here`): a direct call, terminal or not.
        Chains of direct tail calls stay bounded: each step goes either to
        a terminal procedure (the chain ends) or to code nested in the
        caller's, which is finite."""
        L = self.line
        n, argl, tup = self.arguments([self.r(i) for i in regs])
        if selfn >= 0:
            self.self_loop = True
            params = ", ".join(self.r(i) for i in range(n))
            assign = f"{params} = {argl}" if n else "pass"
            jump = self.exact_jump(regs)
            if is_self:
                L(depth, assign, pc)
                L(depth, jump, pc)
                return
            L(depth, f"f_ = {callee}", pc)
            L(depth, "if f_ is clo:", pc)
            L(depth + 1, assign, pc)
            L(depth + 1, jump, pc)
        else:
            L(depth, f"f_ = {callee}", pc)
        if bound_to_self and selfn >= 0:
            self.ret_if(depth, f"type(f_) is Closure_ and f_.code.fixed == {n}",
                        f"TailCall_(f_, {tup})", pc, tail=True)
            self.ret(depth, f"call_(f_, {tup}, {cell}, True)", pc, tail=True)
            return
        self.terminal = False
        if inward:
            self.ret_if(depth, f"type(f_) is Closure_ and (c_ := f_.code).fixed == {n}",
                        f"c_.t1(f_{', ' if n else ''}{argl})", pc, tail=True)
            self.ret(depth, f"call_(f_, {tup}, {cell}, True)", pc, tail=True)
            return
        L(depth, f"if type(f_) is Closure_ and (c_ := f_.code).fixed == {n}:", pc)
        self.ret_if(depth + 1, "c_.t1_terminal", f"c_.t1(f_{', ' if n else ''}{argl})", pc,
                    tail=True)
        self.ret(depth + 1, f"TailCall_(f_, {tup})", pc, tail=True)
        if n <= 3:          # a plain primitive returns its value (`Primitive.d0`..`d3`)
            self.ret_if(depth, f"type(f_) is Primitive_ and (g_ := f_.d{n}) is not None",
                        f"g_({argl})", pc, tail=True)
        self.ret(depth, f"call_(f_, {tup}, {cell}, True)", pc, tail=True)

    # -- tail recursion modulo cons -------------------------------------------------

    def trmc_site(self, start):
        """(pc, car register) of the first self call whose value is consed
        onto and returned -- `(cons x (self ...))` in tail position: a
        SCALL, or a CALLG/CALLG1/CALLG1I of a global holding this procedure, with
        the running arity, followed by `PRIM2 t cons x dst; RET t` -- or
        None. Such a call loops instead of recursing
        (`cons_onto_self_call`)."""
        from ..primitives.lists import cons
        code, ops = self.code, self.ops
        if code.rest:
            return None
        for pc in range(start, len(ops) - 2):
            op, dst, b, c, d = ops[pc]
            if op == B.SCALL:
                args = b
            elif op in (B.CALLG, B.CALLG1, B.CALLG1I):
                held = b.value
                if type(held) is not Closure or held.code is not code:
                    continue
                # (CALLG1I: its argument is computed into the register the
                # out-of-line copy's ADDI/SUBI at `d[1]` writes)
                args = c if op == B.CALLG else (ops[d[1]][1],) if op == B.CALLG1I else (c,)
            else:
                continue
            nxt, ret = ops[pc + 1], ops[pc + 2]
            if (len(args) == code.nparams and nxt[0] == B.PRIM2 and nxt[2] is cons
                    and nxt[4] == dst and nxt[3] != dst and ret[0] == B.RET and ret[1] == nxt[1]):
                return pc, nxt[3]
        return None

    def cons_onto_self_call(self, pc, depth, callee, args, is_self):
        """The loop of the `trmc_site` call: the pair `(cons x <result>)`
        is made now with its cdr left open (the "hole"), linked from the
        previous iteration's hole, and the body runs again with the call's
        arguments; the function's returns then fill the last hole and
        return the first pair (`ret`). `n_` counts the pairs: each stands
        for a frame the VM would have waiting at the call
        (`elle.tier1.unwind` rebuilds them), so they come out of a shared
        depth budget (`room_`, `Tier1.raise_limit`), taken 256 at a time;
        when it is spent, the call is an ordinary call."""
        L = self.line
        car = self.r(self.trmc[1])
        cond = "n_ & 255 or room_[0] > 255"
        if is_self:
            L(depth, f"if {cond}:", pc)
        else:
            L(depth, f"f_ = {callee}", pc)
            L(depth, f"if f_ is clo and ({cond}):", pc)
        n = len(args)
        L(depth + 1, f"p_ = Pair_(); p_.car = {car}; p_.loc = None", pc)
        L(depth + 1, "if n_: hole_.cdr = p_", pc)
        L(depth + 1, "else: head_ = p_", pc)
        L(depth + 1, "if not n_ & 255: room_[0] -= 256", pc)
        L(depth + 1, "hole_ = p_; n_ += 1", pc)
        if n:
            params = ", ".join(self.r(i) for i in range(n))
            L(depth + 1, f"{params} = {', '.join(self.r(i) for i in args)}", pc)
        L(depth + 1, self.exact_jump(list(args)), pc)
        self.self_loop = True

    def ret(self, depth, expr, pc, kind=REDO, tail=False):
        """`return expr`; in a function with a `trmc_site`, a return that
        also fills the open hole, if there is one, and returns the first
        pair (a tail call's marker, with `tail`, is run first: the VM's
        callee would return into the frame the hole stands for)."""
        L = self.line
        if self.trmc is None:
            L(depth, f"return {expr}", pc, kind)
            return
        v = expr
        if not (expr.isidentifier() and not tail):      # (a register or constant: as it is)
            v = "v_"
            L(depth, f"v_ = {expr}", pc, kind)
        L(depth, "if n_:", pc)
        if tail:
            L(depth + 1, "if type(v_) is TailCall_: v_ = tramp_(v_)", pc, MARKER)
        L(depth + 1, f"hole_.cdr = {v}; room_[0] += (n_ + 255) & -256", pc)
        L(depth + 1, "return head_", pc)
        L(depth, f"return {v}", pc)

    def ret_if(self, depth, cond, expr, pc, tail=False):
        """`if cond: return expr` (see `ret`)."""
        if self.trmc is None:
            self.line(depth, f"if {cond}: return {expr}", pc)
            return
        self.line(depth, f"if {cond}:", pc)
        self.ret(depth + 1, expr, pc, tail=tail)

    # -- the function ---------------------------------------------------------------

    def exact_jump(self, regs) -> str:
        """How a self tail call with argument registers `regs` loops: in the
        exact-integer body, when every assumed parameter gets an exact
        integer, `continue` its own loop (no entry tests); otherwise
        `break` out of it to the tests ("continue" outside that body)."""
        if self.exact is None:
            return "continue"
        nparams = len(regs)         # (assumed registers past them are captured: unchanged)
        jump = "continue" if all(i >= nparams or self.is_int(regs[i]) for i in self.exact) else "break"
        self.exact_jumps.add(jump)
        return jump

    def speculated(self, start) -> tuple:
        """The parameters and captured variables the body uses as numbers
        (operands of the arithmetic and comparison instructions and of
        primitives declared exact for exact arguments), which an
        exact-integer version of the body assumes: the function then tests
        them on entry (and after each self tail call) and runs that version
        when they all hold exact integers, the general one otherwise. In
        the exact version, arithmetic on them and on its results needs no
        type tests (`learn`, `arith`)."""
        code = self.code
        first_free = code.nparams + (1 if code.rest else 0)
        candidates = set(range(code.nparams)) | set(range(first_free, first_free + code.nfree))
        used = set()
        for pc in range(start, len(self.ops)):
            op, a, b, c, d = self.ops[pc]
            if op in (B.ADD, B.SUB, B.MUL, B.CMP):
                used |= {b, c}
            elif op in (B.ADDI, B.SUBI, B.CMPI):
                used.add(b)
            elif op in (B.JNLT, B.JNEQ, B.JNCMP, B.ADDRET):
                used |= {a, b}
            elif op in (B.JNLTI, B.JNEQI, B.JNCMPI, B.RETLTI):
                used.add(a)
            elif op == B.CALLG1I:
                used.add(c)
            elif op in (B.PRIM, B.PRIM1, B.PRIM2) and exact_result(b) == "ints":
                used |= set(c) if op == B.PRIM else {c} if op == B.PRIM1 else {c, d}
        return tuple(sorted(used & candidates - self.floats(start, first_free)))

    def floats(self, start, first_free) -> set:
        """Registers among `speculated`'s candidates that look like floats:
        tier 2's profile of the procedure's calls (when it has one) saw a
        float there and never a fixnum, or the body does arithmetic on them
        with a float constant. Assuming exact integers for those would only
        fail the entry test every time."""
        out = set()
        prof = self.code.jit_data
        if prof is not None and prof.signatures:
            from ..jit.ops import FIX, FLO
            sigs = list(prof.signatures)
            for i in range(len(sigs[0])):
                tags = {sig[i] for sig in sigs if i < len(sig)}
                if FLO in tags and FIX not in tags:
                    out.add(i if i < self.code.nparams else first_free + i - self.code.nparams)
        float_regs = {}
        for pc in range(start, len(self.ops)):
            op, a, b, c, d = self.ops[pc]
            if op == B.CONST and type(b) is float:
                float_regs[a] = pc
            elif op in (B.ADD, B.SUB, B.MUL, B.CMP):
                for x, y in ((b, c), (c, b)):
                    if float_regs.get(y, -9) >= pc - 2:
                        out.add(x)
        return out

    def function(self):
        code = self.code
        n = code.nparams + (1 if code.rest else 0)
        params = ", ".join(["clo"] + [self.r(i) for i in range(n)])
        start = 1 if self.ops and self.ops[0][0] in (B.ENTER, B.T1ENTER) else 0
        self.analyse(start)
        self.trmc = self.trmc_site(start)
        self.line(0, f"def {self.fname}({params}):", start)
        if code.nfree:
            caps = ", ".join(self.r(n + i) for i in range(code.nfree))
            self.line(1, f"{caps}, = clo.free", start)
        if self.trmc is not None:
            self.line(1, "n_ = 0", start)
        body_at = len(self.out)
        guarded = self.speculated(start)
        if guarded:
            mark = (len(self.out), len(self.lines), self.budget)
            try:
                test = " and ".join(f"type({self.r(i)}) is int_" for i in guarded)
                self.line(2, f"if {test}:", start)
                self.ints, self.exact = set(guarded), guarded
                inner_at = len(self.out)
                self.block(start, self.exit, 4)
                self.exact = None
                if self.exact_jumps:            # its own loop, inside the entry tests
                    self.out.insert(inner_at, "            while True:")
                    self.lines.insert(inner_at + 1, (start, REDO))
                else:
                    self.out[inner_at:] = [s[4:] for s in self.out[inner_at:]]
                self.line(2, "else:", start)
                self.pairs, self.known, self.ints = set(), {}, set()
                self.block(start, self.exit, 3)
            except Unsupported:         # too long twice over: the general body alone
                self.exact, self.exact_jumps = None, set()
                del self.out[mark[0]:], self.lines[mark[1]:]
                self.budget = mark[2]
                self.pairs, self.known, self.ints = set(), {}, set()
                guarded = ()
        if not guarded:
            self.block(start, self.exit, 2)
        if self.self_loop:
            self.out.insert(body_at, "    while True:")
            self.lines.insert(body_at + 1, (start, REDO))
        else:
            self.out[body_at:] = [s[4:] for s in self.out[body_at:]]
        return "\n".join(self.out) + "\n"


def generate(code, ops, fname: str):
    """(source, lines, consts, terminal, trmc) of the tier-1 function of
    `code` with bytecode `ops`, named `fname`; `terminal`: it makes no
    direct tail call (see `tail_call`); `trmc`: its cons-onto-a-self-call
    site (`_Gen.trmc_site`), or None. Raises Unsupported if it cannot be
    expressed."""
    g = _Gen(code, ops, fname)
    src = g.function()
    return src, g.lines, g.consts, g.terminal, g.trmc
