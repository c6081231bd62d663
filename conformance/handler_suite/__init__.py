"""The handler conformance suite: what every callback handler must survive (``--handler``)."""
