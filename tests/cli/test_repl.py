"""The REPL loop, driven by a list of input lines instead of a terminal."""

import io

import pytest

from elle.api import Interpreter
from elle.cli.repl import Repl, history_path, init_path


def drive(lines, init_file=None, interp=None):
    it = iter(lines)
    out, err = io.StringIO(), io.StringIO()

    def read_line(prompt):
        line = next(it, None)
        if isinstance(line, BaseException):
            raise line
        return line

    Repl(interp or Interpreter(), read_line, out, err, init_file=init_file).run()
    return out.getvalue(), err.getvalue()


def test_results_are_written_and_numbered():
    out, _ = drive(['(+ 1 2)', '"hi"', '(values 1 2)'])
    assert "$1 = 3\n" in out and '$2 = "hi"\n' in out and "$3 = 1\n$4 = 2\n" in out


def test_every_form_on_a_line_is_printed():
    out, _ = drive(["(+ 1 2) (+ 3 4)"])
    assert "$1 = 3\n$2 = 7\n" in out


def test_unspecified_values_are_not_printed():
    out, _ = drive(["(define x 1) (if #f #f) (values)", "x"])
    assert out.count(" = ") == 1 and "$1 = 1\n" in out


def test_earlier_results_are_bound():
    out, _ = drive(["(+ 1 2)", "(* 10 4)", "(+ $1 $2 _)"])
    assert "$3 = 83\n" in out


def test_output_without_newline_is_ended_before_the_next_prompt():
    out, _ = drive(['(display "hi")', '(display "x") 5'])
    assert "hi\n" in out and "x\n$1 = 5\n" in out


def test_multi_line_input():
    out, _ = drive(["(define (f x)", "  (* x 2))", "(f 21)"])
    assert "$1 = 42\n" in out


def test_error_returns_to_prompt():
    out, err = drive(["(car 1)", "(+ 40 2)"])
    assert "car" in err and "^" in err and "$1 = 42\n" in out


def test_error_after_earlier_forms_on_the_line_keeps_their_values():
    out, err = drive(["(+ 1 1) (car 1) (+ 2 2)"])
    assert "$1 = 2\n" in out and "car" in err and "4" not in out


def test_syntax_error_is_reported():
    out, err = drive(["(+ 1 2))", "(+ 1 3)"])
    assert "$1 = 3" in out and "$2 = 4" in out and err


def test_state_persists_and_quit():
    out, _ = drive(["(define x 10)", "(* x x)", ",quit", "(display 'never)"])
    assert "$1 = 100\n" in out and "never" not in out


def test_ctrl_c_at_the_prompt_gives_a_fresh_prompt():
    out, _ = drive([KeyboardInterrupt(), "(+ 1 2)"])
    assert "$1 = 3\n" in out


def test_interrupt_during_evaluation_returns_to_the_prompt():
    interp = Interpreter()

    def stop():
        raise KeyboardInterrupt
    interp.define("stop", stop)
    out, err = drive(["(stop)", "(+ 1 2)"], interp=interp)
    assert "interrupted" in err and "$1 = 3\n" in out


def test_no_python_traceback_for_internal_errors():
    interp = Interpreter()
    interp.vm.run = None            # any Python exception inside evaluation
    out, err = drive(["(+ 1 2)", ",help"], interp=interp)
    assert "internal error" in err and "Traceback" not in err + out and ",time" in out


def test_disasm_command():
    out, _ = drive(["(define (sq x) (* x x))", ",disasm sq"])
    assert "sq" in out


def test_time_command():
    out, _ = drive([",time (+ 1 2)"])
    assert "$1 = 3\n" in out and "real" in out and "cpu" in out


def test_bt_shows_the_frames_of_the_last_error():
    out, err = drive(["(define (g x) (car x))", "(define (h x) (+ 1 (g x)))", "(h 5)", ",bt"])
    bt = out[out.index("backtrace"):]
    assert "g" in bt and "h" in bt and "(car x)" in bt


def test_bt_without_an_error():
    out, _ = drive([",bt"])
    assert "no error" in out


def test_doc_of_a_primitive():
    out, _ = drive([",doc vector-ref", ",doc display"])
    assert "(vector-ref v k)" in out and "takes 2 arguments" in out
    assert "(display x [port])" in out and "takes 1 or 2 arguments" in out


def test_doc_of_a_procedure_with_a_docstring():
    out, _ = drive(['(define (f x . more) "Adds things." (+ x 1))', ",doc f"])
    assert "(f x . more)" in out and "at least 1 argument" in out and "Adds things." in out


def test_doc_of_a_special_form_and_an_unbound_name():
    out, err = drive([",doc if", ",doc lenght"])
    assert "if: special form" in out and "not bound" in err and "length" in err


def test_apropos():
    out, _ = drive([",apropos string-app"])
    assert "string-append" in out


def test_load_command(tmp_path):
    f = tmp_path / "lib.scm"
    f.write_text("(define loaded-value 7)\n")
    out, err = drive([f",load {f}", "loaded-value", ",load /no/such/file.scm", "1"])
    assert "$1 = 7" in out and "loaded" in out and "no/such" in err and "$2 = 1" in out


def test_trace_and_untrace():
    out, _ = drive(["(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))",
                    ",trace fact", "(fact 2)", ",untrace fact", "(fact 3)"])
    traced = out[out.index("(fact 2)"):out.index("untraced")]
    assert "| (fact 1)" in traced and "| | (fact 0)" in traced and "=> 2" in traced
    assert "$1 = 2\n" in out and "$2 = 6\n" in out
    assert "(fact 2)" not in out[out.index("untraced"):]


def test_trace_keeps_multiple_values_and_reports_problems():
    out, err = drive(["(define (two) (values 1 2))", ",trace two", "(two)",
                      ",trace nothing-here", ",trace 5", ",untrace car"])
    assert "$1 = 1\n$2 = 2\n" in out and "=> 1 2" in out
    assert "not bound" in err and "not traced" in err


def test_unknown_command_suggests():
    _, err = drive([",tiem (+ 1 2)"])
    assert "unknown command" in err and ",time" in err


def test_help_lists_the_commands():
    out, _ = drive([",help"])
    for cmd in (",time", ",bt", ",doc", ",apropos", ",expand", ",disasm", ",load",
                ",trace", ",stats", ",quit"):
        assert cmd in out


def test_init_file_is_loaded(tmp_path):
    f = tmp_path / "init.scm"
    f.write_text("(define from-init 5)\n")
    out, _ = drive(["from-init"], init_file=str(f))
    assert "$1 = 5" in out


def test_init_file_errors_are_reported(tmp_path):
    f = tmp_path / "init.scm"
    f.write_text("(car '())\n")
    out, err = drive(["(+ 1 1)"], init_file=str(f))
    assert "car" in err and "$1 = 2" in out


def test_history_path(tmp_path):
    assert history_path({"ELLE_HISTORY": str(tmp_path / "h")}) == str(tmp_path / "h")
    assert history_path({"ELLE_HISTORY": ""}) is None
    got = history_path({"XDG_STATE_HOME": str(tmp_path)})
    assert got in (str(tmp_path / "elle" / "history"),) or got.endswith(".elle_history")


def test_init_path(tmp_path):
    assert init_path({"ELLE_INIT": ""}) is None
    assert init_path({"XDG_CONFIG_HOME": str(tmp_path)}) is None
    (tmp_path / "elle").mkdir()
    (tmp_path / "elle" / "init.scm").write_text("")
    assert init_path({"XDG_CONFIG_HOME": str(tmp_path)}) == str(tmp_path / "elle" / "init.scm")


@pytest.mark.parametrize("text, rest", [("(define (f x)", "x)"), ('(display "a', 'b")'),
                                        ("(let ((x 1))", "x)"), (",time (+ 1", "2)")])
def test_incomplete_entries_continue(text, rest):
    out, err = drive([text, rest, "(+ 2 2)"])
    assert " = 4\n" in out and not err


def test_an_error_leaving_a_parameterize_restores_the_parameter():
    out, _ = drive(["(define p (make-parameter 1))", "(parameterize ((p 2)) (car 1))", "(p)"])
    assert "$1 = 1\n" in out


def test_bt_of_a_deep_error_is_cut_unless_all():
    lines = ["(define (ping n) (if (= n 0) (car 0) (+ 1 (pong (- n 1)))))",
             "(define (pong n) (+ 1 (ping n)))", "(ping 300)"]
    out, _ = drive(lines + [",bt"])
    bt = out[out.index("backtrace (most"):]
    assert "more frames (,bt all" in bt and bt.count(" ping ") + bt.count(" pong ") <= 100
    out, _ = drive(lines + [",bt all"])
    assert "more frames (,bt all" not in out[out.index("backtrace (most"):]


def test_time_of_an_error_shows_no_time():
    out, err = drive([",time (car 1)"])
    assert "car" in err and "real" not in out


def test_trace_lines_start_on_a_fresh_line_and_syntax_cannot_be_traced():
    out, err = drive([',trace display', '(display 5)', ',trace when'])
    assert "(display 5)\n5\n=> " in out and "when is syntax" in err
