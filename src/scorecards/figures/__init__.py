"""Figures: the values given and computed, derived, disclosure-controlled and fetched as results."""
