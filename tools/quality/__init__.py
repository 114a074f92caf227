"""Helpers for the quality gates (tests/test_quality_*.py) and tools/bench.py, audit.py."""
