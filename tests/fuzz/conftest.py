"""Hypothesis profiles: a quick one in the default run, a long one for overnight runs
(``NEWSDESK_FUZZ=long``, set by ``scripts/test.sh --fuzz``)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "quick", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile("long" if os.environ.get("NEWSDESK_FUZZ") == "long" else "quick")
