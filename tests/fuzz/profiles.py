"""Hypothesis settings profiles: ``ci`` (the default, derandomized) and ``fuzz`` (random seeds).

``make test`` runs the ``ci`` profile: the same examples on every machine and every run, no
example database (nothing written next to the sources), no per-example deadline (a loaded
machine must not turn a slow example into a failure). ``make fuzz`` (``tests.fuzz.run``) draws
from random seeds, far more often, and writes what it ran and found to docs/fuzzing.md.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI = "ci"
FUZZ = "fuzz"
#: Environment variable that picks another profile for a test run.
PROFILE_VARIABLE = "SHOMEI_HYPOTHESIS_PROFILE"

settings.register_profile(CI, derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile(
    FUZZ,
    derandomize=False,
    database=None,
    deadline=None,
    max_examples=100_000,
    suppress_health_check=list(HealthCheck),
)


def load_profile() -> str:
    """Load the profile the environment names (``ci`` unless told otherwise); its name."""
    name = os.environ.get(PROFILE_VARIABLE, CI)
    settings.load_profile(name)
    return name
