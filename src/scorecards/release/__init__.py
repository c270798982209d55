"""Releases: an immutable folder of a month's scorecards in every format."""
