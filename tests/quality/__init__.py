"""Helpers for the quality gates (tests/test_quality_*.py) and scripts/bench.py, audit.py."""
