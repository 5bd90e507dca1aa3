"""The REPL line editor's text logic (elle.cli.editing) and its
prompt_toolkit pieces (completer, history) without a terminal."""

import pytest

from elle.cli.editing import indent_for, is_complete, scan, word_before


@pytest.mark.parametrize("text, complete", [
    ("(+ 1 2)", True), ("(+ 1", False), ('"abc', False), ("(f #\\()", True),
    ("(f #\\(", False), ("; only a comment", True), ("(a ; (\n b)", True),
    ("#| open", False), ("", True), (")", True), (",help", True), (",time (+ 1", False),
    ("(a) (b", False), ("#(1 2", False),
])
def test_is_complete(text, complete):
    assert is_complete(text) is complete


@pytest.mark.parametrize("text, indent", [
    ("(define (f x)", 2),
    ("(lambda (x)", 2),
    ("(let ((x 1)", 6),
    ("(foo a", 5),
    ("(foo a\n     b", 5),
    ("(foo", 1),
    ("((a b)", 1),
    ("(when x", 2),
    ('(display "a(" ', 9),
    ('"abc', 0),
    ("(+ 1 2)", 0),
    ("(define (f x)\n  (if (> x 0)", 6),
])
def test_indent_for(text, indent):
    assert indent_for(text) == indent


def test_scan_finds_strings_and_comments():
    assert scan('(load "fi').string_start == 6
    assert scan("(a ; com").in_comment
    assert scan('(a "x;y" ').string_start is None
    assert len(scan("(a [b (c").opens) == 3


def test_word_before():
    assert word_before("(string-app") == "string-app"
    assert word_before("(f 'sym") == "sym"
    assert word_before("(f ") == ""


# -- prompt_toolkit pieces ---------------------------------------------------------

def completions(text, interp=None):
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from elle.api import Interpreter
    from elle.cli.repl_ui import ElleCompleter
    c = ElleCompleter(interp or Interpreter())
    return [x.text for x in c.get_completions(Document(text, len(text)), CompleteEvent(True))]


def test_completes_bound_names_and_special_forms():
    assert completions("(string-app") == ["string-append"]
    assert "define" in completions("(defi")
    assert completions("(zzzz") == []


def test_completes_user_definitions():
    from elle.api import Interpreter
    interp = Interpreter()
    interp.eval("(define my-very-own 1)")
    assert completions("(+ my-very", interp) == ["my-very-own"]


def test_completes_file_names_in_strings(tmp_path):
    (tmp_path / "program-one.scm").write_text("")
    got = completions(f'(load "{tmp_path}/progr')
    assert got == ["am-one.scm"]


def test_completes_command_names():
    assert completions(",ti") == ["time"]
    assert "trace" in completions(",tr")


def test_history_keeps_whole_entries(tmp_path):
    from elle.cli.repl_ui import EntryHistory
    path = tmp_path / "sub" / "history"
    h = EntryHistory(str(path))
    h.load_history_strings()
    for entry in ["(define (f x)\n  (* x 2))", "(f 2)", "(f 2)"]:
        h.append_string(entry)
    assert h.get_strings() == ["(define (f x)\n  (* x 2))", "(f 2)"]
    again = list(EntryHistory(str(path)).load_history_strings())
    assert again == ["(f 2)", "(define (f x)\n  (* x 2))"]


def test_history_that_cannot_be_written_is_no_error(tmp_path):
    from elle.cli.repl_ui import EntryHistory
    blocker = tmp_path / "file"
    blocker.write_text("")
    h = EntryHistory(str(blocker / "history"))      # a directory under a file
    assert list(h.load_history_strings()) == []
    h.store_string("(+ 1 2)")


def test_completions_say_what_a_name_is():
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from elle.api import Interpreter
    from elle.cli.repl_ui import ElleCompleter
    interp = Interpreter()
    interp.eval("(define answer-value 42)")
    c = ElleCompleter(interp)

    def meta(text):
        got = list(c.get_completions(Document(text, len(text)), CompleteEvent(True)))
        return got[0].display_meta_text
    assert meta("(string-app") == "procedure"
    assert meta("(define-rec") == "syntax"
    assert meta("answer-val") == "variable"


@pytest.fixture
def editor(tmp_path):
    """make_read_line on a prompt_toolkit pipe input: (send keys, read_line)."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from elle.api import Interpreter
    from elle.cli.repl_ui import make_read_line
    with create_pipe_input() as pipe:
        yield pipe.send_text, make_read_line(Interpreter(), str(tmp_path / "history"),
                                             input=pipe, output=DummyOutput())


def test_enter_continues_an_unfinished_form_with_indentation(editor):
    send, read_line = editor
    send("(define (f x)\r(if x\r1\r2))\r")
    assert read_line("elle> ") == "(define (f x)\n  (if x\n      1\n      2))"


def test_enter_accepts_a_complete_entry(editor):
    send, read_line = editor
    send("(+ 1 2) (+ 3\r4)\r")
    assert read_line("elle> ") == "(+ 1 2) (+ 3\n           4)"
    send(")\r")                     # a syntax error is complete: the evaluator reports it
    assert read_line("elle> ") == ")"


def test_ctrl_c_and_ctrl_d_at_the_prompt(editor):
    send, read_line = editor
    send("(+ 1\x03")
    with pytest.raises(KeyboardInterrupt):
        read_line("elle> ")
    send("\x04")
    assert read_line("elle> ") is None


def test_up_recalls_a_whole_entry(editor):
    send, read_line = editor
    send("(define (g)\r1)\r")
    first = read_line("elle> ")
    send("\x1b[A\r")
    assert read_line("elle> ") == first == "(define (g)\n  1)"



def test_enter_in_the_completion_menu_takes_the_name_only(editor):
    """Completion runs asynchronously, so the keys go in one at a time
    while the prompt reads them in another thread."""
    import threading
    import time
    send, read_line = editor
    got = []
    reader = threading.Thread(target=lambda: got.append(read_line("elle> ")), daemon=True)
    reader.start()
    buf = read_line.session.default_buffer

    def wait_for(condition):
        deadline = time.monotonic() + 20
        while not condition():
            assert time.monotonic() < deadline
            time.sleep(0.02)
    send("(string-fo\t")
    wait_for(lambda: buf.complete_state is not None)
    send("\t")
    wait_for(lambda: buf.complete_state is not None
             and buf.complete_state.current_completion is not None)
    send("\r")
    wait_for(lambda: buf.complete_state is None)
    send(" 1)\r")
    reader.join(20)
    assert got == ["(string-foldcase 1)"]


def test_ctrl_r_searches_the_history(editor):
    send, read_line = editor
    send("(+ 1 2)\r")
    assert read_line("elle> ") == "(+ 1 2)"
    send("(* 3 4)\r")
    read_line("elle> ")
    import threading
    got = []
    reader = threading.Thread(target=lambda: got.append(read_line("elle> ")), daemon=True)
    reader.start()
    send("\x12(+ 1\r\r")                    # Ctrl-R, the text, Enter ends the search, Enter
    reader.join(20)
    if not got:
        send("\x03")                         # let the prompt end; the test has failed
    assert got == ["(+ 1 2)"]
