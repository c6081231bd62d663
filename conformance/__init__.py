"""Conformance suite for implementations of the LangChain callbacks API."""

from __future__ import annotations

__version__ = "0.1.0"
