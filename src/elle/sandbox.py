"""The sandbox: what a sandboxed interpreter's program may not reach.

**Owns:** the list of denied operations (`DENIED`), the check every one of
them makes (`check`, `check_interp`) and the error it raises: kind
`sandbox-error`, message "sandbox: NAME is not allowed", an ordinary Elle
condition (`guard` catches it, `error-object-kind` names it). **Does not
touch:** what the operations do when allowed (`primitives.io`,
`primitives.system`, `evaluation`, `expander.libraries`).

`Interpreter(sandbox=True)` / `elle --sandbox` deny the program

    files        open-{,binary-}{input,output}-file (and so every prelude
                 procedure built on them: call-with-input-file,
                 with-output-to-file, ...), file-exists?, delete-file
    environment  get-environment-variable(s)
    source files load, include, include-ci, and importing a library that
                 must be read from a file (the built-in (scheme ...),
                 (srfi ...), (elle ...) libraries and libraries the program
                 defines itself stay importable)

and leave it everything else: the console ports (display, read from
standard input), string and bytevector ports, `command-line` (the host
chose it), the clocks, `exit` and `emergency-exit` (they only end the
program; an embedding host sees SystemExit). Elle has no primitive that
runs a command or opens a socket, so there is nothing of that kind to deny.

Choke point: the check lives inside each denied operation, not in the
global environment, so no other route to the operation -- `eval`,
`environment`, a redefined or captured name, tier 1's Python code (which
calls the same Python function) -- gets around it; tier 2 compiles only
numeric code and never calls these. The flag is per interpreter: a
primitive is shared by every interpreter, so it asks the Host of the
interpreter running on this thread (`elle.host.active()`, swapped in by
the VM for each run); the expander, which reads `include` and library files
outside any run, asks its interpreter directly (`check_interp`). The host's
own calls -- `Interpreter.load`, the CLI reading the program file -- are
not the program's and are not checked.
"""

from __future__ import annotations

from . import host as host_mod
from .errors import raise_error

DENIED = ("open-input-file", "open-binary-input-file", "open-output-file",
          "open-binary-output-file", "file-exists?", "delete-file",
          "get-environment-variable", "get-environment-variables",
          "load", "include", "include-ci", "import")


def deny(who: str):
    raise_error("sandbox-error", f"sandbox: {who} is not allowed")


def check(who: str) -> None:
    """Raise the sandbox-error for `who` if the running interpreter is sandboxed."""
    if host_mod.active().sandboxed:
        deny(who)


def check_interp(interp, who: str) -> None:
    """Raise the sandbox-error for `who` if `interp` is sandboxed (for the
    expander, which runs outside the VM)."""
    if getattr(interp.config, "sandbox", False):
        deny(who)
