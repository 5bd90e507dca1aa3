"""Ports and input/output (R7RS 6.13).

**Owns:** the `Port` value (input or output, textual or binary; string,
bytevector, file and console ports), making a set of console ports
(`console_ports`, one per `elle.host.Host`, so each interpreter has its
own), every port primitive, output buffering, `flush_host()` and
`flush_all()`. The three current-port parameters are the active Host's
(`current-input-port`, `current-output-port`, `current-error-port` are
`values.Parameter` objects the Interpreter binds as globals of those names,
so `parameterize` over them works); the entries in the shared primitive
table are the process default Host's, for primitives called outside any
interpreter. **Does not touch:** the syntax of data (`elle.reader`,
imported lazily; `elle.printer`, whose atom table `display` uses for
atoms directly), procedures that call procedures
(`call-with-port`, `with-output-to-file`, ...: `prelude/40-hashtables-io.scm`).

Input ports hold their text (or bytes) and a position. String, bytevector
and file ports load everything when opened; the console input port reads
standard input a line at a time (`refill`), so an interactive program sees
each line as it is typed. `read` hands the port's remaining text to
`elle.reader.Reader(text, name, start=pos)` and advances by `.pos`.

Output buffering: the console output port collects text and writes it to
`sys.stdout` (looked up at write time, so redirection works) when the
buffer passes `_BUFFER_LIMIT` characters, at a newline when stdout is a
terminal, on `flush-output-port`, before standard input is read, before
anything is written to the error port (so the two streams stay in order),
and at exit (`flush_all`, registered with `atexit`; `Interpreter.flush()`
-- which `Interpreter.eval` and `call` do on return -- flushes its own Host's
console with `flush_host`). File output goes through Python's own
file buffering and is flushed by `flush_all` and on close.

Errors: a file that cannot be opened is a "file-error"
(`open-input-file: cannot open "x.txt": No such file or directory`); using
a closed port is an "error"; a port of the wrong kind is a "type-error".
"""

from __future__ import annotations

import atexit
import sys
import weakref

from .. import host as host_mod
from .. import sandbox
from ..datum import Char, MString
from ..printer import (DISPLAY_ATOMS, display_string, write_shared_string,
                       write_simple_string)
from ..printer import write_string as write_text
from ..errors import raise_error, type_error
from ..values import Parameter, eof, unspecified
from .arguments import (check_bytevector, check_char, check_byte, check_index,
                        check_range, check_string)
from . import PRIMITIVES, primitive

_BUFFER_LIMIT = 8192


class Port:
    """An Elle port. `kind` is "string", "bytevector", "file" or "console"."""

    __slots__ = ("is_input", "binary", "kind", "name", "closed",
                 "data", "pos", "refill",            # input side
                 "chunks", "file", "console", "size",  # output side
                 "text_out",     # an open textual output port (the fast check)
                 "__weakref__")

    def __init__(self, is_input: bool, binary: bool, kind: str, name: str):
        self.is_input = is_input
        self.binary = binary
        self.kind = kind
        self.name = name
        self.closed = False
        self.data = b"" if binary else ""
        self.pos = 0
        self.refill = None
        self.chunks = None
        self.file = None
        self.console = None
        self.size = 0
        self.text_out = not is_input and not binary

    def __elle_repr__(self) -> str:
        parts = ["input" if self.is_input else "output"]
        if self.binary:
            parts.insert(0, "binary")
        parts.append(f'file "{self.name}"' if self.kind == "file" else self.name)
        if self.closed:
            parts.append("(closed)")
        return "#<port " + " ".join(parts) + ">"

    __repr__ = __elle_repr__

    # -- input -------------------------------------------------------------

    def fill(self) -> bool:
        """Read more input (console only); False at end of input."""
        if self.refill is None:
            return False
        more = self.refill()
        if not more:
            self.refill = None      # end of input: never ask again
            return False
        if self.pos:
            self.data = self.data[self.pos:]
            self.pos = 0
        self.data += more
        return True

    def available(self, n: int) -> int:
        """Make up to `n` items available from `pos`; return how many are."""
        while len(self.data) - self.pos < n and self.fill():
            pass
        return min(n, len(self.data) - self.pos)

    def take(self, n: int):
        """Consume and return up to `n` items (empty at end of input)."""
        n = self.available(n)
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def read_line(self):
        while True:
            nl = self.data.find("\n", self.pos)
            if nl >= 0 or not self.fill():
                break
        if nl < 0:
            if self.pos >= len(self.data):
                return eof
            line, self.pos = self.data[self.pos:], len(self.data)
        else:
            line, self.pos = self.data[self.pos:nl], nl + 1
        if line.endswith("\r"):
            line = line[:-1]
        return MString(line)

    # -- output ------------------------------------------------------------

    def write(self, text) -> None:
        """Write a str (textual) or bytes (binary) to this output port."""
        if self.console == "stdout":
            self.chunks.append(text)
            self.size += len(text)
            if self.size > _BUFFER_LIMIT or ("\n" in text and (
                    _tty_cache[1] if sys.stdout is _tty_cache[0] else _stdout_is_tty())):
                self.flush()
        elif self.console == "stderr":
            host_mod.active().stdout.flush()
            stream = sys.stderr
            stream.write(text)
            stream.flush()
        elif self.file is not None:
            self.file.write(text)
        elif self.binary:
            self.chunks.extend(text)
        else:
            self.chunks.append(text)

    def flush(self) -> None:
        if self.console == "stdout":
            if self.chunks:
                text = "".join(self.chunks)
                self.chunks.clear()
                self.size = 0
                stream = sys.stdout
                stream.write(text)
                stream.flush()
        elif self.file is not None and not self.closed:
            self.file.flush()

    def close(self) -> None:
        if self.closed:
            return
        if not self.is_input:
            self.flush()
        if self.file is not None:
            self.file.close()
        self.closed = True
        self.text_out = False


_tty_cache: list = [None, False]


def _stdout_is_tty() -> bool:
    stream = sys.stdout
    if _tty_cache[0] is not stream:
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        _tty_cache[0], _tty_cache[1] = stream, tty
    return _tty_cache[1]


def _read_stdin_line() -> str:
    host_mod.active().stdout.flush()
    try:
        return sys.stdin.readline()
    except (OSError, ValueError):
        return ""


def _console_input() -> Port:
    port = Port(True, False, "console", "stdin")
    port.refill = _read_stdin_line
    return port


def _console_output(which: str) -> Port:
    port = Port(False, False, "console", which)
    port.console = which
    port.chunks = []
    return port


def console_ports() -> tuple[Port, Port, Port]:
    """A fresh (stdin, stdout, stderr) console for one Host: its own output
    buffer, reading and writing the process's sys.stdin / stdout / stderr."""
    return _console_input(), _console_output("stdout"), _console_output("stderr")


def make_host(argv=("elle",)) -> host_mod.Host:
    """A Host with a fresh console and command line `argv`."""
    return host_mod.Host(argv, console_ports())


_DEFAULT_HOST = make_host()
host_mod.set_default(_DEFAULT_HOST)
PRIMITIVES["current-input-port"] = _DEFAULT_HOST.input
PRIMITIVES["current-output-port"] = _DEFAULT_HOST.output
PRIMITIVES["current-error-port"] = _DEFAULT_HOST.error

_open_files: "weakref.WeakSet[Port]" = weakref.WeakSet()


def flush_host(host: host_mod.Host) -> None:
    """Flush `host`'s console output buffer and every open file port."""
    try:
        host.stdout.flush()
    except (OSError, ValueError):
        pass
    _flush_files()


def flush_all() -> None:
    """Flush every Host's console output buffer and every open file port."""
    for host in list(host_mod.HOSTS):
        try:
            host.stdout.flush()
        except (OSError, ValueError):
            pass
    _flush_files()


def _flush_files() -> None:
    for port in list(_open_files):
        try:
            port.flush()
        except (OSError, ValueError):
            pass


atexit.register(flush_all)


# -- argument checks ---------------------------------------------------------

def _port_arg(who: str, port, param: Parameter, is_input: bool, binary, pos) -> Port:
    """The port to use: `port`, or the current one when omitted; checked."""
    if port is None:
        port = param.value
    if type(port) is not Port or port.is_input != is_input or \
            (binary is not None and port.binary != binary):
        what = {None: "an", True: "a binary", False: "a textual"}[binary]
        type_error(who, f"{what} {'input' if is_input else 'output'} port", port, pos)
    if port.closed:
        raise_error("error", f"{who}: port is closed", port)
    return port


def _in(who, port, pos, binary=False) -> Port:
    return _port_arg(who, port, host_mod.active().input, True, binary, pos)


def _out(who, port, pos, binary=False) -> Port:
    return _port_arg(who, port, host_mod.active().output, False, binary, pos)


# The thread-local that `host.active()` reads, read here directly: the
# current output port is looked up on every display/write/newline, and
# during a run the attribute is always set (else `active()` answers).
_active_host = host_mod._thread


def text_output_port(who, port, pos) -> Port:
    """`port` (None: the current output port) checked to be an open
    textual output port, in one test when it is: `_out` for text, also
    used by `format`, `pretty-print`, `trace` and `time`."""
    if port is None:
        try:
            port = _active_host.host.output.value
        except AttributeError:
            port = host_mod.active().output.value
    if type(port) is Port and port.text_out:
        return port
    return _port_arg(who, port, host_mod.active().output, False, False, pos)


def _check_port(who: str, x) -> Port:
    if type(x) is Port:
        return x
    type_error(who, "a port", x, 1)


# -- opening ports ------------------------------------------------------------

@primitive("open-input-string", 1)
def open_input_string(s):
    port = Port(True, False, "string", "string")
    port.data = check_string("open-input-string", s, 1).s
    return port


@primitive("open-output-string", 0)
def open_output_string():
    port = Port(False, False, "string", "string")
    port.chunks = []
    return port


@primitive("get-output-string", 1)
def get_output_string(port):
    if type(port) is not Port or port.is_input or port.binary or port.kind != "string":
        type_error("get-output-string", "a string output port", port, 1)
    text = "".join(port.chunks)
    port.chunks = [text]
    return MString(text)


@primitive("open-input-bytevector", 1)
def open_input_bytevector(bv):
    port = Port(True, True, "bytevector", "bytevector")
    port.data = bytes(check_bytevector("open-input-bytevector", bv, 1))
    return port


@primitive("open-output-bytevector", 0)
def open_output_bytevector():
    port = Port(False, True, "bytevector", "bytevector")
    port.chunks = bytearray()
    return port


@primitive("get-output-bytevector", 1)
def get_output_bytevector(port):
    if type(port) is not Port or port.is_input or port.kind != "bytevector":
        type_error("get-output-bytevector", "a bytevector output port", port, 1)
    return bytearray(port.chunks)


def _open_error(who: str, name: str, e: Exception):
    if isinstance(e, UnicodeDecodeError):
        reason = "not valid UTF-8 text"
    else:
        reason = getattr(e, "strerror", None) or str(e)
    raise_error("file-error", f'{who}: cannot open "{name}": {reason}')


def _open_input(who: str, filename, binary: bool) -> Port:
    sandbox.check(who)
    name = check_string(who, filename, 1).s
    try:
        if binary:
            with open(name, "rb") as f:
                data = f.read()
        else:
            with open(name, encoding="utf-8", newline="") as f:
                data = f.read()
    except (OSError, UnicodeDecodeError) as e:
        _open_error(who, name, e)
    port = Port(True, binary, "file", name)
    port.data = data
    return port


def _open_output(who: str, filename, binary: bool) -> Port:
    sandbox.check(who)
    name = check_string(who, filename, 1).s
    try:
        f = open(name, "wb") if binary else open(name, "w", encoding="utf-8", newline="")
    except OSError as e:
        _open_error(who, name, e)
    port = Port(False, binary, "file", name)
    port.file = f
    _open_files.add(port)
    return port


@primitive("open-input-file", 1)
def open_input_file(filename):
    return _open_input("open-input-file", filename, False)


@primitive("open-binary-input-file", 1)
def open_binary_input_file(filename):
    return _open_input("open-binary-input-file", filename, True)


@primitive("open-output-file", 1)
def open_output_file(filename):
    return _open_output("open-output-file", filename, False)


@primitive("open-binary-output-file", 1)
def open_binary_output_file(filename):
    return _open_output("open-binary-output-file", filename, True)


# -- closing and predicates ----------------------------------------------------

@primitive("close-port", 1)
def close_port(port):
    _check_port("close-port", port).close()
    return unspecified


@primitive("close-input-port", 1)
def close_input_port(port):
    if type(port) is not Port or not port.is_input:
        type_error("close-input-port", "an input port", port, 1)
    port.close()
    return unspecified


@primitive("close-output-port", 1)
def close_output_port(port):
    if type(port) is not Port or port.is_input:
        type_error("close-output-port", "an output port", port, 1)
    port.close()
    return unspecified


@primitive("port?", 1, pure=True)
def is_port(x):
    return type(x) is Port


@primitive("input-port?", 1, pure=True)
def is_input_port(x):
    return type(x) is Port and x.is_input


@primitive("output-port?", 1, pure=True)
def is_output_port(x):
    return type(x) is Port and not x.is_input


@primitive("textual-port?", 1, pure=True)
def is_textual_port(x):
    return type(x) is Port and not x.binary


@primitive("binary-port?", 1, pure=True)
def is_binary_port(x):
    return type(x) is Port and x.binary


@primitive("input-port-open?", 1)
def is_input_port_open(port):
    if type(port) is not Port or not port.is_input:
        type_error("input-port-open?", "an input port", port, 1)
    return not port.closed


@primitive("output-port-open?", 1)
def is_output_port_open(port):
    if type(port) is not Port or port.is_input:
        type_error("output-port-open?", "an output port", port, 1)
    return not port.closed


@primitive("eof-object", 0, pure=True)
def eof_object():
    return eof


@primitive("eof-object?", 1, pure=True)
def is_eof_object(x):
    return x is eof


# -- textual input --------------------------------------------------------------

@primitive("read-char", 0, 1)
def read_char(port=None):
    c = _in("read-char", port, 1).take(1)
    return Char(c) if c else eof


@primitive("peek-char", 0, 1)
def peek_char(port=None):
    p = _in("peek-char", port, 1)
    return Char(p.data[p.pos]) if p.available(1) else eof


@primitive("read-line", 0, 1)
def read_line(port=None):
    return _in("read-line", port, 1).read_line()


@primitive("read-string", 1, 2)
def read_string(k, port=None):
    check_index("read-string", k, 1)
    p = _in("read-string", port, 2)
    if k == 0:
        return MString("")
    text = p.take(k)
    return MString(text) if text else eof


@primitive("char-ready?", 0, 1)
def is_char_ready(port=None):
    return _ready(_in("char-ready?", port, 1))


def _ready(p: Port) -> bool:
    if p.pos < len(p.data) or p.refill is None:
        return True
    try:
        import select
        readable, _, _ = select.select([sys.stdin], [], [], 0)
        return bool(readable)
    except (OSError, ValueError, TypeError, AttributeError, ImportError):
        return True


@primitive("read", 0, 1)
def read(port=None):
    """The next datum; a syntax error is raised as a read-error object."""
    from ..reader import IncompleteInput, Reader
    p = _in("read", port, 1)
    while True:
        reader = Reader(p.data, p.name, start=p.pos)
        try:
            datum = reader.read()
        except IncompleteInput:
            if p.fill():
                continue
            raise
        if datum is eof and p.fill():
            continue
        p.pos = reader.pos
        return datum


# -- binary input -----------------------------------------------------------------

@primitive("read-u8", 0, 1)
def read_u8(port=None):
    b = _in("read-u8", port, 1, binary=True).take(1)
    return b[0] if b else eof


@primitive("peek-u8", 0, 1)
def peek_u8(port=None):
    p = _in("peek-u8", port, 1, binary=True)
    return p.data[p.pos] if p.pos < len(p.data) else eof


@primitive("u8-ready?", 0, 1)
def is_u8_ready(port=None):
    _in("u8-ready?", port, 1, binary=True)
    return True


@primitive("read-bytevector", 1, 2)
def read_bytevector(k, port=None):
    check_index("read-bytevector", k, 1)
    p = _in("read-bytevector", port, 2, binary=True)
    if k == 0:
        return bytearray()
    data = p.take(k)
    return bytearray(data) if data else eof


@primitive("read-bytevector!", 1, 4)
def read_bytevector_into(bv, port=None, start=None, end=None):
    who = "read-bytevector!"
    check_bytevector(who, bv, 1)
    p = _in(who, port, 2, binary=True)
    start, end = check_range(who, len(bv), start, end, 3, "bytevector")
    if start == end:
        return 0
    data = p.take(end - start)
    if not data:
        return eof
    bv[start:start + len(data)] = data
    return len(data)


# -- output ----------------------------------------------------------------------------

@primitive("write", 1, 2)
def write(x, port=None):
    # display, write and newline inline text_output_port's common case (the current
    # output port, open and textual): one Python call less per call.
    if port is None:
        try:
            port = _active_host.host.output.value
        except AttributeError:
            port = host_mod.active().output.value
    if type(port) is not Port or not port.text_out:
        port = text_output_port("write", port, 2)
    port.write(write_text(x))
    return unspecified


@primitive("write-shared", 1, 2)
def write_shared(x, port=None):
    text_output_port("write-shared", port, 2).write(write_shared_string(x))
    return unspecified


@primitive("write-simple", 1, 2)
def write_simple(x, port=None):
    text_output_port("write-simple", port, 2).write(write_simple_string(x))
    return unspecified


@primitive("display", 1, 2)
def display(x, port=None):
    if port is None:
        try:
            port = _active_host.host.output.value
        except AttributeError:
            port = host_mod.active().output.value
    if type(port) is not Port or not port.text_out:
        port = text_output_port("display", port, 2)
    f = DISPLAY_ATOMS.get(type(x))
    port.write(f(x) if f is not None else display_string(x))
    return unspecified


@primitive("newline", 0, 1)
def newline(port=None):
    if port is None:
        try:
            port = _active_host.host.output.value
        except AttributeError:
            port = host_mod.active().output.value
    if type(port) is not Port or not port.text_out:
        port = text_output_port("newline", port, 1)
    port.write("\n")
    return unspecified


@primitive("write-char", 1, 2)
def write_char(c, port=None):
    check_char("write-char", c, 1)
    text_output_port("write-char", port, 2).write(c.ch)
    return unspecified


@primitive("write-string", 1, 4)
def write_string(s, port=None, start=None, end=None):
    who = "write-string"
    text = check_string(who, s, 1).s
    p = text_output_port(who, port, 2)
    if start is None and end is None:
        p.write(text)
    else:
        start, end = check_range(who, len(text), start, end, 3)
        p.write(text[start:end])
    return unspecified


@primitive("write-u8", 1, 2)
def write_u8(b, port=None):
    check_byte("write-u8", b, 1)
    _out("write-u8", port, 2, binary=True).write(bytes((b,)))
    return unspecified


@primitive("write-bytevector", 1, 4)
def write_bytevector(bv, port=None, start=None, end=None):
    who = "write-bytevector"
    check_bytevector(who, bv, 1)
    p = _out(who, port, 2, binary=True)
    start, end = check_range(who, len(bv), start, end, 3, "bytevector")
    p.write(bytes(bv[start:end]))
    return unspecified


@primitive("flush-output-port", 0, 1)
def flush_output_port(port=None):
    _out("flush-output-port", port, 1, binary=None).flush()
    return unspecified
