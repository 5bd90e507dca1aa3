"""The real REPL on a pseudo-terminal (pexpect): prompt_toolkit line
editing, history across restarts, completion, kept output, interrupts.

The terminal stream is full of escape sequences (colours, cursor moves,
redraws); `Term.expect` matches a regular expression against the text with
them stripped, always moving forward, so each check sees only output that
came after the previous one. Every wait has a generous timeout and nothing
is timed. Each REPL runs with its own HOME, history file and no startup
file, the JIT code cache off and cursor-position requests off.
"""

import os
import re
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(not sys.platform.startswith(("linux", "darwin")),
                                reason="needs a POSIX pseudo-terminal")

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r")
PROMPT = r"elle>"
TIMEOUT = 20


class Term:
    """A REPL on a pseudo-terminal."""

    def __init__(self, tmp_path, history, extra_env=None, args=()):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ELLE_", "XDG_"))}
        env.update(HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"),
                   XDG_CONFIG_HOME=str(tmp_path / "config"), ELLE_HISTORY=str(history),
                   ELLE_INIT="", ELLE_JIT_CACHE="off", PROMPT_TOOLKIT_NO_CPR="1",
                   TERM="xterm", COLUMNS="200", LINES="24")
        env.update(extra_env or {})
        self.child = pexpect.spawn(sys.executable, ["-m", "elle", *args], env=env, cwd=str(tmp_path),
                                   dimensions=(24, 200), encoding="utf-8", timeout=TIMEOUT)
        self.raw = ""
        self.pos = 0

    def text(self) -> str:
        return ESCAPES.sub("", self.raw)

    def expect(self, pattern: str, timeout: float = TIMEOUT):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.text(), self.pos)
            if m:
                self.pos = m.end()
                return m
            if time.monotonic() > deadline:
                raise AssertionError(f"no {pattern!r} in the REPL's output; after the last "
                                     f"match it showed:\n{self.text()[self.pos:]!r}")
            try:
                self.read_more()
            except pexpect.EOF:
                if rx.search(self.text(), self.pos) is None:
                    raise AssertionError(f"the REPL ended before {pattern!r}:\n"
                                         f"{self.text()[self.pos:]!r}") from None

    def read_more(self) -> None:
        try:
            self.raw += self.child.read_nonblocking(65536, 0.1)
        except pexpect.TIMEOUT:
            pass

    def shows(self, pattern: str):
        """Wait for `pattern`, then for the next prompt (so the editor is
        reading keys again: a Ctrl-D typed before it would be lost)."""
        m = self.expect(pattern)
        self.expect(PROMPT)
        return m

    def enter(self, text: str) -> None:
        """Type `text` (newlines as Enter) and press Enter."""
        self.child.send(text.replace("\n", "\r") + "\r")

    def eof(self) -> int:
        """Press Ctrl-D at an empty prompt; the exit status."""
        self.child.sendcontrol("d")
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def term(tmp_path):
    terms = []

    def start(*args, **env):
        t = Term(tmp_path, tmp_path / "history", env, args)
        terms.append(t)
        t.expect(PROMPT)
        return t

    yield start
    for t in terms:
        t.close()


def test_history_persists_across_runs_as_whole_entries(term, tmp_path):
    t = term()
    t.enter("(define (sq x)\n(* x x))")
    t.expect(PROMPT)
    t.enter("(+ 1 2)")
    t.shows(r"\$1 = 3")
    assert t.eof() == 0
    saved = (tmp_path / "history").read_text()
    assert "+(define (sq x)\n+  (* x x))\n" in saved     # one entry, auto-indented

    t = term()
    t.child.send("\x1b[A")          # Up: (+ 1 2)
    t.expect(r"\(\+ 1 2\)")
    t.child.send("\x1b[A")          # Up again: the whole two-line define
    t.expect(r"\(\* x x\)\)")
    t.enter("")
    t.expect(PROMPT)
    t.enter("(sq 5)")
    t.shows(r"\$1 = 25")
    assert t.eof() == 0


def test_tab_completes_a_bound_name(term):
    t = term()
    t.child.send("(string-app\t")
    t.expect("string-append")
    t.enter(' "a" "b")')
    t.shows(r'\$1 = "ab"')
    t.eof()


def test_tab_completes_a_file_name_in_a_string_and_parens_are_matched(term, tmp_path):
    (tmp_path / "library-file.scm").write_text("(define from-file 11)\n")
    t = term()
    t.child.send('(load "libr\t')
    t.expect("library-file.scm")
    t.enter('")')
    t.expect(PROMPT)
    t.enter("from-file")
    t.shows(r"\$1 = 11")
    t.child.send("(car (list 1 2)")          # the cursor follows a ")": both are marked
    t.expect(r"\(car \(list 1 2\)")
    deadline = time.monotonic() + TIMEOUT
    while re.search(r"\x1b\[[0-9;]*;48;[0-9;]*m\(", t.raw) is None:     # a background colour
        assert time.monotonic() < deadline, "no highlighted parenthesis"
        t.read_more()
    t.enter(")")
    t.shows(r"\$2 = 1")
    t.eof()


def test_output_without_newline_stays_on_screen(term):
    t = term()
    t.enter('(display "hi")')
    t.expect(r"\nhi\n" + PROMPT)
    t.eof()


def test_several_forms_and_earlier_results(term):
    t = term()
    t.enter("(+ 1 2) (+ 3 4) (values 5 6)")
    t.expect(r"\$1 = 3\n\$2 = 7\n\$3 = 5\n\$4 = 6\n")
    t.enter("(list $1 $2 _)")
    t.shows(r"\$5 = \(3 7 6\)")
    t.eof()


def test_time_bt_and_doc_commands(term):
    t = term()
    t.enter(",time (+ 20 22)")
    t.expect(r"\$1 = 42\n;; .* real, .* cpu")
    t.enter("(define (g x) (car x))")
    t.expect(PROMPT)
    t.enter("(g 5)")
    t.expect(r"car: expected a pair")
    t.expect(PROMPT)
    t.enter(",bt")
    t.expect(r"backtrace \(most recent call first\):\n +0 +g ")
    t.enter(",doc vector-ref")
    t.shows(r"\(vector-ref v k\)\n +primitive procedure, takes 2 arguments")
    t.eof()


def test_ctrl_c_interrupts_a_loop_and_the_prompt_returns(term):
    t = term()
    for i in range(2):          # the second time the loop may be native code already
        t.enter('(begin (display "looping") (newline) (let loop () (loop)))')
        t.expect("looping\n")
        time.sleep(0.3)
        t.child.sendintr()
        t.expect("interrupted")
        t.expect(PROMPT)
    t.enter("(+ 1 1)")
    t.shows(r"\$1 = 2")
    assert t.eof() == 0


def test_ctrl_c_stops_native_code_after_every_prompt(term):
    """Each prompt must leave the JIT's native SIGINT handler in place
    (asyncio, under prompt_toolkit, resets SIGINT when its loop ends)."""
    pytest.importorskip("llvmlite")
    t = term("--jit=1", "--tiers=2")
    t.enter("(define (spin n) (if (= n 0) 0 (spin (- n 1))))")
    for i in range(2):
        t.enter('(begin (display "spinning") (newline) (spin 100000000000))')
        t.expect("spinning\n")
        time.sleep(0.5)
        t.child.sendintr()
        t.expect("interrupted")
        t.expect(PROMPT)
    t.enter(",stats")
    t.shows(r"spin\(fix\) -> fix")        # it really ran as native code
    assert t.eof() == 0


def test_ctrl_c_at_the_prompt_clears_the_line(term):
    t = term()
    t.child.send("(+ 1")
    t.expect(r"\(\+ 1")
    t.child.sendcontrol("c")
    t.expect(PROMPT)
    t.enter("(+ 2 2)")
    t.shows(r"\$1 = 4")
    assert t.eof() == 0


def test_ctrl_d_exits(term):
    t = term()
    assert t.eof() == 0
    assert "Traceback" not in t.text()
