"""Releases: built by the core, stored whole, read as scorecards, indicators
and districts; commentary written on drafts; published once and never changed."""
