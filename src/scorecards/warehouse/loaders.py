"""The registry of loaders, by the KIND the command line names.

Each kind's module is imported only when used, so one format's parser
never slows another's start-up.
"""

from __future__ import annotations

import importlib

from scorecards.errors import ScorecardsError
from scorecards.warehouse.loading import Loader

LOADERS = {
    "ssda903": "scorecards.warehouse.ssda903",
    "cin-census": "scorecards.warehouse.cin_census",
    "annex-a": "scorecards.warehouse.annex_a",
    "school-census": "scorecards.warehouse.school_census",
    "pupils": "scorecards.warehouse.pupils",
    "early-help": "scorecards.warehouse.early_help",
    "national": "scorecards.warehouse.national",
}


def loader_for(kind: str) -> Loader:
    """The loader for `kind` (each module exposes `LOADER`)."""
    if kind not in LOADERS:
        raise ScorecardsError(f"unknown kind {kind!r}: choose one of {', '.join(LOADERS)}")
    module = importlib.import_module(LOADERS[kind])
    loader: Loader = module.LOADER
    return loader
