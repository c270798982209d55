"""Settings for the web tests: production settings with a test key, a
throwaway data folder and a fast password hasher (argon2 is tested on its own)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SCORECARDS_SECRET_KEY", "tests-only-secret-key-abcdefghijklmnopqrstuvwxyz-0123456789")
os.environ.setdefault(
    "SCORECARDS_DATA_DIR", os.path.join(tempfile.gettempdir(), f"scorecards-web-tests-{os.getpid()}")
)
os.environ.setdefault("SCORECARDS_ENV", "production")

from scorecards.web.settings import *  # noqa: F403
from scorecards.web.settings import PASSWORD_HASHERS

PRODUCTION_PASSWORD_HASHERS = PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
