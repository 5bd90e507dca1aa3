"""The bytecode format: opcodes and code objects.

**Owns:** the opcode numbers and their operand layout, and `CodeObject`.
**Does not touch:** how code is produced (`elle.compiler`) or run (`elle.vm`),
printing (`elle.disasm`).

Elle bytecode is register based. Every instruction is a 5-tuple
`(op, a, b, c, d)` (unused operands are None), so the VM decodes with one
unpack.

Register layout. Registers are the slots of a frame's list `r`:

    r[0 .. nparams-1]          the fixed parameters
    r[nparams]                 the rest list, if the lambda has one
    next nfree registers       the captured variables, in `Lambda.free` order
    the rest (len(pad))        locals and temporaries, None on entry

A call builds `r` as the argument list extended by `Closure.regs`, which is
`free + code.pad`, made once when the closure is made. So a closure body
reads a captured variable as a plain register; a captured *assigned*
variable holds its `values.Box` there (read with BREF, written with BSET,
like a boxed local). A closure without captures has `regs == code.pad`.
`elle.compiler.recompile` may change `nregs`; closures made before keep
their old `regs`, so recompiled code starts with GROW.

Operand kinds:

    reg    an index into r            imm   a Python value (literal)
    cell   an environment.GlobalCell  tgt   an instruction index
    fn     a primitive's Python function
    args   a tuple of regs            caps  a tuple of capture sources:
           an int: r[i]; None: the running closure
    self   a tail call's frame-reuse count: len(args) when that matches the
           running lambda's fixed arity (a call of the running closure may
           then reuse its frame), else -1

Opcode table (name, a, b, c, d):

    CONST   dst imm            MOV    dst reg          GREF   dst cell
    GSET    cell reg           GDEF   cell reg
    BREF    dst reg (r[reg].value)                     BSET   boxreg reg
    MKBOX   reg    (r[reg] = Box(r[reg]))              NEWBOX reg
    SELF    dst                CLOS   dst code caps all-regs?
    GROW    n      (extend r to n registers if shorter: recompiled code only)
    JMP     tgt                JF     reg tgt   (jump if r[reg] is #f)
    JT      reg tgt
    JNLT    reg reg tgt fn     JNLTI  reg imm tgt fn    (jump unless a < b)
    JNCMP   reg reg tgt (pyop, fn)   JNCMPI reg imm tgt (pyop, fn)
    JNEQI   reg imm tgt fn     (jump unless a = imm)
    JNEQ    reg reg tgt fn     (jump unless a = b)
    JNNULL  reg tgt            JNPAIR reg tgt
    ADD/SUB/MUL dst reg reg fn
    ADDI/SUBI dst reg n (fn, k)  (r[reg] + n for ints and floats, where n is
                               k for ADDI and -k for SUBI; fn(r[reg], k) else)
    CMP     dst reg reg (pyop, fn)   CMPI dst reg imm (pyop, fn)
    CAR/CDR dst reg fn
    PRIM    dst fn args        (an integrated primitive, arity known good)
    PRIM1   dst fn reg         PRIM2  dst fn reg reg
    VREF    dst reg reg fn     (vector-ref)
    VSET    reg reg reg fn     (vector-set! in effect position: no result)
    CALL    dst reg args       TCALL  reg args self
    CALLG   dst cell args      TCALLG cell args self
    SCALL   dst args           TSCALL args - self   (call the running closure)
    CALL1   dst reg reg        CALLG1 dst cell reg  (one argument)
    RET     reg                HALT
    ENTER   -                  (first instruction of a lambda with tiering
                               on: counts entries; at the tier-1 threshold
                               the VM compiles the code (elle.tier1) and
                               this slot becomes T1ENTER, or JMP 1)
    T1ENTER fn                 run the frame's call in tier 1: fn(closure,
                               registers) returns the value or a TailCall

Fused instructions (the compiler emits them in place of the sequence shown;
each behaves exactly like it):

    ADDRET  reg reg fn         ADD t a b; RET t            (a tail `+`)
    CLOSRET code caps all-regs?   CLOS t ...; RET t        (a tail lambda)
    RETLTI  reg imm reg2 fn    `(if (< x k) y ...)` in tail position: return
                               r[reg2] if r[reg] < imm, else go on (the else
                               code follows)
    CALLG1I dst cell reg (n, slow)   ADDI t reg n; CALLG1 dst cell t: the call
                               computes its argument; any case but a
                               fixed-arity closure, a fixnum/flonum argument
                               and the JIT off jumps to `slow`, an out-of-line
                               copy of the plain sequence ending in a JMP back

OPNAMES numbers the opcodes in the order `VM._execute` tests them (by the
opcode profile of benchmarks/programs and the VM targets): one line per
dispatch group, the first being the linear chain of the hottest.
"""

from __future__ import annotations

from .tier1.protocol import unavailable, unavailable_v

OPNAMES = """
ADDI SUBI JNEQI RETLTI CALLG1I TCALLG TSCALL TCALL ADDRET
RET CALLG1 CALL1 CALLG CALL SCALL CLOSRET JNEQ CONST ADD
PRIM2 MUL CAR JNLT CDR JNNULL JT CMP JF JNLTI JNPAIR
SUB PRIM PRIM1 MOV GREF VSET VREF JNCMP JNCMPI CLOS BREF BSET
CMPI JMP MKBOX NEWBOX SELF GSET GDEF GROW ENTER T1ENTER HALT
""".split()   # numbered in this order; elle.vm dispatches on number ranges

for _i, _n in enumerate(OPNAMES):
    globals()[_n] = _i
del _i, _n

NOARG = (None, None, None, None)


class CodeObject:
    """One compiled lambda (or a toplevel form).

    `lam` is the analysed core.Lambda it came from (the JIT lowers that);
    `ops` and `locs` are parallel lists (a SourceLoc or None per
    instruction); `nparams` fixed parameters and, if `rest`, a rest list in
    register `nparams`; `nfree` captured variables after them; `nregs`
    registers in all; `pad` is the tuple of Nones for the locals (a closure's
    `regs` is its captured values followed by `pad`; see the register layout
    above). `integrate` is False once a
    redefined primitive made `elle.compiler.recompile` rebuild it without
    inlined primitives.
    `jit_entry`, `jit_profile`, `jit_data` and `jit_vm_calls` belong to the
    JIT (see the hook contract in `elle.vm`); `t1` (called as
    `t1(closure, *args)`), `t1v` (`t1v(closure, args)`), `t1_calls` and
    `t1_terminal` to tier 1 (`elle.tier1.tiering`).
    """

    __slots__ = ("name", "lam", "nparams", "rest", "nfree", "nregs", "pad", "ops", "locs",
                 "loc", "fixed", "children", "integrate", "jit_entry", "jit_profile",
                 "jit_data", "jit_vm_calls", "t1", "t1v", "t1_calls", "t1_terminal",
                 "cases", "__weakref__")

    def __init__(self, name, lam, nparams, rest, loc=None):
        self.name = name
        self.lam = lam
        self.nparams = nparams
        self.rest = rest
        self.nfree = 0
        self.nregs = nparams + (1 if rest else 0)
        self.fixed = -1 if rest else nparams   # argument count of the fast call path
        self.pad = ()
        self.ops = []
        self.locs = []
        self.loc = loc
        self.children = []        # nested CodeObjects, for the disassembler
        self.integrate = True
        self.cases = None         # a case-lambda dispatcher's clauses (see `pick_case`)
        self.jit_entry = None
        self.jit_profile = True
        self.jit_data = None
        self.jit_vm_calls = 0     # VM calls after profiling stopped (--stats)
        self.t1 = unavailable     # no tier-1 compiler owns this code (yet)
        self.t1v = unavailable_v
        self.t1_calls = 0
        self.t1_terminal = False  # t1 makes no direct tail call (elle.tier1.codegen)

    def arity_text(self) -> str:
        n = self.nparams
        return f"at least {n}" if self.rest else str(n)

    def __repr__(self):
        return f"#<code {self.name}>"


def pick_case(closure, nargs: int):
    """The clause closure a case-lambda dispatcher `closure` would apply to
    `nargs` arguments (the first that accepts them), or None when none
    does (the dispatcher then runs, and raises its error). `code.cases`
    holds (fixed parameter count, has a rest list, index of the clause
    in `closure.free`) per clause, in order."""
    for n, rest, i in closure.code.cases:
        if nargs == n or rest and nargs > n:
            return closure.free[i]
    return None
