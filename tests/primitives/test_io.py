"""Ports and I/O primitives (elle.primitives.io), Python side."""

import io as pyio
import sys

import pytest

from elle.datum import Char, MString, Symbol, pairs_to_list
from elle.errors import ElleError
from elle import host as elle_host
from elle.primitives import io, load_all
from elle.values import Parameter, eof, unspecified

P = load_all()


@pytest.fixture(autouse=True)
def own_console():
    """Each test runs with a Host (console ports, current-port parameters)
    of its own, so nothing an earlier test wrote, buffered or rebound can
    leak into it."""
    host = io.make_host()
    outer = elle_host.swap(host)
    yield host
    elle_host.swap(outer)


def call(name, *args):
    return P[name].fn(*args)


def fails(kind, name, *args):
    with pytest.raises(ElleError) as info:
        call(name, *args)
    assert info.value.kind == kind, info.value.payload.message
    return info.value.payload.message


def S(text):
    return MString(text)


def test_current_ports_are_parameters():
    for name in ("current-input-port", "current-output-port", "current-error-port"):
        assert type(P[name]) is Parameter
        assert type(P[name].value) is io.Port
    assert P["current-output-port"].value.__elle_repr__() == "#<port output stdout>"


def test_string_input_port_reading():
    p = call("open-input-string", S("ab\ncd\r\nlast"))
    assert call("input-port?", p) and call("textual-port?", p) and call("port?", p)
    assert not call("output-port?", p) and not call("binary-port?", p)
    assert call("peek-char", p) is Char("a")
    assert call("read-char", p) is Char("a")
    assert call("read-line", p).s == "b"
    assert call("read-line", p).s == "cd"
    assert call("char-ready?", p) is True
    assert call("read-string", 2, p).s == "la"
    assert call("read-string", 10, p).s == "st"
    assert call("read-string", 1, p) is eof
    assert call("read-string", 0, p).s == ""
    assert call("read-char", p) is eof and call("peek-char", p) is eof
    assert call("read-line", p) is eof


def test_read_datums_from_a_port():
    p = call("open-input-string", S("(1 2) foo \"s\" ; comment\n"))
    first = call("read", p)
    assert pairs_to_list(first) == [1, 2]
    assert call("read", p) is Symbol("foo")
    assert call("read", p).s == "s"
    assert call("read", p) is eof
    assert call("read-char", call("open-input-string", S(""))) is eof


def test_read_error_is_a_read_error_object():
    p = call("open-input-string", S(") oops"))
    err = fails("read-error", "read", p)
    assert err
    p = call("open-input-string", S("(1 2"))
    with pytest.raises(ElleError) as info:
        call("read", p)
    assert info.value.kind == "read-error"


def test_string_output_port():
    p = call("open-output-string")
    call("write", S("hi"), p)
    call("display", S(" there"), p)
    call("write-char", Char("!"), p)
    call("newline", p)
    call("write-string", S("abcdef"), p, 2, 4)
    call("display", 42, p)
    call("write", Char("x"), p)
    call("write-shared", [1], p)
    call("write-simple", Symbol("s"), p)
    call("display", Char("y"), p)
    assert call("get-output-string", p).s == '"hi" there!\ncd42#\\x#(1)sy'
    assert call("get-output-string", p).s.startswith('"hi"')   # repeatable


def test_bytevector_ports():
    p = call("open-input-bytevector", bytearray(b"\x01\x02\x03\x04"))
    assert call("binary-port?", p) and call("input-port?", p)
    assert call("peek-u8", p) == 1
    assert call("read-u8", p) == 1
    assert call("u8-ready?", p) is True
    assert call("read-bytevector", 2, p) == bytearray(b"\x02\x03")
    buf = bytearray(3)
    assert call("read-bytevector!", buf, p, 1) == 1
    assert buf == bytearray(b"\x00\x04\x00")
    assert call("read-u8", p) is eof and call("peek-u8", p) is eof
    assert call("read-bytevector", 5, p) is eof
    assert call("read-bytevector!", buf, p) is eof
    assert call("read-bytevector", 0, p) == bytearray()
    out = call("open-output-bytevector")
    call("write-u8", 255, out)
    call("write-bytevector", bytearray(b"abcd"), out, 1, 3)
    assert call("get-output-bytevector", out) == bytearray(b"\xffbc")


def test_wrong_kind_of_port_is_a_type_error():
    text_in = call("open-input-string", S("x"))
    bin_in = call("open-input-bytevector", bytearray())
    text_out = call("open-output-string")
    msg = fails("type-error", "read-char", bin_in)
    assert msg.startswith("read-char: expected a textual input port")
    fails("type-error", "read-u8", text_in)
    fails("type-error", "write-char", Char("a"), text_in)
    fails("type-error", "write-u8", 1, text_out)
    fails("type-error", "write", 1, 5)
    fails("type-error", "get-output-string", text_in)
    fails("type-error", "get-output-bytevector", text_out)
    fails("type-error", "close-input-port", text_out)
    fails("type-error", "close-output-port", text_in)
    fails("type-error", "close-port", 5)
    fails("type-error", "input-port-open?", text_out)


def test_bad_non_port_arguments():
    out = call("open-output-string")
    fails("type-error", "open-input-string", 5)
    fails("type-error", "open-input-bytevector", S("x"))
    fails("type-error", "write-char", S("a"), out)
    fails("type-error", "write-string", Char("a"), out)
    fails("range-error", "write-string", S("abc"), out, 2, 1)
    fails("range-error", "write-string", S("abc"), out, 0, 9)
    fails("type-error", "write-u8", 256, call("open-output-bytevector"))
    fails("type-error", "write-bytevector", [1], call("open-output-bytevector"))
    fails("type-error", "read-string", -1, call("open-input-string", S("")))
    fails("type-error", "read-bytevector", 1.5, call("open-input-bytevector", bytearray()))
    fails("type-error", "open-input-file", Symbol("f"))


def test_closed_ports():
    p = call("open-output-string")
    assert call("output-port-open?", p) is True
    call("close-port", p)
    call("close-output-port", p)                 # closing twice is harmless
    assert call("output-port-open?", p) is False
    msg = fails("error", "write-char", Char("a"), p)
    assert msg == "write-char: port is closed"
    q = call("open-input-string", S("abc"))
    call("close-input-port", q)
    assert call("input-port-open?", q) is False
    fails("error", "read-char", q)
    assert "(closed)" in q.__elle_repr__()


def test_file_ports_round_trip(tmp_path):
    name = S(str(tmp_path / "out.txt"))
    out = call("open-output-file", name)
    assert out.__elle_repr__() == f'#<port output file "{name.s}">'
    call("write-string", S("λ line one\n"), out)
    call("write", P["list"].fn(1, S("two")), out)
    call("close-port", out)
    inp = call("open-input-file", name)
    assert call("read-line", inp).s == "λ line one"
    assert pairs_to_list(call("read", inp))[0] == 1
    assert call("read", inp) is eof
    call("close-port", inp)
    bname = S(str(tmp_path / "b.bin"))
    bout = call("open-binary-output-file", bname)
    call("write-bytevector", bytearray(b"\x00\x01\xfe"), bout)
    call("flush-output-port", bout)
    call("close-port", bout)
    bin_ = call("open-binary-input-file", bname)
    assert call("read-bytevector", 10, bin_) == bytearray(b"\x00\x01\xfe")


def test_missing_file_is_a_file_error(tmp_path):
    missing = str(tmp_path / "x.txt")
    msg = fails("file-error", "open-input-file", S(missing))
    assert msg == f'open-input-file: cannot open "{missing}": No such file or directory'
    fails("file-error", "open-binary-input-file", S(missing))
    fails("file-error", "open-output-file", S(str(tmp_path / "no" / "dir.txt")))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    msg = fails("file-error", "open-input-file", S(str(bad)))
    assert "UTF-8" in msg


def console_only(monkeypatch, buf):
    """Write the console's output to `buf`."""
    monkeypatch.setattr(sys, "stdout", buf)


def test_stdout_is_buffered_until_flush(monkeypatch):
    buf = pyio.StringIO()
    console_only(monkeypatch, buf)
    call("display", S("hello"))
    call("newline")
    assert buf.getvalue() == ""                  # not a tty: still buffered
    call("flush-output-port")
    assert buf.getvalue() == "hello\n"
    call("write", S("x"))
    io.flush_all()
    assert buf.getvalue() == 'hello\n"x"'


def test_large_output_is_flushed_without_asking(monkeypatch):
    buf = pyio.StringIO()
    console_only(monkeypatch, buf)
    call("display", S("y" * (io._BUFFER_LIMIT + 1)))
    assert len(buf.getvalue()) == io._BUFFER_LIMIT + 1


def test_stderr_flushes_stdout_first(monkeypatch):
    log = []

    class Recorder:
        def __init__(self, tag):
            self.tag = tag

        def write(self, text):
            log.append((self.tag, text))

        def flush(self):
            pass

        def isatty(self):
            return False

    monkeypatch.setattr(sys, "stdout", Recorder("out"))
    monkeypatch.setattr(sys, "stderr", Recorder("err"))
    call("display", S("first"))
    call("display", S("second"), elle_host.active().stderr)
    assert log == [("out", "first"), ("err", "second")]


def test_stdin_reads_line_by_line(monkeypatch):
    monkeypatch.setattr(sys, "stdin", pyio.StringIO("(a\n b) 12\nrest of line\n"))
    stdin = io.Port(True, False, "console", "stdin")
    stdin.refill = io._read_stdin_line
    datum = call("read", stdin)
    assert [s.name for s in pairs_to_list(datum)] == ["a", "b"]
    assert call("read", stdin) == 12
    assert call("read-line", stdin).s == ""
    assert call("read-line", stdin).s == "rest of line"
    assert call("read-char", stdin) is eof
    assert call("read", stdin) is eof


def test_eof_object():
    assert call("eof-object") is eof
    assert call("eof-object?", eof) is True and call("eof-object?", False) is False
    assert call("write", 1, call("open-output-string")) is unspecified
