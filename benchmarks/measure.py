"""Running one benchmark process and judging what it printed.

**Owns:** `run_once` (start a process with a wall-clock cap, time it, read
its `result:` and `time-ms:` lines, check the result), the `Run` record and
the summary statistics over repeated runs (`Cell`). **Does not touch:**
which command to run (`systems.py`), what the expected result is
(`catalog.py`), parsing JIT statistics (`jitstats.py`).

A run's status is one of:
    ok       exit status 0 and the expected result
    FAIL     the program printed a different result (reported loudly)
    error    non-zero exit status, or no result line
    timeout  killed at the wall-clock cap
"""

from __future__ import annotations

import statistics
import subprocess
import time
from dataclasses import dataclass, field

OK, FAIL, ERROR, TIMEOUT = "ok", "FAIL", "error", "timeout"


@dataclass
class Run:
    status: str
    result: str | None          # what the program printed after "result:"
    kernel_ms: float | None     # what it printed after "time-ms:"
    wall_ms: float              # whole process, measured here
    stderr: str = ""
    detail: str = ""            # why it is not ok


def parse_output(stdout: str):
    """(result, kernel_ms) from a program's standard output (None when absent)."""
    result = kernel = None
    for line in stdout.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "result":
            result = value
        elif key == "time-ms":
            try:
                kernel = float(value)
            except ValueError:
                kernel = None
    return result, kernel


def run_once(argv, expected: str, timeout: float, env=None, cwd=None) -> Run:
    """Run `argv` once; never raises for anything the program does."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired as e:
        wall = (time.perf_counter() - t0) * 1000.0
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return Run(TIMEOUT, None, None, wall, err, f"killed after {timeout:g} s")
    except OSError as e:
        return Run(ERROR, None, None, 0.0, "", f"cannot start: {e}")
    wall = (time.perf_counter() - t0) * 1000.0
    result, kernel = parse_output(p.stdout)
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return Run(ERROR, result, kernel, wall, p.stderr, f"exit status {p.returncode}: {tail}")
    if result is None:
        return Run(ERROR, None, kernel, wall, p.stderr, "no `result:` line in the output")
    if result != expected:
        return Run(FAIL, result, kernel, wall, p.stderr, f"printed {result!r}, expected {expected!r}")
    return Run(OK, result, kernel, wall, p.stderr)


@dataclass
class Cell:
    """All the runs of one program under one system."""

    program: str
    system: str
    size: int
    runs: list = field(default_factory=list)
    note: str = ""              # set when the cell was skipped

    @property
    def status(self) -> str:
        if not self.runs:
            return "skipped"
        for bad in (FAIL, ERROR, TIMEOUT):
            if any(r.status == bad for r in self.runs):
                return bad
        return OK

    def _ok(self, attr):
        return [getattr(r, attr) for r in self.runs if r.status == OK and getattr(r, attr) is not None]

    def stat(self, attr: str, how: str):
        """median / min / max of `attr` over the ok runs (None without any)."""
        xs = self._ok(attr)
        if not xs:
            return None
        return {"median": statistics.median, "min": min, "max": max}[how](xs)

    def detail(self) -> str:
        bad = [r.detail for r in self.runs if r.status != OK]
        return bad[0] if bad else self.note
