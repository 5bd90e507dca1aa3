"""The process and its environment (R7RS 6.14) and time.

**Owns:** `command-line` (the active `elle.host.Host`'s, which the
`Interpreter` sets from its `argv`), `get-environment-variable`,
`get-environment-variables`, `file-exists?`, `delete-file`, `exit`,
`emergency-exit`, `features`, `current-second`, `current-jiffy`,
`jiffies-per-second`. **Does not touch:** ports and flushing
(`primitives.io`; the CLI flushes on a normal `exit`), running
`dynamic-wind` after-thunks on exit (the VM, if it chooses to).

`exit` raises `errors.ElleExit(code)`, a `SystemExit`: `#t` or no argument
-> 0, `#f` -> 1, an exact integer -> itself, anything else -> 1 (a failure).
An embedding host sees `SystemExit(code)`, as from `sys.exit`. `current-second` is POSIX time (R7RS asks for TAI; the
difference is a constant number of leap seconds, which no program
measuring intervals can observe). A jiffy is a microsecond of a monotonic
clock.
"""

from __future__ import annotations

import os
import time

from .. import host as host_mod
from .. import sandbox
from ..datum import MString, Symbol, list_to_pairs, make_pair
from ..errors import ElleExit, raise_error
from .arguments import check_string
from . import primitive

@primitive("command-line", 0)
def command_line():
    return list_to_pairs([MString(a) for a in host_mod.active().argv])


@primitive("get-environment-variable", 1)
def get_environment_variable(name):
    sandbox.check("get-environment-variable")
    value = os.environ.get(check_string("get-environment-variable", name, 1).s)
    return False if value is None else MString(value)


@primitive("get-environment-variables", 0)
def get_environment_variables():
    sandbox.check("get-environment-variables")
    return list_to_pairs([make_pair(MString(k), MString(v)) for k, v in os.environ.items()])


@primitive("file-exists?", 1)
def file_exists(path):
    sandbox.check("file-exists?")
    return os.path.exists(check_string("file-exists?", path, 1).s)


@primitive("delete-file", 1)
def delete_file(path):
    sandbox.check("delete-file")
    from ..values import unspecified
    name = check_string("delete-file", path, 1).s
    try:
        os.remove(name)
    except OSError as e:
        raise_error("file-error",
                    f"delete-file: cannot delete \"{name}\": {e.strerror or e}")
    return unspecified


def _exit_code(obj) -> int:
    if obj is True:
        return 0
    if obj is False:
        return 1
    if type(obj) is int:
        return obj
    return 1


@primitive("exit", 0, 1)
def exit_(obj=True):
    raise ElleExit(_exit_code(obj))


@primitive("emergency-exit", 0, 1)
def emergency_exit(obj=True):
    raise ElleExit(_exit_code(obj), emergency=True)


FEATURES = ("r7rs", "exact-closed", "ratios", "full-unicode", "elle")


@primitive("features", 0, pure=True)
def features():
    return list_to_pairs([Symbol(f) for f in FEATURES])


@primitive("current-second", 0)
def current_second():
    return time.time()


@primitive("current-jiffy", 0)
def current_jiffy():
    return time.monotonic_ns() // 1000


@primitive("jiffies-per-second", 0, pure=True)
def jiffies_per_second():
    return 1_000_000
