"""Fixtures for the expander tests (helpers live in expander_session.py)."""

import pytest

from expander_session import Session


@pytest.fixture
def s():
    return Session()
