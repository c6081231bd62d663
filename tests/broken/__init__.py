"""Deliberately broken bindings: each one realistic bug, to prove clauses can fail.

Every module here is a complete binding (``from reference import *``) with
one bug put in, and declares which clauses the bug must make fail::

    EXPECTED_FAILURES = ("ORDER-01",)

``tests/test_broken_bindings.py`` runs the suite against each module in a
fresh interpreter (``pytest --impl=broken.NAME --clause=...``) and checks
that every listed clause fails; it also checks that every clause of the
catalogue is listed by at least one module.  The kit's own test process never
imports these modules: some of them patch the reference in place, which is
only safe in a process of their own.

A bug inside a reference function is written as an edit of the function's
source (``_mutation.edited``): the module then shows the bug as the text
before and after, and cannot drift from the reference it breaks.

Write a bug someone could plausibly ship (an off-by-one, a shared container,
a forgotten case, a wrong default), keep the module short, and say in its
docstring what the bug is and why it is realistic.
"""
