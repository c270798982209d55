"""The early-help case CSV."""
