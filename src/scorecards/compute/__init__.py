"""Computed indicators: from warehouse records to observations, set-based."""
