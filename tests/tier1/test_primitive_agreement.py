"""Every primitive called from tier-1 code agrees with the VM.

A procedure that calls one primitive on its parameters, `(define (probe a b)
(name a b))`, is compiled by tier 1 on its first call (threshold 1), so the
call goes through the primitive's inline text, if it has one, with
arguments of types the text cannot know: every value of the no-internal-
errors sweep's pool (`tests/primitives/test_no_internal_errors.py`). The
printed value, or the error's kind and message, must be the VM's for each
call. (Tier 2's agreement is the same sweep with `--jit=1`; it found
nothing either, but compiles a function per probe: minutes, so it is not
run here.)
"""

from __future__ import annotations

import os
import random
import sys

import pytest

from elle import config
from elle.api import Interpreter
from elle.errors import ElleError
from elle.primitives import PRIMITIVES, load_all
from elle.printer import write_string

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "primitives"))
from test_no_internal_errors import POOL, SKIP  # noqa: E402

# Results that differ between any two runs: random numbers, clocks, identity hashes.
NONDETERMINISTIC = {"random", "random-integer", "random-real", "current-time", "current-jiffy",
                    "current-second", "eq-hash", "eqv-hash", "hash-table-hash", "gensym",
                    "generate-uninterned-symbol", "runtime", "real-time"}
SAMPLES = 24        # argument tuples per primitive of 2 or 3 arguments (1: every pool value)


def _interp(tier1: bool) -> Interpreter:
    cfg = config.from_environ()
    cfg.jit = False
    cfg.tier1 = tier1
    cfg.tier1_threshold = 1
    return Interpreter(config=cfg, sandbox=True, time_limit=20)


def _outcome(interp, src):
    try:
        return ("value", write_string(interp.eval_text(src, "<probe>")))
    except ElleError as e:
        message = getattr(e.payload, "message", e.payload)
        return ("error", e.kind, str(message))


@pytest.mark.slow
def test_primitives_called_from_tier1_code_agree_with_the_vm():
    load_all()
    rnd = random.Random(20261204)
    vm, t1 = _interp(False), _interp(True)
    disagreements = []
    probes = 0
    names = sorted(n for n, p in PRIMITIVES.items()
                   if n not in SKIP and n not in NONDETERMINISTIC and hasattr(p, "max_args")
                   and not p.control)
    for k, name in enumerate(names):
        p = PRIMITIVES[name]
        n = p.min_args if p.max_args is None else min(p.max_args, p.min_args + 1)
        if not 1 <= n <= 3:
            continue
        params = " ".join(f"a{i}" for i in range(n))
        probes += 1
        for interp in (vm, t1):
            interp.eval_text(f"(define (probe{k} {params}) ({name} {params}))", "<probe>")
        tuples = ([(x,) for x in POOL] if n == 1 else
                  [tuple(rnd.choice(POOL) for _ in range(n)) for _ in range(SAMPLES)])
        for args in tuples:
            call = f"(probe{k} {' '.join(args)})"
            a, b = _outcome(vm, call), _outcome(t1, call)
            if a != b or "internal-error" in b:
                disagreements.append((call, a, b))
                break
    assert disagreements == []
    assert t1.tier1.stats.compiled >= 0.95 * probes > 250     # the probes did run in tier 1
