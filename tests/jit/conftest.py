"""tests/jit tests tier 2 (native code) on its own: tier 1 is off here, so a
small function is compiled natively however little it does (with tier 1 on,
the coordinator leaves such leaves to tier 1: see `not_worth_entering`).
The tiers together are tested in tests/tier1/test_tiers_together.py."""

import pytest


@pytest.fixture(autouse=True)
def _tier2_alone(monkeypatch):
    monkeypatch.setenv("ELLE_TIERS", "2")
