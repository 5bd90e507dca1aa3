"""The REPL's terminal line editor, on prompt_toolkit.

**Owns:** the prompt_toolkit session (`make_read_line`): Enter that
evaluates a complete entry and otherwise opens an indented continuation
line, Tab completion of bound names and of file names inside strings
(`ElleCompleter`), Tab at the start of a line re-indenting it, the
persistent history of whole entries (`EntryHistory`, one entry per
multi-line form), Scheme syntax colouring (pygments) and the highlight of
the parenthesis matching the one at the cursor. **Does not touch:** what
an entry means (`elle.cli.repl`), the lexical questions about the text
(`elle.cli.editing`).

Imported only when the REPL starts on a terminal, so `elle -e ...` never
pays for prompt_toolkit. The prompt runs with `handle_sigint=False`: a
Ctrl-C typed at the prompt arrives as a key (the terminal is in raw mode
there) and clears the line, and prompt_toolkit leaves the process's SIGINT
handler alone, so the handler the JIT chains in front of CPython's (to
stop native code, `elle.jit.interrupt`) stays in place between entries.
"""

from __future__ import annotations

import os

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer, Completion, PathCompleter
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor

from .editing import indent_for, is_complete, scan, word_before
from .repl import CONTINUE


class EntryHistory(FileHistory):
    """FileHistory that never fails the prompt: a file that cannot be read
    or written (permissions, a full disk) just keeps history in memory; an
    entry equal to the one before it is not stored again."""

    def __init__(self, filename: str):
        super().__init__(filename)
        self._last = None
        self._writable = True

    def load_history_strings(self):
        try:
            strings = list(super().load_history_strings())
        except OSError:
            strings = []
        if strings:
            self._last = strings[0]          # newest first
        return strings

    def append_string(self, string: str) -> None:
        if string != self._last:        # Up never steps through repeats either
            super().append_string(string)

    def store_string(self, string: str) -> None:
        self._last = string
        if not self._writable:
            return
        try:
            parent = os.path.dirname(os.path.abspath(self.filename))
            os.makedirs(parent, exist_ok=True)
            super().store_string(string)
        except OSError:
            self._writable = False


class ElleCompleter(Completer):
    """Bound names (variables, special forms, macros) for the identifier
    before the cursor; file names inside a string; command names after a
    leading comma."""

    def __init__(self, interp):
        self.interp = interp
        self.paths = PathCompleter(expanduser=True)

    def get_completions(self, document, complete_event):
        from .commands import ALIASES, COMMANDS, bound_names
        before = document.text_before_cursor
        where = scan(before)
        if where.string_start is not None:
            inner = before[where.string_start + 1:]
            if "\\" not in inner and "\n" not in inner:
                yield from self.paths.get_completions(Document(inner, len(inner)), complete_event)
            return
        if where.in_comment:
            return
        stripped = before.lstrip()
        if stripped.startswith(",") and not any(c.isspace() for c in stripped):
            word = stripped[1:]
            for name in sorted(COMMANDS):
                if name.startswith(word) and name not in ALIASES:
                    yield Completion(name, start_position=-len(word))
            return
        word = word_before(before)
        if not word:
            return
        for name in bound_names(self.interp):
            if name.startswith(word):
                yield Completion(name, start_position=-len(word), display_meta=self._kind(name))

    def _kind(self, name: str) -> str:
        from ..datum import Symbol
        from ..environment import UNBOUND
        from ..values import Procedure
        value = self.interp.globals.lookup(Symbol(name))
        if value is UNBOUND:
            return "syntax"
        return "procedure" if isinstance(value, Procedure) else "variable"


def _key_bindings() -> KeyBindings:
    from prompt_toolkit.enums import DEFAULT_BUFFER
    from prompt_toolkit.filters import has_focus
    kb = KeyBindings()
    editing = has_focus(DEFAULT_BUFFER)     # not in the Ctrl-R search field

    @kb.add("enter", filter=editing)
    def _enter(event):
        buf = event.current_buffer
        state = buf.complete_state
        if state is not None:               # the completion menu is open
            buf.complete_state = None
            if state.current_completion is not None:
                return                      # Enter takes the chosen name, evaluates nothing
        if is_complete(buf.text):
            buf.validate_and_handle()
        else:
            indent = indent_for(buf.document.text_before_cursor)
            buf.insert_text("\n" + " " * indent)

    @Condition
    def _at_line_start():
        from prompt_toolkit.application import get_app
        doc = get_app().current_buffer.document
        return doc.current_line_before_cursor.strip() == "" and doc.line_count > 1

    @kb.add("tab", filter=editing & _at_line_start)
    def _reindent(event):
        """Tab on a blank continuation prefix re-indents the line."""
        buf = event.current_buffer
        doc = buf.document
        start = doc.cursor_position - len(doc.current_line_before_cursor)
        indent = indent_for(doc.text[:max(start - 1, 0)])
        line = doc.current_line
        body = line.lstrip()
        buf.text = doc.text[:start] + " " * indent + body + doc.text[start + len(line):]
        buf.cursor_position = start + indent

    return kb


def _continuation(width, line_number, is_soft_wrap):
    return CONTINUE.rjust(width)


def make_read_line(interp, history_file: str | None, input=None, output=None):
    """A `read_line(prompt)` for `elle.cli.repl.Repl` on the terminal:
    returns the whole entry (several lines for an unfinished form), None
    at Ctrl-D, raises KeyboardInterrupt at Ctrl-C. `input` and `output`
    are prompt_toolkit's (tests pass a pipe input and a dummy output)."""
    try:
        from prompt_toolkit.lexers import PygmentsLexer
        from pygments.lexers.lisp import SchemeLexer
        lexer = PygmentsLexer(SchemeLexer)
    except ImportError:
        lexer = None
    history = EntryHistory(history_file) if history_file else InMemoryHistory()
    session = PromptSession(
        multiline=True, lexer=lexer, history=history,
        completer=ElleCompleter(interp), complete_while_typing=False,
        key_bindings=_key_bindings(), prompt_continuation=_continuation,
        input_processors=[HighlightMatchingBracketProcessor(chars="()[]")],
        reserve_space_for_menu=4, input=input, output=output)

    def read_line(prompt):
        saved = _save_sigint()
        try:
            return session.prompt(prompt, handle_sigint=False)
        except (EOFError, OSError):     # Ctrl-D, or the terminal went away
            return None
        finally:
            _restore_sigint(saved)

    read_line.session = session         # for tests
    return read_line


# prompt_toolkit runs its event loop with asyncio.run, which (Python >= 3.11)
# replaces a default SIGINT handler for the loop's lifetime and then puts the
# default back with signal.signal: that would drop the native handler the
# JIT chained in front of CPython's at the operating-system level. So the
# OS-level handler in force before the prompt is put back after it.

def _save_sigint():
    try:
        import ctypes
        import signal
        getsig = ctypes.pythonapi.PyOS_getsig
        getsig.restype = ctypes.c_void_p
        getsig.argtypes = [ctypes.c_int]
        return signal.getsignal(signal.SIGINT), getsig(signal.SIGINT)
    except Exception:       # not CPython, not the main thread, ...: nothing to keep
        return None


def _restore_sigint(saved) -> None:
    if saved is None:
        return
    try:
        import ctypes
        import signal
        python_handler, os_handler = saved
        if signal.getsignal(signal.SIGINT) is not python_handler:
            signal.signal(signal.SIGINT, python_handler)
        setsig = ctypes.pythonapi.PyOS_setsig
        setsig.restype = ctypes.c_void_p
        setsig.argtypes = [ctypes.c_int, ctypes.c_void_p]
        getsig = ctypes.pythonapi.PyOS_getsig
        getsig.restype = ctypes.c_void_p
        getsig.argtypes = [ctypes.c_int]
        if os_handler and getsig(signal.SIGINT) != os_handler:
            setsig(signal.SIGINT, os_handler)
    except Exception:
        pass
