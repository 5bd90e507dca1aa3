"""Buffered console output reaches the pipe on every way out of the `elle`
command: normal end, an uncaught error or raise, `exit` and
`emergency-exit`, and before standard input is read (so a prompt shows
before the program waits)."""

import pytest

from support import run_cli


@pytest.mark.parametrize("program,status", [
    ('(display "a") (newline) (display "b")', 0),
    ('(display "a") (newline) (display "b") (car 1)', 1),
    ('(display "a") (newline) (display "b") (raise (quote x))', 1),
    ('(display "a") (newline) (display "b") (exit 3)', 3),
    ('(display "a") (newline) (display "b") (emergency-exit 4)', 4),
    ('(define (f) (display "b") (error "late")) (display "a") (newline) (f)', 1),
])
def test_buffered_output_is_written_on_every_exit_path(tmp_path, program, status):
    prog = tmp_path / "p.scm"
    prog.write_text(program)
    r = run_cli(str(prog))
    assert r.returncode == status, r.stderr
    assert r.stdout == "a\nb"
    assert "Traceback" not in r.stderr


def test_output_before_a_read_from_stdin_is_flushed_first(tmp_path):
    # The child's stdout is a pipe (no terminal line flushing): the prompt
    # still comes out before the read, and the whole line after it.
    prog = tmp_path / "p.scm"
    prog.write_text('(display "name? ") (let ((n (read-line))) (display (string-append "hi " n)) (newline))')
    r = run_cli(str(prog), stdin="ann\n")
    assert r.returncode == 0 and r.stdout == "name? hi ann\n"


def test_many_lines_to_a_pipe_arrive_whole_and_in_order(tmp_path):
    prog = tmp_path / "p.scm"
    prog.write_text("(do ((i 0 (+ i 1))) ((= i 20000)) (write (list i \"s\")) (newline))")
    r = run_cli(str(prog))
    lines = r.stdout.split("\n")
    assert r.returncode == 0 and len(lines) == 20001 and lines[-1] == ""
    assert lines[0] == '(0 "s")' and lines[19999] == '(19999 "s")'
