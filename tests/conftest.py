"""Collects the golden programs under tests/programs/ as pytest items.

Each `NAME.scm` runs through the real `elle` command (a subprocess). What it
must do is written beside it:

    NAME.out                exact expected standard output, or
    ; expect: TEXT          lines in the program (concatenated, in order)
    ; expect-error: TEXT    stderr must contain TEXT (and exit status is 1)
    ; exit: N               expected exit status (default 0, or 1 with expect-error)
    ; args: A B C           command-line arguments after the file
    ; tiers: vm             run only in these tiers (default: all four)

Every program runs in each tier: `vm` (`--no-jit`: bytecode only), `t1`
(tier 1 alone, every procedure compiled to Python on its first entry),
`jit1` (tier 2 alone, `--jit=1`: every function compiled natively on its
first call) and `default` (no flags: tiered as a user runs it); all must
give the expected output, which is what tier agreement means. `--tier=vm`
restricts the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

PROGRAMS = os.path.join(os.path.dirname(__file__), "programs")

# The tests never read or write the user's JIT code cache (~/.cache/elle):
# every compilation really compiles. tests/jit/test_code_cache.py turns it on
# in a temporary directory.
os.environ["ELLE_JIT_CACHE"] = "off"
# tier -> (flags, environment): the VM alone, tier 1 alone compiling on the
# first entry, tier 2 alone compiling on the first call, and the default.
TIER_FLAGS = {"vm": (["--no-jit"], {}),
              "t1": (["--tiers=1"], {"ELLE_TIER1_THRESHOLD": "1"}),
              "jit1": (["--jit=1", "--tiers=2"], {}),
              "default": ([], {})}


def pytest_addoption(parser):
    parser.addoption("--tier", action="append", default=None,
                     help="run golden programs only in this tier (vm, t1, jit1, default); repeatable")


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".scm" and str(file_path).startswith(PROGRAMS):
        return GoldenFile.from_parent(parent, path=file_path)
    return None


def parse_expectations(text: str) -> dict:
    spec = {"expect": [], "errors": [], "exit": None, "args": [], "tiers": None}
    for m in re.finditer(r"^\s*;+\s*(expect|expect-error|exit|args|tiers):[ \t]?(.*)$", text, re.M):
        key, val = m.group(1), m.group(2)
        if key == "expect":
            spec["expect"].append(val)
        elif key == "expect-error":
            spec["errors"].append(val.strip())
        elif key == "exit":
            spec["exit"] = int(val)
        elif key == "args":
            spec["args"] = val.split()
        elif key == "tiers":
            spec["tiers"] = val.split()
    return spec


class GoldenFile(pytest.File):
    def collect(self):
        text = self.path.read_text(encoding="utf-8")
        spec = parse_expectations(text)
        out_file = self.path.with_suffix(".out")
        if out_file.exists():
            expected = out_file.read_text(encoding="utf-8")
        elif spec["expect"]:
            expected = "\n".join(spec["expect"]) + "\n"
        else:
            expected = "" if spec["errors"] else None
        wanted = self.config.getoption("--tier") or list(TIER_FLAGS)
        for tier in spec["tiers"] or list(TIER_FLAGS):
            if tier in wanted:
                yield GoldenProgram.from_parent(self, name=tier, tier=tier, spec=spec,
                                                expected=expected)


class GoldenProgram(pytest.Item):
    def __init__(self, *, tier, spec, expected, **kw):
        super().__init__(**kw)
        self.tier = tier
        self.spec = spec
        self.expected = expected

    def runtest(self):
        if self.tier == "jit1":
            pytest.importorskip("llvmlite")
        path = str(self.path)
        flags, tier_env = TIER_FLAGS[self.tier]
        cmd = [sys.executable, "-m", "elle", *flags, path, *self.spec["args"]]
        env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
        env.update(tier_env)
        env["ELLE_JIT_CACHE"] = "off"
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                              cwd=os.path.dirname(path), env=env)
        want_exit = self.spec["exit"]
        if want_exit is None:
            want_exit = 1 if self.spec["errors"] else 0
        problems = []
        if self.expected is None:
            problems.append("no expectations: add NAME.out or '; expect:' lines")
        elif proc.stdout != self.expected:
            problems.append(f"stdout differs\n--- expected\n{self.expected}--- got\n{proc.stdout}")
        for e in self.spec["errors"]:
            if e not in proc.stderr:
                problems.append(f"stderr lacks {e!r}")
        if proc.returncode != want_exit:
            problems.append(f"exit status {proc.returncode}, expected {want_exit}")
        if "Traceback (most recent call last)" in proc.stderr:
            problems.append("a Python traceback reached the user")
        if problems:
            raise GoldenFailure("\n".join(problems) + f"\n--- stderr\n{proc.stderr}")

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, GoldenFailure):
            return f"{self.path.name} [{self.tier}]:\n{excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name} [{self.tier}]"


class GoldenFailure(Exception):
    pass
