"""The on-disk cache of compiled machine code, shared by later processes.

**Owns:** `ObjectCache` -- where the cache lives (`ELLE_JIT_CACHE`: unset
means `$XDG_CACHE_HOME/elle/jit` or `~/.cache/elle/jit`; "off", "0" or ""
disables it; anything else is the directory), the key of a compilation
and reading / writing object files. **Does not touch:** LLVM (`jit.llvm`
loads what this returns), what the code means.

Why: compiling a function costs ~9 ms (two thirds of it LLVM's code
generator); loading its object file costs ~0.2 ms. A program run again
compiles the same functions to the same IR, so the second run only lowers
them (to know the IR) and loads the machine code.

Soundness: the key is a SHA-256 of the IR text and of everything else the
machine code depends on (`fingerprint`: llvmlite/LLVM, Python and Elle
versions, CPU name and features, code model, pipeline). The IR is the same
in every process because it names Python objects and per-batch data by
symbol, never by address (`jit.bridge`), and batch names derive from the
key. A file holds the SHA-256 of its payload before the payload; a file
that does not match is ignored (and replaced), never loaded. Writes go to a
temporary file renamed into place, so readers never see half a file.
Any I/O error disables the cache for the process; it never fails a
compilation. At most MAX_FILES files: past that, the oldest are removed.
"""

from __future__ import annotations

import os

try:        # CPython's own SHA-256: importing hashlib loads OpenSSL (~5 ms of the first compilation)
    from _sha256 import sha256
except ImportError:     # pragma: no cover - another Python
    from hashlib import sha256

MAX_FILES = 4000
FORMAT = "elle-jit-object-1"


def cache_directory(setting: str | None) -> str | None:
    """The directory for an `ELLE_JIT_CACHE` value (None: disabled)."""
    if setting is not None:
        s = setting.strip()
        if s.lower() in ("", "0", "off", "no", "false"):
            return None
        return os.path.expanduser(s)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "elle", "jit")


class ObjectCache:
    def __init__(self, directory: str | None, fingerprint: str, log=None):
        self.directory = directory
        self.fingerprint = fingerprint
        self.log = log or (lambda msg: None)
        self.stores = 0         # trims every 64th store

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def key(self, ir_text: str) -> str:
        h = sha256()
        h.update(FORMAT.encode())
        h.update(self.fingerprint.encode())
        h.update(ir_text.encode())
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key + ".o")

    def load(self, key: str) -> bytes | None:
        if not self.enabled:
            return None
        try:
            with open(self._path(key), "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return None
        except OSError as e:
            return self._disable(e)
        digest, payload = data[:32], data[32:]
        if len(digest) != 32 or sha256(payload).digest() != digest:
            self.log(f"code cache: ignoring damaged {self._path(key)}")
            return None
        return payload

    def store(self, key: str, payload: bytes) -> None:
        if not self.enabled:
            return
        try:
            import tempfile         # (here: most runs never store anything)
            os.makedirs(self.directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(sha256(payload).digest())
                    f.write(payload)
                os.replace(tmp, self._path(key))
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            self.stores += 1
            if self.stores % 64 == 1:
                self._trim()
        except OSError as e:
            self._disable(e)

    def _trim(self) -> None:
        """Remove the oldest object files while there are more than MAX_FILES."""
        names = [n for n in os.listdir(self.directory) if n.endswith(".o")]
        if len(names) <= MAX_FILES:
            return
        paths = [os.path.join(self.directory, n) for n in names]
        paths.sort(key=lambda p: os.stat(p).st_mtime)
        for p in paths[:len(paths) - MAX_FILES]:
            try:
                os.unlink(p)
            except OSError:
                pass

    def _disable(self, error: OSError):
        self.log(f"code cache disabled: {error}")
        self.directory = None
        return None
