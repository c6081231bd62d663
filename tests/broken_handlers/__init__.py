"""Deliberately broken handlers: each one realistic bug, to prove the handler clauses can fail.

Every module here defines ``make`` (the zero-argument factory given to
``--handler=broken_handlers.<module>:make``), a docstring saying what the bug
is and why someone would write it, and ``EXPECTED_FAILURES``: the handler
clauses the bug must make fail.  ``tests/test_broken_handlers.py`` runs the
handler suite on each, restricted to those clauses, and checks that each
fails.  Most subclass the correct tracer of :mod:`tracers` and change one
method.
"""
