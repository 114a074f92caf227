"""Chromium, WebKit and Gecko driven alike for the cross-engine reader checks."""
