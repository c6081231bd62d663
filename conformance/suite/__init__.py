"""The conformance tests.  Collected by ``pytest --impl=MODULE``; see conformance.plugin."""
