"""Every ELLE_* environment switch, documented, read once.

**Owns:** the `Config` class, `from_environ()`, and checking every
value: a malformed one raises `ConfigError` naming the switch (the CLI turns
it into a usage message and exit status 2; it is never an internal error).
The CLI overrides fields from its flags; `Interpreter(...)` keyword arguments
override both.

    ELLE_JIT            "0"/"off" disables, "on" enables with the default
                        threshold, an integer N > 0 enables with threshold N
                        (so "1" compiles on the first call)
    ELLE_JIT_THRESHOLD  calls before a function is compiled (default 10)
    ELLE_JIT_LOG        "1": log every JIT decision to stderr
    ELLE_MAX_DEPTH      maximum Elle call depth before a recursion-depth
                        error (default 4_000_000 frames)
    ELLE_STATS          "1": print JIT statistics at exit (and count
                        calls, unless ELLE_JIT_COUNT_CALLS says otherwise)
    ELLE_JIT_COUNT_CALLS "1": native code counts its calls for the
                        statistics (slower; otherwise it counts only its
                        entries from the VM); "0": it does not, even with
                        --stats / ELLE_STATS
    ELLE_TIERS          which tiers above the VM run: "1,2" / "1" / "2" /
                        "vm" (default: 1,2)
    ELLE_TIER1_THRESHOLD  entries (calls or loop iterations) before a
                        procedure is compiled to Python (default 20)
    ELLE_JIT_CACHE      where compiled machine code is kept for later runs:
                        unset means ~/.cache/elle/jit ($XDG_CACHE_HOME),
                        "off" or "0" disables it, anything else is a
                        directory (see elle.jit.objcache)
    ELLE_PATH           directories searched for library files
                        (`(import (foo bar))` loads DIR/foo/bar.sld or
                        .scm), colon-separated, after the `-I DIR` options
"""

from __future__ import annotations

import os

DEFAULT_JIT_THRESHOLD = 10
DEFAULT_MAX_DEPTH = 4_000_000
MIN_MAX_DEPTH = 100


class ConfigError(ValueError):
    """A malformed switch value (environment variable or option)."""


class Config:
    """Every switch, with its default (a plain class: `dataclasses` and the
    `inspect` it imports cost ~15 ms of every start-up)."""

    __slots__ = ("jit", "jit_threshold", "jit_log", "max_depth", "stats", "jit_count_calls",
                 "jit_cache", "tier1", "tier1_threshold", "library_path", "sandbox",
                 "time_limit", "memory_limit")

    def __init__(self, *,
                 jit: bool = True,                 # tier 2: hot numeric procedures to native code (elle.jit)
                 jit_threshold: int | None = None,  # None: DEFAULT_JIT_THRESHOLD, LLVM loaded later (jit.coordinator)
                 jit_log: bool = False,
                 max_depth: int = DEFAULT_MAX_DEPTH,
                 stats: bool = False,
                 jit_count_calls: bool | None = None,  # None: count calls when printing statistics
                 jit_cache: str | None = None,     # ELLE_JIT_CACHE as given (None: unset)
                 tier1: bool = True,               # hot procedures compiled to Python (elle.tier1)
                 tier1_threshold: int = 0,         # entries before tier 1 compiles (0: its default)
                 library_path: list | None = None,  # ELLE_PATH, -I DIR (elle.expander.libraries)
                 # Untrusted code (elle.sandbox, elle.limits): options and Interpreter
                 # arguments only, no ELLE_* variable, so the environment cannot lift them.
                 sandbox: bool = False,            # --sandbox: no files, environment, load/include
                 time_limit: float | None = None,  # --time-limit S: seconds per eval / program run
                 memory_limit: float | None = None):  # --memory-limit MB: RSS growth per eval
        self.jit = jit
        self.jit_threshold = jit_threshold
        self.jit_log = jit_log
        self.max_depth = max_depth
        self.stats = stats
        self.jit_count_calls = jit_count_calls
        self.jit_cache = jit_cache
        self.tier1 = tier1
        self.tier1_threshold = tier1_threshold
        self.library_path = [] if library_path is None else library_path
        self.sandbox = sandbox
        self.time_limit = time_limit
        self.memory_limit = memory_limit

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Config({fields})"

    def count_calls(self) -> bool:
        """Does native code count its calls (ELLE_JIT_COUNT_CALLS, else `stats`)?"""
        return self.stats if self.jit_count_calls is None else self.jit_count_calls


def parse_limit(name: str, value: str) -> float:
    """A --time-limit / --memory-limit value: a number > 0."""
    try:
        x = float(value.strip())
    except ValueError:
        x = None
    if x is None or not x > 0 or x == float("inf"):
        raise ConfigError(f"bad {name} {value!r}: expected a number > 0")
    return x


def parse_jit(value: str | None, cfg: Config) -> None:
    """Apply a --jit / ELLE_JIT value ("on", "off", "0", "N") to `cfg`."""
    if value is None:
        return
    v = value.strip().lower()
    if v in ("", "on", "true", "yes"):
        cfg.jit = True
    elif v in ("0", "off", "false", "no"):
        cfg.jit = False
        cfg.tier1 = False
    else:
        try:
            n = int(v)
        except ValueError:
            raise ConfigError(f"bad JIT setting {value!r}: expected on, off or a call count") from None
        if n < 0:
            raise ConfigError(f"bad JIT threshold {n}: must be >= 0")
        cfg.jit = n > 0
        if n > 0:
            cfg.jit_threshold = n


def parse_int(name: str, value: str, least: int = 1) -> int:
    """`value` as a decimal integer >= `least`; ConfigError naming `name` otherwise."""
    v = value.strip()
    n = int(v) if v.isascii() and v.lstrip("+-").isdigit() else None
    if n is None or n < least:
        raise ConfigError(f"bad {name} {value!r}: expected an integer >= {least}")
    return n


def parse_tiers(value: str, cfg: Config) -> None:
    """Apply a --tiers / ELLE_TIERS value: a comma list of 1 and 2 (the tiers
    above the VM to use), or "vm" for none."""
    parts = {p.strip().lower() for p in value.split(",") if p.strip()}
    if not parts or not parts <= {"vm", "0", "1", "2"}:
        raise ConfigError(f"bad tiers {value!r}: expected vm, 1, 2 or 1,2")
    cfg.tier1 = "1" in parts
    cfg.jit = "2" in parts


def from_environ(env=None) -> Config:
    """The configuration the ELLE_* variables of `env` (default: os.environ)
    ask for; ConfigError when one is malformed."""
    env = os.environ if env is None else env
    cfg = Config()
    if "ELLE_JIT_THRESHOLD" in env:
        cfg.jit_threshold = max(1, parse_int("ELLE_JIT_THRESHOLD", env["ELLE_JIT_THRESHOLD"], 0))
    try:
        parse_jit(env.get("ELLE_JIT"), cfg)
    except ConfigError as e:
        raise ConfigError(f"ELLE_JIT: {e}") from None
    cfg.jit_log = env.get("ELLE_JIT_LOG", "") not in ("", "0")
    cfg.stats = env.get("ELLE_STATS", "") not in ("", "0")
    if "ELLE_JIT_COUNT_CALLS" in env:
        cfg.jit_count_calls = env["ELLE_JIT_COUNT_CALLS"] not in ("", "0")
    cfg.jit_cache = env.get("ELLE_JIT_CACHE")
    if "ELLE_TIER1_THRESHOLD" in env:
        cfg.tier1_threshold = parse_int("ELLE_TIER1_THRESHOLD", env["ELLE_TIER1_THRESHOLD"])
    if "ELLE_TIERS" in env:
        try:
            parse_tiers(env["ELLE_TIERS"], cfg)
        except ConfigError as e:
            raise ConfigError(f"ELLE_TIERS: {e}") from None
    cfg.library_path = parse_library_path(env.get("ELLE_PATH", ""))
    if "ELLE_MAX_DEPTH" in env:
        cfg.max_depth = max(MIN_MAX_DEPTH, parse_int("ELLE_MAX_DEPTH", env["ELLE_MAX_DEPTH"]))
    return cfg


# -- library path ---------------------------------------------------------------

def parse_library_path(value: str) -> list:
    """ELLE_PATH's directories (colon-separated; empty entries dropped),
    made absolute so a later change of directory does not move them."""
    return [os.path.abspath(d) for d in value.split(os.pathsep) if d.strip()]
