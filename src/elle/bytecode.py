"""The bytecode format: opcodes and code objects.

**Owns:** the opcode numbers and their operand layout, and `CodeObject`.
**Does not touch:** how code is produced (`elle.compiler`) or run (`elle.vm`),
printing (`elle.disasm`).

Elle bytecode is register based. Every instruction is a 5-tuple
`(op, a, b, c, d)` (unused operands are None), so the VM decodes with one
unpack. Registers are the slots of a frame's list `r`: parameters first
(the rest list after them), then locals and temporaries. Operand kinds:

    reg    an index into r            imm   a Python value (literal)
    cell   an environment.GlobalCell  tgt   an instruction index
    fn     a primitive's Python function
    args   a tuple of regs            caps  a tuple of capture sources:
           i >= 0: r[i]; i < 0: free[-1-i]; None: the running closure

Opcode table (name, a, b, c, d):

    CONST   dst imm            MOV    dst reg          GREF   dst cell
    GSET    cell reg           GDEF   cell reg         FREF   dst k
    FBOX    dst k  (free[k].value)                     FBSET  k reg
    BREF    dst reg (r[reg].value)                     BSET   boxreg reg
    MKBOX   reg    (r[reg] = Box(r[reg]))              NEWBOX reg
    SELF    dst                CLOS   dst code caps all-regs?
    JMP     tgt                JF     reg tgt   (jump if r[reg] is #f)
    JT      reg tgt
    JNLT    reg reg tgt fn     JNLTI  reg imm tgt fn    (jump unless a < b)
    JNCMP   reg reg tgt (pyop, fn)   JNCMPI reg imm tgt (pyop, fn)
    JNEQI   reg imm tgt fn     (jump unless a = imm)
    JNEQ    reg reg tgt fn     (jump unless a = b)
    JNNULL  reg tgt            JNPAIR reg tgt
    ADD/SUB/MUL dst reg reg fn   ADDI/SUBI dst reg imm fn
    CMP     dst reg reg (pyop, fn)   CMPI dst reg imm (pyop, fn)
    CAR/CDR dst reg fn
    PRIM    dst fn args        (an integrated primitive, arity known good)
    PRIM1   dst fn reg         PRIM2  dst fn reg reg
    VREF    dst reg reg fn     (vector-ref)
    VSET    reg reg reg fn     (vector-set! in effect position: no result)
    CALL    dst reg args       TCALL  reg args
    CALLG   dst cell args      TCALLG cell args
    SCALL   dst args           TSCALL args     (call the running closure)
    RET     reg                HALT
"""

from __future__ import annotations

OPNAMES = """
ADDI SUBI JNEQI RETLTI CALLG1I TCALLG TSCALL TCALL ADDRET RET CALLG1
CALL1 CALLG CALL SCALL CLOSRET JNEQ CONST ADD PRIM2 MUL CAR JNLT CDR
JNNULL JT CMP JF JNLTI JNPAIR SUB PRIM PRIM1 MOV GREF VSET VREF
JNCMP JNCMPI CLOS BREF BSET CMPI JMP MKBOX NEWBOX SELF GSET GDEF
GROW HALT
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
    register `nparams`; `nregs` registers in all; `pad` is the tuple of Nones
    appended to the arguments to make a frame. `integrate` is False once a
    redefined primitive made `elle.compiler.recompile` rebuild it without
    inlined primitives.
    `jit_entry`, `jit_profile`, `jit_data` and `jit_vm_calls` belong to the
    JIT (see the hook contract in `elle.vm`).
    """

    __slots__ = ("name", "lam", "nparams", "rest", "nfree", "nregs", "pad", "ops", "locs",
                 "loc", "fixed", "children", "integrate", "jit_entry", "jit_profile",
                 "jit_data", "jit_vm_calls", "__weakref__")

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
        self.jit_entry = None
        self.jit_profile = True
        self.jit_data = None
        self.jit_vm_calls = 0     # VM calls after profiling stopped (--stats)

    def arity_text(self) -> str:
        n = self.nparams
        return f"at least {n}" if self.rest else str(n)

    def __repr__(self):
        return f"#<code {self.name}>"
