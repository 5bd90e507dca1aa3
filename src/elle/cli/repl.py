"""The interactive read-eval-print loop.

**Owns:** reading multi-line input until a form is complete, printing
results with `write`, reporting errors and returning to the prompt,
Ctrl-C (interrupt the running computation, back to the prompt), Ctrl-D
(exit), and the comma commands (`,help`, `,disasm NAME`, `,expand EXPR`,
`,stats`, `,quit`). **Does not touch:** evaluation (`elle.api`).

`Repl` is independent of the terminal: it takes a `read_line(prompt)`
function (returning None at end of input) and an output stream, so tests
drive it with a list of lines. `run_repl` supplies prompt_toolkit (with
Scheme syntax highlighting and history) when standard input is a terminal.
"""

from __future__ import annotations

import sys

PROMPT = "elle> "
CONTINUE = "  ... "

HELP = """\
Enter Scheme expressions; results are printed with `write`.
  ,help            this text
  ,disasm NAME     disassemble the procedure bound to NAME
  ,expand EXPR     show the core form EXPR expands to
  ,stats           JIT statistics (with --jit)
  ,quit            leave (Ctrl-D also works)
Ctrl-C interrupts a running computation."""


class Repl:
    def __init__(self, interp, read_line, out=None, err=None):
        self.interp = interp
        self.read_line = read_line
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.counter = 0

    def run(self) -> None:
        print(f"Elle {self._version()} -- ,help for help, Ctrl-D to exit", file=self.out)
        while True:
            try:
                text = self.read_form()
            except KeyboardInterrupt:
                print("", file=self.out)
                continue
            if text is None:
                print("", file=self.out)
                return
            if not text.strip():
                continue
            if text.lstrip().startswith(","):
                if self.command(text.strip()) == "quit":
                    return
                continue
            self.evaluate(text)

    def read_form(self) -> str | None:
        """Read lines until they hold at least one complete datum (or are blank)."""
        from ..reader import IncompleteInput, read_all
        lines = []
        while True:
            line = self.read_line(PROMPT if not lines else CONTINUE)
            if line is None:
                return "\n".join(lines) if lines else None
            lines.append(line)
            text = "\n".join(lines)
            if text.lstrip().startswith(","):
                return text
            try:
                read_all(text, "<repl>")
            except IncompleteInput:
                continue
            except Exception:
                return text  # a real syntax error: let evaluate() report it
            return text

    def evaluate(self, text: str) -> None:
        from ..errors import ElleError, ElleExit, format_error
        from ..printer import write_string
        from ..values import Values, unspecified
        self.counter += 1
        name = f"<repl:{self.counter}>"
        try:
            value = self.interp.eval_text(text, name)
        except ElleError as e:
            self.interp.flush()
            print(format_error(e), file=self.err)
            return
        except KeyboardInterrupt:
            self.interp.flush()
            print("\ninterrupted", file=self.err)
            return
        except ElleExit:
            raise
        self.interp.flush()
        if value is unspecified:
            return
        if isinstance(value, Values):
            for v in value.items:
                print(write_string(v), file=self.out)
        else:
            print(write_string(value), file=self.out)

    def command(self, line: str) -> str | None:
        cmd, _, arg = line[1:].partition(" ")
        arg = arg.strip()
        if cmd in ("q", "quit", "exit"):
            return "quit"
        if cmd in ("h", "help", "?"):
            print(HELP, file=self.out)
        elif cmd == "disasm":
            self._disasm(arg)
        elif cmd == "expand":
            self._expand(arg)
        elif cmd == "stats":
            jit = self.interp.jit
            if jit is None:
                print("the JIT is off (start with --jit)", file=self.out)
            else:
                print(jit.stats.report(), file=self.out)
        else:
            print(f"unknown command ,{cmd} (try ,help)", file=self.err)
        return None

    def _disasm(self, text: str) -> None:
        """Disassemble the procedure `text` evaluates to (a name or any expression)."""
        from ..disasm import disassemble
        from ..errors import ElleError, format_error
        from ..values import Closure
        try:
            v = self.interp.eval_text(text, "<repl>")
        except ElleError as e:
            print(format_error(e), file=self.err)
            return
        if not isinstance(v, Closure):
            print(f"{text} is not a compiled procedure", file=self.err)
        else:
            print(disassemble(v.code), file=self.out)

    def _expand(self, text: str) -> None:
        from ..core import to_sexpr
        from ..errors import ElleError, format_error
        from ..printer import write_string
        from ..reader import read_all
        try:
            for datum in read_all(text, "<repl>"):
                node = self.interp.expander.expand_toplevel(datum)
                print(write_string(to_sexpr(node)), file=self.out)
        except ElleError as e:
            print(format_error(e), file=self.err)

    @staticmethod
    def _version() -> str:
        from .. import __version__
        return __version__


def run_repl(interp) -> None:
    """Run the REPL on the terminal, with prompt_toolkit when available."""
    try:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory
        try:
            from prompt_toolkit.lexers import PygmentsLexer
            from pygments.lexers.lisp import SchemeLexer
            lexer = PygmentsLexer(SchemeLexer)
        except ImportError:
            lexer = None
        session = PromptSession(history=InMemoryHistory(), lexer=lexer)

        def read_line(prompt):
            try:
                return session.prompt(prompt)
            except EOFError:
                return None
    except ImportError:
        def read_line(prompt):
            try:
                return input(prompt)
            except EOFError:
                return None
    Repl(interp, read_line).run()
