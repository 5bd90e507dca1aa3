"""elle.config: every malformed switch value is a ConfigError naming it."""

import pytest

from elle import config


@pytest.mark.parametrize("env", [{"ELLE_JIT": "banana"}, {"ELLE_JIT": "-5"},
                                 {"ELLE_MAX_DEPTH": "abc"}, {"ELLE_MAX_DEPTH": "1e6"},
                                 {"ELLE_TIERS": "x"}, {"ELLE_TIER1_THRESHOLD": "abc"},
                                 {"ELLE_TIER1_THRESHOLD": "٣"}, {"ELLE_JIT_THRESHOLD": "abc"}])
def test_malformed_values_name_their_switch(env):
    with pytest.raises(config.ConfigError) as e:
        config.from_environ(env)
    assert next(iter(env)) in str(e.value)


def test_well_formed_values():
    cfg = config.from_environ({"ELLE_JIT": "7", "ELLE_MAX_DEPTH": "5", "ELLE_TIERS": "1",
                               "ELLE_TIER1_THRESHOLD": " 3 ", "ELLE_JIT_THRESHOLD": "0"})
    assert cfg.jit_threshold == 7 and cfg.max_depth == config.MIN_MAX_DEPTH
    assert cfg.tier1 and not cfg.jit and cfg.tier1_threshold == 3
