"""Conformance suite for implementations of the LangChain callbacks API."""

from __future__ import annotations
