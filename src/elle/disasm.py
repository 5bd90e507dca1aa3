"""The disassembler: code objects as readable text (`--dump bytecode`, `,disasm`).

**Owns:** `disassemble(code) -> str`, which prints a code object and every
code object nested in it, one instruction per line with its index, opcode
name, operands (registers as `r3`, globals by name, jump targets as `->12`)
and source location; a header line `free: n=r1` names the registers that
hold captured variables.
**Does not touch:** the instruction set itself (`elle.bytecode`).
"""

from __future__ import annotations

from . import bytecode as B

# Operand kinds per opcode, for a, b, c, d: r=register, i=immediate,
# g=global cell, t=target, f=function, a=arg regs, c=code, p=caps, s=a tail
# call's frame-reuse count, m=ADDI/SUBI's (function, k), o=CALLG1I's
# (addend, out-of-line pc), -=unused (not printed).
_LAYOUT = {
    "CONST": "ri", "MOV": "rr", "GREF": "rg", "GSET": "gr", "GDEF": "gr",
    "BREF": "rr", "BSET": "rr", "GROW": "i",
    "MKBOX": "r", "NEWBOX": "r", "SELF": "r", "CLOS": "rcp", "JMP": "t",
    "JF": "rt", "JT": "rt", "JNLT": "rrtf", "JNLTI": "ritf", "JNCMP": "rrtf",
    "JNCMPI": "ritf", "JNNULL": "rt", "JNPAIR": "rt", "JNEQI": "ritf", "JNEQ": "rrtf",
    "ADD": "rrrf", "SUB": "rrrf", "MUL": "rrrf", "ADDI": "rr-m", "SUBI": "rr-m",
    "CMP": "rrrf", "CMPI": "rrif", "CAR": "rrf", "CDR": "rrf",
    "PRIM": "rfa", "PRIM1": "rfr", "PRIM2": "rfrr", "VREF": "rrrf", "VSET": "rrrf",
    "CALL": "rra", "TCALL": "ras", "CALLG": "rga", "TCALLG": "gas",
    "SCALL": "ra", "TSCALL": "a-s", "CALL1": "rrr", "CALLG1": "rgr", "RET": "r",
    "ADDRET": "rrf", "CLOSRET": "cp", "RETLTI": "rirf", "CALLG1I": "rgro",
    "ENTER": "", "T1ENTER": "", "HALT": "",
}


def _operand(kind, x):
    from .printer import write_string
    if kind == "r":
        return f"r{x}"
    if kind == "i":
        return write_string(x)
    if kind == "g":
        return x.name.name
    if kind == "t":
        return f"->{x}"
    if kind == "f":
        f = x[1] if isinstance(x, tuple) else x
        name = getattr(f, "__name__", "?")
        return f"<{x[0].__name__}|{name}>" if isinstance(x, tuple) else f"<{name}>"
    if kind == "a":
        return "(" + " ".join(f"r{i}" for i in x) + ")"
    if kind == "s":     # a tail call's frame-reuse count: see compiler.call
        return "" if x is None or x < 0 else "self-ok"
    if kind == "m":     # ADDI/SUBI: (primitive, the k written in the source)
        return f"{x[1]} <{getattr(x[0], '__name__', '?')}>"
    if kind == "o":     # CALLG1I: (imm, out-of-line pc)
        return f"{x[0]:+d} slow->{x[1]}"
    if kind == "c":
        return f"<code {x.name}>"
    if kind == "p":
        return "[" + " ".join("self" if i is None else f"r{i}" for i in x) + "]"
    return repr(x)


def disassemble_one(code: B.CodeObject) -> str:
    head = (f"code {code.name}: {code.arity_text()} params, {code.nregs} registers"
            + (f", defined at {code.loc}" if code.loc else ""))
    lines = [head]
    lam = code.lam
    if lam is not None and lam.free:
        base = code.nregs and code.nparams + (1 if code.rest else 0)
        lines.append("  free: " + " ".join(f"{v.name.name}=r{base + k}"
                                           for k, v in enumerate(lam.free)))
    last = None
    for i, ins in enumerate(code.ops):
        name = B.OPNAMES[ins[0]]
        layout = _LAYOUT.get(name, "")
        parts = [_operand(k, x) for k, x in zip(layout, ins[1:]) if k != "-"]
        parts = [p for p in parts if p]
        loc = code.locs[i] if i < len(code.locs) else None
        where = ""
        if loc is not None and loc != last:
            where = f"   ; {loc}"
            last = loc
        lines.append(f"  {i:4d}  {name:<7} {' '.join(parts)}{where}")
    return "\n".join(lines)


def disassemble(code: B.CodeObject) -> str:
    """`code` and every nested code object, outermost first."""
    out, stack, seen = [], [code], set()
    while stack:
        c = stack.pop(0)
        if id(c) in seen:
            continue
        seen.add(id(c))
        out.append(disassemble_one(c))
        stack.extend(c.children)
    return "\n\n".join(out)
