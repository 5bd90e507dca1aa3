"""Process, environment and time primitives (elle.primitives.system)."""

import pytest

from elle.datum import MString, Pair, Symbol, pairs_to_list
from elle.errors import ElleError, ElleExit
from elle import host as elle_host
from elle.primitives import io, load_all

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def test_command_line_is_the_active_hosts():
    host = io.make_host(["prog.scm", "a", "b"])
    outer = elle_host.swap(host)
    try:
        assert [s.s for s in pairs_to_list(call("command-line"))] == ["prog.scm", "a", "b"]
    finally:
        elle_host.swap(outer)
    assert [s.s for s in pairs_to_list(call("command-line"))] == ["elle"]


def test_environment_variables(monkeypatch):
    monkeypatch.setenv("ELLE_TEST_VAR", "hello")
    assert call("get-environment-variable", MString("ELLE_TEST_VAR")).s == "hello"
    assert call("get-environment-variable", MString("ELLE_SURELY_UNSET_123")) is False
    pairs = pairs_to_list(call("get-environment-variables"))
    assert any(type(p) is Pair and p.car.s == "ELLE_TEST_VAR" and p.cdr.s == "hello"
               for p in pairs)
    with pytest.raises(ElleError) as info:
        call("get-environment-variable", Symbol("HOME"))
    assert info.value.kind == "type-error"


def test_files(tmp_path):
    f = tmp_path / "x.txt"
    name = MString(str(f))
    assert call("file-exists?", name) is False
    f.write_text("hi")
    assert call("file-exists?", name) is True
    call("delete-file", name)
    assert not f.exists()
    with pytest.raises(ElleError) as info:
        call("delete-file", name)
    assert info.value.kind == "file-error"
    assert info.value.payload.message.startswith("delete-file: cannot delete")
    with pytest.raises(ElleError) as info:
        call("file-exists?", 5)
    assert info.value.kind == "type-error"


@pytest.mark.parametrize("args, code", [((), 0), ((True,), 0), ((False,), 1),
                                        ((3,), 3), ((Symbol("x"),), 1)])
def test_exit_codes(args, code):
    with pytest.raises(ElleExit) as info:
        call("exit", *args)
    assert info.value.code == code and not info.value.emergency
    with pytest.raises(ElleExit) as info:
        call("emergency-exit", *args)
    assert info.value.code == code and info.value.emergency


def test_features_and_time():
    feats = pairs_to_list(call("features"))
    for f in ("r7rs", "exact-closed", "ratios", "full-unicode", "elle"):
        assert Symbol(f) in feats
    t = call("current-second")
    assert isinstance(t, float) and t > 1.5e9
    j1 = call("current-jiffy")
    j2 = call("current-jiffy")
    assert type(j1) is int and j2 >= j1
    assert call("jiffies-per-second") == 1_000_000
