"""The interactive read-eval-print loop.

**Owns:** the loop itself -- reading input until the forms are complete,
evaluating every form of an entry in turn and printing each value
(`$1 = 3`, binding `$1`, `$2`, ... and `_` in the global environment),
reporting errors and returning to the prompt, Ctrl-C (interrupt the
running computation, back to the prompt), Ctrl-D (exit) -- plus keeping
output that does not end in a newline on screen (a fresh line before the
next prompt), the startup file, and where the history file lives.
**Does not touch:** evaluation (`elle.api`), the comma commands
(`elle.cli.commands`), the terminal (`elle.cli.repl_ui`, prompt_toolkit).

`Repl` is independent of the terminal: it takes a `read_line(prompt)`
function (returning None at end of input, raising KeyboardInterrupt for a
Ctrl-C at the prompt) and output streams, so tests drive it with a list of
lines. `run_repl` supplies prompt_toolkit when it is importable, else
`input()`.

Keeping output on screen: the console port writes to `sys.stdout` /
`sys.stderr` as they are at write time (`elle.primitives.io`), so while
the REPL evaluates, both are `TrackedStream`s that note whether the last
character written was a newline (`Screen`); before the next prompt the
REPL ends an unfinished line itself. (prompt_toolkit redraws its prompt
from column 0, which would otherwise erase `(display "hi")`'s `hi`.)

Environment switches read here (the REPL's own, so not in `elle.config`):
    ELLE_HISTORY   the history file ("" for no persistent history); default
                   $XDG_STATE_HOME/elle/history (XDG_STATE_HOME defaults to
                   ~/.local/state), or ~/.elle_history if that file exists
    ELLE_INIT      the startup file ("" for none); default
                   $XDG_CONFIG_HOME/elle/init.scm (~/.config/elle/init.scm)
"""

from __future__ import annotations

import os
import sys

PROMPT = "elle> "
CONTINUE = "  ... "


# -- files --------------------------------------------------------------------------


def history_path(environ=None) -> str | None:
    """The history file to use, or None for history kept in memory only."""
    env = os.environ if environ is None else environ
    if "ELLE_HISTORY" in env:
        return os.path.expanduser(env["ELLE_HISTORY"]) or None
    home = os.path.expanduser("~")
    legacy = os.path.join(home, ".elle_history")
    if os.path.isfile(legacy):
        return legacy
    state = env.get("XDG_STATE_HOME") or os.path.join(home, ".local", "state")
    return os.path.join(state, "elle", "history")


def init_path(environ=None) -> str | None:
    """The startup file to load, or None (no such file, or ELLE_INIT="")."""
    env = os.environ if environ is None else environ
    if "ELLE_INIT" in env:
        return os.path.expanduser(env["ELLE_INIT"]) or None
    config = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    path = os.path.join(config, "elle", "init.scm")
    return path if os.path.isfile(path) else None


# -- output -------------------------------------------------------------------------


class Screen:
    """Whether the terminal's cursor is at the start of a line, as far as
    the text written through the REPL's streams tells."""

    __slots__ = ("at_line_start",)

    def __init__(self):
        self.at_line_start = True

    def saw(self, text: str) -> None:
        if text:
            self.at_line_start = text[-1] == "\n"


class TrackedStream:
    """A text stream that tells a Screen what was written through it;
    everything else (fileno, isatty, encoding, ...) is the wrapped stream's."""

    def __init__(self, stream, screen: Screen):
        self.stream = stream
        self.screen = screen

    def write(self, text: str) -> int:
        n = self.stream.write(text)
        self.screen.saw(text)
        return n

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name):
        return getattr(self.stream, name)


# -- the loop -----------------------------------------------------------------------


class Repl:
    """The read-eval-print loop over `read_line` and the streams `out`
    and `err` (default: sys.stdout and sys.stderr)."""

    def __init__(self, interp, read_line, out=None, err=None, init_file: str | None = None):
        self.interp = interp
        self.read_line = read_line
        self.screen = Screen()
        self.out = TrackedStream(sys.stdout if out is None else out, self.screen)
        self.err = TrackedStream(sys.stderr if err is None else err, self.screen)
        self.init_file = init_file
        self.counter = 0
        self.results: list = []         # $1, $2, ... are results[0], results[1], ...
        self.last_error = None          # for ,bt
        self.tracer = None              # elle.cli.tracing.Tracer, made by the first ,trace

    def run(self) -> None:
        print(f"Elle {self._version()} -- ,help for help, Ctrl-D to exit", file=self.out)
        if self.init_file:
            self.load(self.init_file)
        while True:
            try:
                text = self.read_form()
            except KeyboardInterrupt:       # Ctrl-C at the prompt: a fresh prompt
                continue
            if text is None:
                self.fresh_line()
                return
            if not text.strip():
                continue
            if text.lstrip().startswith(","):
                if self.command(text.strip()) == "quit":
                    return
                continue
            self.evaluate(text)

    def read_form(self) -> str | None:
        """Read lines until they hold complete forms (or are blank)."""
        from .editing import is_complete
        lines = []
        while True:
            if not lines:
                self.fresh_line()
            line = self.read_line(PROMPT if not lines else CONTINUE)
            if line is None:
                return "\n".join(lines) if lines else None
            lines.append(line)
            text = "\n".join(lines)
            if is_complete(text):
                return text

    def fresh_line(self) -> None:
        """End the line the last output left unfinished, if any."""
        if not self.screen.at_line_start:
            self.out.write("\n")
            self.out.flush()

    # -- evaluation -------------------------------------------------------------------

    def evaluate(self, text: str) -> bool:
        """Evaluate every form in `text` in turn, printing each one's values
        as it finishes. False if an error or Ctrl-C stopped it."""
        self.counter += 1
        name = f"<repl:{self.counter}>"
        return self.guarded(lambda: self._run_forms(text, name))

    def load(self, path: str) -> bool:
        """Run the file at `path` (errors are reported); False if it failed."""
        return self.guarded(lambda: self.interp.load(path))

    def guarded(self, work) -> bool:
        """Run `work()` with the console going through the tracked streams,
        reporting any error; False if it did not finish."""
        from ..errors import ElleError, ElleExit, format_error
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = self.out, self.err
        try:
            if self.tracer is not None:
                self.tracer.reset()
            work()
            return True
        except ElleError as e:
            self._flush()
            self.last_error = e
            self.fresh_line()
            print(format_error(e), file=self.err)
        except KeyboardInterrupt:
            self._flush()
            if self._is_tty():
                self.out.write("\n")        # the terminal echoed ^C
            self.fresh_line()
            print("interrupted", file=self.err)
        except RecursionError:
            self._flush()
            self.fresh_line()
            print("error: nesting too deep for the REPL (Python recursion limit); "
                  "run the program from a file instead", file=self.err)
        except ElleExit:
            raise
        except Exception as e:      # an internal bug: report it, keep the session
            self._flush()
            self.fresh_line()
            print(f"elle: internal error: {type(e).__name__}: {e} (please report this)",
                  file=self.err)
        finally:
            self._flush()
            sys.stdout, sys.stderr = saved
        return False

    def _run_forms(self, text: str, name: str) -> None:
        """`Interpreter.eval_text`, printing the values of each form: the
        same continuation bookkeeping (a re-entered toplevel continuation
        of form i goes on with form i + 1)."""
        from ..errors import register_source
        from ..reader import Reader
        register_source(name, text)
        reader = Reader(text, name)
        forms = []
        program = object()
        vm = self.interp.vm
        i = 0
        while True:
            if i == len(forms):
                datum = reader.read()
                if datum is reader.EOF:
                    return
                forms.append((datum, reader.datum_loc()))
            datum, loc = forms[i]
            value = self.interp.eval_datum(datum, (program, i), loc)
            marker = vm.halt_marker
            if marker is not None and marker[0] is program and marker[1] != i:
                i = marker[1]
            self._flush()
            self.show(value)
            i += 1

    def show(self, value) -> None:
        """Print `value` (each of several values) as `$N = ...`, binding `$N` and `_`."""
        from ..printer import write_string
        from ..values import Values, unspecified
        items = value.items if isinstance(value, Values) else (value,)
        for v in items:
            if v is unspecified:
                continue
            name = self.remember(v)
            self.fresh_line()
            print(f"{name} = {write_string(v)}", file=self.out)
        self.out.flush()

    def remember(self, value) -> str:
        """Bind the next `$N` and `_` to `value`; return "$N"."""
        from ..datum import Symbol
        self.results.append(value)
        name = f"${len(self.results)}"
        self.interp.globals.define(Symbol(name), value)
        self.interp.globals.define(Symbol("_"), value)
        return name

    def _flush(self) -> None:
        try:
            self.interp.flush()
        except Exception:
            pass

    def _is_tty(self) -> bool:
        try:
            return self.out.isatty()
        except (AttributeError, ValueError):
            return False

    # -- comma commands -----------------------------------------------------------

    def command(self, line: str) -> str | None:
        """Run the comma command `line`; "quit" if it ends the session."""
        from . import commands
        result = []
        self.guarded(lambda: result.append(commands.run(self, line)))
        return result[0] if result else None

    @staticmethod
    def _version() -> str:
        from .. import __version__
        return __version__


def run_repl(interp) -> None:
    """Run the REPL on the terminal: with prompt_toolkit when it is
    available and both standard input and output are terminals (output
    redirected to a file gets no escape sequences), else with `input()`."""
    read_line = None
    if _is_terminal(sys.stdout):
        try:
            from .repl_ui import make_read_line
            read_line = make_read_line(interp, history_path())
        except ImportError:
            pass
    if read_line is None:
        def read_line(prompt):
            try:
                return input(prompt)
            except EOFError:
                print()                 # end the prompt's line
                return None
    Repl(interp, read_line, init_file=init_path()).run()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
