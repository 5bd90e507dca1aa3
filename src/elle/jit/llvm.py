"""The LLVM backend: the only module that imports llvmlite.binding.

**Owns:** llvmlite initialisation (native target + asm printer), the one
target machine and the one MCJIT engine of the process, the optimisation
pipeline, and turning LLVM IR text into machine code whose symbols can be
looked up. **Does not touch:** Elle values, the AST, code objects.

Decisions (facts from `shared/notes/llvmlite-0.50.md`, verified here):

* The small code model with position-independent code (`reloc='pic'`),
  and llvmlite's own memory manager (`use_lmm`), which reserves one
  contiguous block per object: a reference within an object (a self call,
  a constant-pool load) is a 32-bit PC-relative offset that always fits,
  and a reference to anything outside it (the C API, Python objects,
  another batch's function) goes through a GOT entry or a stub that
  RuntimeDyld puts in the same block. Functions and globals a module
  defines are `dso_local` (`jit.lower.LOCAL`), so calls to them are direct.
  The JIT default, the large code model, makes every call, even a self
  call, a `movabs` + indirect call: fib(32) native 5.9 vs 4.9 ms. (The
  small model with the *static* relocation model aborted the process: it
  emits 32-bit absolute relocations for constant-pool loads, e.g. a
  `1e300` literal, which cannot reach code above 4 GiB; found by the
  tier-agreement property test.)
* One engine for the whole process; every batch's machine code is
  generated with `emit_object` and linked in with `add_object_file` (12 KiB
  per function instead of ~750 KiB with an engine each; the same time as
  `add_module`, and the object can be stored in the on-disk cache). Objects
  are never removed, so native code lives as long as the process: an entry
  point can never outlive its code.
* Optimisation is a hand-picked pass list (`LIGHT_PASSES`) in one pass
  manager built once and reused: measured on the benchmark kernels
  (fib, tak, fsum, mandelbrot, nested, sieve) it ran as fast as or faster
  than the default O2 pipeline (fib(30) 62 vs 133 ms: O2's loop and
  vectorisation passes fight the overflow checks) while optimising in
  ~1 ms instead of 3-10 ms per function (median compile 20 -> 14 ms; the
  rest is code generation and building the IR in Python).
  `ELLE_JIT_PIPELINE=o2` selects the default O2 pipeline instead; that one
  can run only once and leaks, so it gets a fresh pass builder per run,
  disposed by hand afterwards.
* Native code stores why it bailed out in one process-wide i64,
  `BAIL_KIND_SYMBOL`, which every module declares and the backend defines
  (`add_symbol` of a ctypes cell), so functions from different modules
  can call each other.
* The Ctrl-C flag native code polls (`jit.interrupt`) is bound the same
  way.
* Every llvmlite call goes through `LOCK` (llvmlite is not re-entrant across
  threads anyway; this makes it explicit).
"""

from __future__ import annotations

import os
import threading
import time

LOCK = threading.RLock()
BAIL_KIND_SYMBOL = "elle_jit_bail_kind"   # an i64 every module declares; defined here

# Twins inlined (see jit.lower), alloca -> SSA, peephole, CFG clean-up;
# jump threading lets a bail-out status test after an inlined twin go
# straight to the bail-out; the accumulator transformation of
# tail_call_elimination turns a remaining pair of recursive calls into a loop.
LIGHT_PASSES = ("always_inliner", "sroa", "instruction_combine", "simplify_cfg", "jump_threading",
                "tail_call_elimination",
                "sroa", "instruction_combine", "simplify_cfg", "dead_code_elimination")

_backend = None

# Bump when anything here changes the machine code generated for the same
# IR (the `quick` treatment, attributes, target options): it is part of the
# on-disk cache's key (`fingerprint`).
CODEGEN_VERSION = 2
# LLVM command-line options for code generation (process-wide): loop
# strength reduction took ~0.9 of fib's ~4.6 ms of code generation and
# changed no benchmark kernel's speed measurably (jit.lower's loops index
# vectors with plain i64 arithmetic that instruction selection folds).
CODEGEN_OPTIONS = ("-disable-lsr",)
CODE_MODEL = "small"       # see the module doc
RELOC_MODEL = "pic"

def backend() -> "Backend":
    """The process-wide backend, created (and llvmlite imported) on first use."""
    global _backend
    with LOCK:
        if _backend is None:
            _backend = Backend()
        return _backend


class CompiledModule:
    """Machine code for one batch: symbol lookups plus optional text dumps."""

    __slots__ = ("ir", "asm", "opt_ms", "codegen_ms", "cached")

    def __init__(self, ir_text, asm_text, opt_ms, codegen_ms, cached=False):
        self.ir = ir_text
        self.asm = asm_text
        self.opt_ms = opt_ms
        self.codegen_ms = codegen_ms
        self.cached = cached        # loaded from the on-disk cache


class Backend:
    """Target machine + MCJIT engine + pass pipeline."""

    def __init__(self, opt_level: int = 2, pipeline: str | None = None):
        import llvmlite.binding as llvm
        self.llvm = llvm
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        for option in CODEGEN_OPTIONS:
            llvm.set_option("elle", option)
        target = llvm.Target.from_default_triple()
        self.triple = llvm.get_process_triple()
        self.tm = target.create_target_machine(
            cpu=llvm.get_host_cpu_name(),
            features=llvm.get_host_cpu_features().flatten(),
            opt=opt_level, codemodel=CODE_MODEL, reloc=RELOC_MODEL, jit=True)
        self.tm.set_asm_verbosity(False)
        self.data_layout = str(self.tm.target_data)
        self.opt_level = opt_level
        self.pipeline = pipeline or os.environ.get("ELLE_JIT_PIPELINE", "light")
        self._light_pm = None
        seed = llvm.parse_assembly("")
        seed.triple = self.triple
        self.engine = llvm.create_mcjit_compiler(seed, self.tm, use_lmm=True)
        # The process-wide cell native code stores its bail-out kind in
        # (jit.lower's BAIL_KIND_SYMBOL), shared by every module.
        import ctypes
        self._bail_kind = ctypes.c_int64(0)
        self.bail_kind_address = ctypes.addressof(self._bail_kind)
        llvm.add_symbol(BAIL_KIND_SYMBOL, self.bail_kind_address)
        from . import interrupt          # the Ctrl-C flag native code polls
        llvm.add_symbol(interrupt.INTERRUPT_SYMBOL, interrupt.address())

    def compile(self, ir_text: str, want_ir=False, want_asm=False,
                quick=(), cache=None, key=None) -> CompiledModule:
        """Parse, verify, optimise and generate machine code for `ir_text`,
        then add it to the engine.

        The functions named in `quick` are optimised like the others but
        then get machine code from the fast instruction selector (LLVM's
        per-function `optnone` code generation): for code that is mostly
        calls into the C API, such as the bridge's entry, that halves its
        share of code generation time and does not make calls slower.

        With a `cache` (`jit.objcache.ObjectCache`) and its `key` for this
        IR, machine code found there is loaded instead (unless a dump is
        wanted), and machine code generated here is stored there."""
        llvm = self.llvm
        with LOCK:
            if cache is not None and key is not None and not (want_ir or want_asm):
                obj = cache.load(key)
                if obj is not None:
                    t0 = time.perf_counter()
                    self._add_object(obj)
                    return CompiledModule(None, None, 0.0, (time.perf_counter() - t0) * 1e3,
                                          cached=True)
            mod = llvm.parse_assembly(ir_text)
            mod.triple = self.triple
            mod.data_layout = self.data_layout
            mod.verify()
            t0 = time.perf_counter()
            self._optimise(mod)
            for name in quick:
                fn = mod.get_function(name)
                fn.add_function_attribute("noinline")
                fn.add_function_attribute("optnone")
            t1 = time.perf_counter()
            opt_ir = str(mod) if want_ir else None
            asm = self.tm.emit_assembly(mod) if want_asm else None
            obj = self.tm.emit_object(mod)
            self._add_object(obj)
            t2 = time.perf_counter()
            if cache is not None and key is not None:
                cache.store(key, obj)
            return CompiledModule(opt_ir, asm, (t1 - t0) * 1e3, (t2 - t1) * 1e3)

    def _add_object(self, obj: bytes) -> None:
        """Link machine code into the engine (its symbols become addressable)."""
        self.engine.add_object_file(self.llvm.ObjectFileRef.from_data(obj))
        self.engine.finalize_object()

    def fingerprint(self) -> str:
        """What generated machine code depends on besides its IR."""
        import llvmlite
        llvm = self.llvm
        return "|".join(map(str, (
            CODEGEN_VERSION, llvmlite.__version__, llvm.llvm_version_info, self.triple,
            llvm.get_host_cpu_name(), llvm.get_host_cpu_features().flatten(), CODE_MODEL, RELOC_MODEL,
            CODEGEN_OPTIONS,
            self.pipeline, LIGHT_PASSES, self.opt_level)))

    def bind_symbols(self, symbols: dict) -> None:
        """Make each name resolve to its address in code linked from now on."""
        with LOCK:
            for name, address in symbols.items():
                self.llvm.add_symbol(name, address)

    def _optimise(self, mod) -> None:
        if self.pipeline == "light":
            return self._light(mod)
        llvm = self.llvm
        pto = llvm.create_pipeline_tuning_options(speed_level=self.opt_level)
        pb = llvm.create_pass_builder(self.tm, pto)
        mpm = pb.getModulePassManager()
        mpm.run(mod, pb)
        # The run-once pass manager leaks unless disposed by hand (see notes).
        try:
            from llvmlite.binding.newpassmanagers import NewPassManager
            NewPassManager._dispose(mpm)
            mpm.detach()
        except Exception:  # pragma: no cover - only a leak if it fails
            pass

    def _light(self, mod) -> None:
        """The hand-picked pipeline: one pass manager, built once, reused."""
        if self._light_pm is None:
            llvm = self.llvm
            pto = llvm.create_pipeline_tuning_options(speed_level=2)
            pb = llvm.create_pass_builder(self.tm, pto)
            mpm = llvm.create_new_module_pass_manager()
            for name in LIGHT_PASSES:
                getattr(mpm, f"add_{name}_pass")()
            self._light_pm = (mpm, pb)
        mpm, pb = self._light_pm
        mpm.run(mod, pb)

    def ensure_symbols(self, names) -> None:
        """Make external C functions (C API, libm) resolvable by address.

        MCJIT would otherwise search the process and, on a miss, hand out an
        address that crashes when called; an explicit table fails loudly."""
        import ctypes
        with LOCK:
            for name in names:
                if name.startswith("llvm.") or name in self._symbols:
                    continue
                addr = None
                for lib in self._libraries(ctypes):
                    try:
                        addr = ctypes.cast(getattr(lib, name), ctypes.c_void_p).value
                        break
                    except AttributeError:
                        continue
                if not addr:
                    raise LookupError(f"cannot resolve C symbol {name}")
                self.llvm.add_symbol(name, addr)
                self._symbols.add(name)

    _symbols: set = set()
    _libs = None

    def _libraries(self, ctypes):
        if self._libs is None:
            libs = [ctypes.pythonapi]
            try:        # glibc's soname; find_library runs ldconfig (~2.5 ms), its import ~6 ms
                libs.append(ctypes.CDLL("libm.so.6"))
            except OSError:
                import ctypes.util
                libm = ctypes.util.find_library("m")
                if libm:
                    libs.append(ctypes.CDLL(libm))
            libs.append(ctypes.CDLL(None))
            Backend._libs = libs
        return self._libs

    def function_address(self, name: str) -> int:
        with LOCK:
            addr = self.engine.get_function_address(name)
        if not addr:
            raise LookupError(f"JIT symbol {name} not found")
        return addr

    def global_address(self, name: str) -> int:
        with LOCK:
            addr = self.engine.get_global_value_address(name)
        if not addr:
            raise LookupError(f"JIT global {name} not found")
        return addr
