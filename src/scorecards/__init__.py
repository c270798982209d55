"""Scorecards: performance management and equality monitoring for
local-authority children's services and education."""

__version__ = "0.1.0"
