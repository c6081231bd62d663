"""Bindings applying fixes proposed upstream for contested behaviours; the suite must pass them."""
