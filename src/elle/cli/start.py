"""The `elle` command's entry point: Ctrl-C while the command starts.

**Owns:** what a SIGINT does from the moment this module runs until
`elle.cli.main.main` takes over: the process prints `interrupted` and
exits with status 130, as a Ctrl-C at any later moment does. **Does not
touch:** anything else; `main` puts back Python's own handler (which raises
KeyboardInterrupt) before it runs anything that reports interrupts itself.

Importing `elle.cli.main` and what it needs takes ~30 ms, during which a
Ctrl-C raised KeyboardInterrupt inside some import and printed Python's
traceback. Only Python's own start-up and the lines of the installed
`elle` script before its import of this module are left uncovered.
"""

import _signal      # (not `signal`: importing it imports enum, ~5 ms)
import os


def _interrupted_while_starting(signum, frame):
    try:
        os.write(2, b"\ninterrupted\n")
    finally:
        os._exit(130)


_signal.signal(_signal.SIGINT, _interrupted_while_starting)


def main() -> None:
    from .main import main as run
    run()
