"""Helpers for tests/test_hostile.py: the generated hostile-input set."""
