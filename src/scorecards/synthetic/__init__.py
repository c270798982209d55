"""Synthetic data: a seeded, deterministic population written in the real
statutory formats (SSDA903, CIN census XML, school census) and Scorecards'
record layouts (pupil-level and early-help CSV), for a fictional county or
a national-scale population. See `generate.generate`."""
