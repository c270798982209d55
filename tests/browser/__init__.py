"""Tests that drive Debian's chromium through Playwright (`pytest -m browser`)."""
