"""The on-disk code cache (jit.objcache): a second process loads the machine
code the first one compiled, with the same results; damaged or foreign
files are never loaded; the cache can be turned off."""

import os
import subprocess
import sys

import pytest

pytest.importorskip("llvmlite")

from elle.jit.objcache import ObjectCache, cache_directory

PROGRAM = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (fsum n) (let loop ((i 0) (x 0.0) (acc 0.0))
  (if (= i n) acc (loop (+ i 1) (+ x 1.0) (+ acc (/ 1.0 (+ (* x x) 1.0)))))))
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(display (list (fib 25) (fsum 1000) (fact 25) (fact 10)))
(newline)
(display (jit-stats))
"""


def run(tmp_path, cache):
    prog = tmp_path / "p.scm"
    prog.write_text(PROGRAM)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
    env["ELLE_JIT_CACHE"] = cache
    p = subprocess.run([sys.executable, "-m", "elle", "--jit=2", str(prog)],
                       capture_output=True, text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr
    result, stats = p.stdout.split("\n", 1)
    return result, stats


def stat(stats, name):
    return int(stats.split(f"({name} . ")[1].split(")")[0])


def test_second_process_loads_the_cached_code(tmp_path):
    cache = tmp_path / "cache"
    first, s1 = run(tmp_path, str(cache))
    assert stat(s1, "cache-hits") == 0 and stat(s1, "compiled") >= 3
    files = os.listdir(cache)
    assert len([f for f in files if f.endswith(".o")]) == stat(s1, "compiled")
    second, s2 = run(tmp_path, str(cache))
    assert second == first
    assert stat(s2, "cache-hits") == stat(s2, "compiled") == stat(s1, "compiled")
    assert stat(s2, "bailouts") == stat(s1, "bailouts")
    off, s3 = run(tmp_path, "off")
    assert off == first and stat(s3, "cache-hits") == 0


def test_damaged_file_is_ignored_and_replaced(tmp_path):
    cache = tmp_path / "cache"
    first, _ = run(tmp_path, str(cache))
    for f in os.listdir(cache):
        data = (cache / f).read_bytes()
        (cache / f).write_bytes(data[:40] + b"\0" * 16 + data[56:])
    second, s2 = run(tmp_path, str(cache))
    assert second == first
    assert stat(s2, "cache-hits") == 0
    third, s3 = run(tmp_path, str(cache))
    assert third == first and stat(s3, "cache-hits") == stat(s3, "compiled")


def test_object_cache_unit(tmp_path):
    c = ObjectCache(str(tmp_path / "c"), "fp")
    k = c.key("define void @f() { ret void }")
    assert k != ObjectCache(str(tmp_path / "c"), "other").key("define void @f() { ret void }")
    assert c.load(k) is None
    c.store(k, b"payload")
    assert c.load(k) == b"payload"
    (tmp_path / "c" / (k + ".o")).write_bytes(b"short")
    assert c.load(k) is None


def test_cache_directory_setting(monkeypatch):
    assert cache_directory("off") is None and cache_directory("0") is None
    assert cache_directory("/x/y") == "/x/y"
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_directory(None) == "/xdg/elle/jit"


def test_unwritable_directory_disables_the_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result, stats = run(tmp_path, str(blocker / "sub"))
    assert result.startswith("(75025 ")
    assert stat(stats, "cache-hits") == 0
