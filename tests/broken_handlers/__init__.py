"""Handlers with one deliberate, realistic bug each (see tests/test_broken_handlers.py)."""
