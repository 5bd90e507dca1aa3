"""Reading the JIT statistics `elle --jit --stats` prints to stderr.

**Owns:** `parse` (stderr text -> `JitStats`) and `break_even` (the call
count after which compiling a function has paid for itself). **Does not
touch:** running Elle (`systems.py`), the report layout (`report.py`).

The format of the `--stats` report belongs to the JIT, so this parser is
deliberately forgiving: it understands
  * summary lines `label: number [ms] [anything]` (or `label = number`),
    with `compiled: N (total T ms, ...)` also giving the compile time; recognising
    labels by the words in them (compiled, compile ... ms/time, native,
    bytecode/vm/interpreted calls, calls, bail, reject, invalid);
  * a per-function table: a header line naming columns (one containing
    "function" or "name", one containing "compile") followed by rows with
    the same number of columns;
  * per-function lines with `key=value` tokens (`fib compile=1.2ms native=10`);
  * per-function lines `NAME-AND-SIGNATURE  TIME ms` without a colon,
    optionally followed by `key=value` tokens
    (`fib(fix) -> fix  588.7 ms  native=21881`, what Elle prints);
  * `name: reason` lines under `rejected: N` (why a function was not compiled).
Anything it does not understand is ignored; a missing number stays None and
the report leaves its cell blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBER = r"[-+]?\d[\d,_]*(?:\.\d+)?(?:[eE][-+]?\d+)?"
_SUMMARY = re.compile(r"^\s*([A-Za-z][\w \-/().]*?)\s*[:=]\s*(" + _NUMBER + r")\s*(ms|s|%)?(?![\w.])(.*)$")
_TOTAL_TIME = re.compile(r"total\s+(" + _NUMBER + r")\s*(ms|s)\b")
_TIMED_NAME = re.compile(r"^\s*([^\s:=][^:=]*?)\s+(" + _NUMBER + r")\s*(ms|s)\s*$")
_TIMED_NAME_KEYVALS = re.compile(
    r"^\s*([^\s=][^=]*?)\s+(" + _NUMBER + r")\s*(ms|s)\s+([A-Za-z][\w\-]*\s*=.*)$")
_REASON = re.compile(r"^\s+([^\s:]+):\s+(.*[A-Za-z].*)$")
_KEYVAL = re.compile(r"([A-Za-z][\w\-]*)\s*=\s*(" + _NUMBER + r")\s*(ms|s|%)?")


@dataclass
class FunctionStats:
    name: str
    compile_ms: float | None = None
    native_calls: int | None = None
    bailouts: int | None = None


@dataclass
class JitStats:
    compiled: int | None = None
    rejected: int | None = None
    compile_ms: float | None = None
    native_calls: int | None = None
    vm_calls: int | None = None          # calls that ran in the bytecode VM
    total_calls: int | None = None
    bailouts: int | None = None
    invalidations: int | None = None
    functions: list = field(default_factory=list)
    rejections: list = field(default_factory=list)   # (function, reason) pairs

    @property
    def found(self) -> bool:
        return any(v is not None for v in (self.compiled, self.compile_ms, self.native_calls)) \
            or bool(self.functions)

    def calls(self) -> int | None:
        """All calls of Elle procedures, native or not (None if unknown)."""
        if self.total_calls is not None:
            return self.total_calls
        if self.native_calls is not None and self.vm_calls is not None:
            return self.native_calls + self.vm_calls
        return None

    def native_share(self) -> float | None:
        total = self.calls()
        if not total or self.native_calls is None:
            return None
        return self.native_calls / total

    def total_compile_ms(self) -> float | None:
        if self.compile_ms is not None:
            return self.compile_ms
        times = [f.compile_ms for f in self.functions if f.compile_ms is not None]
        return sum(times) if times else None


def _number(text: str, unit: str | None = None) -> float:
    x = float(text.replace(",", "").replace("_", ""))
    return x * 1000.0 if unit == "s" else x


def _summary_field(label: str, unit: str | None):
    """Which JitStats field a summary label names (None: not one we know)."""
    words = label.lower()
    if "bail" in words:
        return "bailouts"
    if "reject" in words:
        return "rejected"
    if "invalid" in words:
        return "invalidations"
    if "compile" in words and (unit in ("ms", "s") or "ms" in words or "time" in words):
        return "compile_ms"
    if "native" in words:
        return "native_calls"
    if any(w in words for w in ("bytecode", "interp", "vm ", "vm-", "vm_")) or words.startswith("vm"):
        return "vm_calls"
    if "compiled" in words or words in ("functions compiled", "compilations"):
        return "compiled"
    if words in ("calls", "total calls", "calls total", "all calls"):
        return "total_calls"
    return None


def _column_field(header: str):
    h = header.lower()
    if "function" in h or h in ("name", "proc", "procedure"):
        return "name"
    if "compile" in h or h in ("ms",):
        return "compile_ms"
    if "native" in h or h == "calls":
        return "native_calls"
    if "bail" in h:
        return "bailouts"
    return None


def _split_columns(line: str) -> list:
    parts = re.split(r"\s{2,}|\t", line.strip())
    return parts if len(parts) > 1 else line.split()


def _function_from_columns(columns, cells) -> FunctionStats | None:
    fs = FunctionStats(name="?")
    for col, cell in zip(columns, cells):
        if col == "name":
            fs.name = cell
            continue
        if col is None:
            continue
        m = re.search(r"(" + _NUMBER + r")\s*(ms|s)?", cell)
        if not m:
            continue
        value = _number(m.group(1), m.group(2))
        setattr(fs, col, value if col == "compile_ms" else int(value))
    return fs if fs.name != "?" else None


def _function_from_keyvals(line: str) -> FunctionStats | None:
    pairs = _KEYVAL.findall(line)
    if not pairs:
        return None
    name = line.strip().split()[0]
    if "=" in name:
        return None
    fs = FunctionStats(name=name)
    for key, value, unit in pairs:
        col = _column_field(key)
        if col and col != "name":
            v = _number(value, unit or None)
            setattr(fs, col, v if col == "compile_ms" else int(v))
    return fs


def parse(stderr: str) -> JitStats:
    stats = JitStats()
    columns = None
    in_rejected = False
    for line in stderr.splitlines():
        if not line.strip():
            columns = None
            continue
        m = _SUMMARY.match(line)
        if m:
            name = _summary_field(m.group(1), m.group(3))
            if name is not None and not _KEYVAL.search(m.group(4)):
                in_rejected = name == "rejected"
                v = _number(m.group(2), m.group(3))
                setattr(stats, name, v if name == "compile_ms" else int(v))
                total = _TOTAL_TIME.search(m.group(4))
                if name == "compiled" and total and stats.compile_ms is None:
                    # "compiled: 2 (total 12.5 ms, median 6.0 ms)"
                    stats.compile_ms = _number(total.group(1), total.group(2))
                continue
        r = _REASON.match(line)
        if in_rejected and r:
            # "    my-map: argument 1 is not a fixnum" under "rejected: N"
            stats.rejections.append((r.group(1), r.group(2).strip()))
            continue
        if columns is not None:
            cells = _split_columns(line)
            if len(cells) == len(columns):
                fs = _function_from_columns(columns, cells)
                if fs:
                    stats.functions.append(fs)
                    continue
            columns = None
        heads = _split_columns(line)
        fields = [_column_field(h) for h in heads]
        if "name" in fields and "compile_ms" in fields:
            columns = fields
            continue
        m = _TIMED_NAME_KEYVALS.match(line)
        if m:
            # "    fib(fix) -> fix  17.9 ms  native=21881"
            fs = _function_from_keyvals("x " + m.group(4))
            fs.name, fs.compile_ms = m.group(1), _number(m.group(2), m.group(3))
            stats.functions.append(fs)
            continue
        fs = _function_from_keyvals(line)
        if fs is not None:
            stats.functions.append(fs)
            continue
        m = _TIMED_NAME.match(line)
        if m:
            # "    fib(fix) -> fix  588.7 ms": a compiled function and its compile time
            stats.functions.append(FunctionStats(m.group(1), _number(m.group(2), m.group(3))))
    if stats.compiled is None and stats.functions:
        stats.compiled = len(stats.functions)
    return stats


def break_even(stats: JitStats, bytecode_ms: float | None, jit_ms: float | None):
    """Calls after which compiling paid for itself, or None when not derivable.

    bytecode time per call = bytecode kernel time / calls; native time per
    call = (JIT kernel time - compile time - VM calls * bytecode time per
    call) / native calls; break-even = compile time / (difference).
    """
    calls = stats.calls()
    compile_ms = stats.total_compile_ms()
    if not calls or not stats.native_calls or compile_ms is None or not bytecode_ms or jit_ms is None:
        return None
    per_call_bytecode = bytecode_ms / calls
    vm_calls = calls - stats.native_calls
    native_ms = jit_ms - compile_ms - vm_calls * per_call_bytecode
    per_call_native = max(native_ms, 0.0) / stats.native_calls
    saving = per_call_bytecode - per_call_native
    if saving <= 0:
        return None
    return compile_ms / saving
