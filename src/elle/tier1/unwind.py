"""Turning an exception's tier-1 Python frames back into VM frames.

**Owns:** `resume(tier, vm, exc, code, clo, r, fr, depth)`, called by the VM when
an exception leaves the tier-1 code it entered at T1ENTER. **Does not
touch:** how the VM then routes an error (`elle.vm`), code generation.

The traceback of `exc` lists, from the VM's frame down, the Python frames
the exception left: the entry shim, then tier-1 functions, with helper
frames (`elle.tier1.runtime`) between them. The walk stops at the first
frame that is neither (a primitive, a nested VM run): what is below it is
not part of this VM's continuation. Every tier-1 frame becomes a VM frame
(`elle.vm` layout) with its locals as registers; all but the innermost
resume after their call instruction, but a frame stopped in a direct tail
call (`elle.tier1.codegen`) is dropped, as the VM would have replaced it
by its callee's. Under a frame in a cons loop go the frames its pairs
stand for (`_held_frames`). The innermost one (F) depends on why
the exception was raised:

- `Unwind`: the VM makes the pending call, returning into F after its call
  instruction (or, for a tail call, into F's caller).
- `RecursionError` raised by a call that had not started (the last frame is
  F or a helper, or the tier-1 stack is over half the chunk deep: then it is
  the stack, not data a primitive walks, that is too deep): the pending call is made by the VM
  -- F's instruction is run again (REDO lines), or the marker or helper call
  left pending is made. The VM then continues in bytecode; its own depth
  count decides whether the Elle depth limit is reached. For the rest of
  the run, tier 1 is entered only above this depth (`Tier1.depth_cap`):
  handing a frame back costs more than running it in the VM.
- anything else: an error of F's instruction; F resumes after it and the
  VM routes the error as if its own instruction had raised it.

Returns the VM state `(ops, pc, r, code, clo, fr, depth)` and the error to
route (None: just continue).
"""

from __future__ import annotations

import gc

from .codegen import MARKER
from .. import bytecode as B
from .protocol import Unwind
from ..primitives.control import apply_
from ..values import Primitive

_TAIL_CALLS = (B.TCALL, B.TCALLG, B.TSCALL)



def resume(tier, vm, exc, code, clo, r, fr, depth):
    info, helpers = tier.info, tier.helpers
    tb = exc.__traceback__.tb_next          # the head is the VM's own frame
    found = []                              # (entry, line, frame) outermost first
    helper = None
    foreign = False
    count = 0
    last_code = last_entry = None           # (a deep recursion: one code, many frames)
    nmax = 0                                # the most registers of a frame found
    while tb is not None:
        frame = tb.tb_frame
        c = frame.f_code
        if c is last_code:
            entry = last_entry
        else:
            entry = info.get(c)
            if entry is not None:
                last_code, last_entry = c, entry
        if entry is not None:
            found.append((entry, tb.tb_lineno, frame))
            if entry[3] > nmax:
                nmax = entry[3]
            helper = None
        else:
            if c not in helpers:
                foreign = True
                break
            helper = frame
        count += 1
        tb = tb.tb_next
    tier.stats.unwinds += 1
    if not found:       # the entry shim itself: run the code in bytecode
        return (code.ops, 1, r, code, clo, fr, depth,
                None if isinstance(exc, RecursionError) else exc)

    epoch = vm.epoch
    names = _register_names(nmax)
    # A deep recursion hands back a million frames: what is built here all
    # stays alive, so the cyclic collector would only walk it again and again.
    collect = len(found) > 10_000 and gc.isenabled()
    if collect:
        gc.disable()
    try:
        parent, d = _outer_frames(tier, found, names, epoch, fr, depth - 1)
    finally:
        if collect:
            gc.enable()
    (tcode, ops, lines, nregs, trmc), lineno, frame = found[-1]
    pc, kind = lines[lineno]
    loc = frame.f_locals
    regs = [loc.get(n) for n in names[:nregs]]
    fclo = loc["clo"]
    if trmc is not None:
        parent, d = _held_frames(tier, trmc, ops, tcode, loc, regs, epoch, parent, d)

    call = tail = None
    error = exc
    if type(exc) is Unwind:
        call, tail, error = exc.call, exc.tail, None
    elif isinstance(exc, RecursionError) and (not foreign or 2 * count >= tier.chunk):
        error = None
        # calls deeper than this stay in the VM for the rest of the run:
        # each tier-1 frame handed back costs more than a VM frame
        tier.depth_cap = min(tier.depth_cap, d)
        if helper is not None and not foreign:
            hl = helper.f_locals
            call, tail = (hl["f"], hl["a"]), hl.get("tail", False)
        elif kind == MARKER:
            marker = loc["v_"]
            call = (marker.proc, marker.args)
        else:               # run F's instruction again in the VM
            tier.stats.redos += 1
            return ops, pc, regs, tcode, fclo, parent, d + 1, None
    if call is None:        # an error of F's instruction
        return ops, pc + 1, regs, tcode, fclo, parent, d + 1, error
    if ops[pc][0] in _TAIL_CALLS:
        if _is_instruction_call(ops[pc], regs, fclo, call):
            # F's tail call itself (call/cc, a continuation): the VM runs the
            # instruction again, in F's frame, so an error making the call
            # -- (call/cc 5), a receiver of the wrong arity or one that
            # fails -- is F's, at F's location and in the backtrace, as
            # when the VM runs F (the stub below would run in F's caller)
            tier.stats.redos += 1
            return ops, pc, regs, tcode, fclo, parent, d + 1, None
        tail = True         # a call pending at a tail call replaces F
    if not tail:
        parent = (ops, pc + 1, regs, ops[pc][1], epoch, tcode, fclo, parent)
        d += 1
    f, args = call
    stub, stub_clo = vm.tail_call_code(len(args))
    return stub.ops, 0, [f, *args], stub, stub_clo, parent, d + 1, None


def _outer_frames(tier, found, names, epoch, parent, d):
    """The VM frames of all but the innermost of the tier-1 frames `found`,
    outermost first, on `parent` at depth `d`: (the innermost, its depth)."""
    for (tcode, ops, lines, nregs, trmc), lineno, frame in found[:-1]:
        pc = lines[lineno][0]
        loc = frame.f_locals
        get = loc.get
        regs = [get(n) for n in names[:nregs]]
        if trmc is not None:
            parent, d = _held_frames(tier, trmc, ops, tcode, loc, regs, epoch, parent, d)
        if ops[pc][0] in _TAIL_CALLS:
            continue        # a direct tail call: its callee returns to this frame's caller
        parent = (ops, pc + 1, regs, ops[pc][1], epoch, tcode, loc["clo"], parent)
        d += 1
    return parent, d


_NAMES = ()


def _register_names(n) -> tuple:
    """("r0", "r1", ..., "r<n-1>") or longer: the locals registers are read from."""
    global _NAMES
    if len(_NAMES) < n:
        _NAMES = tuple(f"r{i}" for i in range(max(n, 2 * len(_NAMES), 16)))
    return _NAMES


def _held_frames(tier, trmc, ops, tcode, loc, regs, epoch, parent, d):
    """The VM frames a tier-1 cons loop (`codegen._Gen.cons_onto_self_call`)
    stands for, under `parent`: one per pair it has made, outermost first,
    each waiting at the self call to cons its pair's car onto the result
    (the other registers are dead there: a copy of the frame's). The pairs
    are dropped, their depth returned to the budget. Returns (parent, d)."""
    n = loc.get("n_") or 0
    if not n:
        return parent, d
    tier.room[0] += (n + 255) & -256
    pc, car = trmc
    dst, clo = ops[pc][1], loc["clo"]
    p = loc["head_"]
    for i in range(n):
        held = list(regs)
        held[car] = p.car
        parent = (ops, pc + 1, held, dst, epoch, tcode, clo, parent)
        d += 1
        if i + 1 < n:
            p = p.cdr
    return parent, d


def _is_instruction_call(op, regs, clo, call) -> bool:
    """Is `call` (procedure, arguments) the call tail-call instruction `op`
    makes with registers `regs`, or one `apply` called by it asked for
    (running `apply` again only computes the same call again)? Not the
    call of another primitive's `TailCall` (call-with-values' consumer:
    the producer has run)."""
    code, a, b = op[0], op[1], op[2]
    if code == B.TCALL:
        callee, argregs = regs[a], b
    elif code == B.TCALLG:
        callee, argregs = a.value, b
    else:                   # TSCALL: the closure calls itself
        callee, argregs = clo, a
    f, args = call
    if type(callee) is Primitive and callee.fn is apply_:
        return True
    return (f is callee and len(args) == len(argregs)
            and all(x is regs[i] for x, i in zip(args, argregs)))
