"""The handler conformance suite, collected when ``pytest --handler=MODULE:CALLABLE`` is given."""
