"""Fixtures for check tests; the data and builders live in checkkit.py."""

from __future__ import annotations

import pytest
from checkkit import SPEC

from mccheck.context import Policy
from mccheck.engine import check_documents
from mccheck.spec.loader import validate_data
from mccheck.spec.records import Credential


@pytest.fixture
def spec() -> Credential:
    return validate_data(SPEC, "checkkit.SPEC")


@pytest.fixture
def run(spec):
    def _run(*documents, only=(), **options):
        opts = Policy(only=frozenset(only), **options)
        return check_documents(list(documents), spec, opts)

    return _run
