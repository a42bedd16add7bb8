"""How many processes a long job (a full site export, a large WXR import) may start."""

from __future__ import annotations

import os


def available_cpus() -> int:
    """The processors this process may run on (a container's or taskset's share, not the
    machine's count): the default number of processes for a full export."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
