"""Which process holds a claim, and whether that process still runs.

A claim token names the machine, its boot, the process id and the process's start time, so a
token left by a process that was killed (or by a machine that has since restarted) can be told
from one whose process is still working. On another machine, or where the system does not say,
nobody can tell: :func:`claim_gone` answers ``False`` and the caller waits for a time-out.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


@cache
def _host() -> str:
    return socket.gethostname().replace(" ", "_") or "?"


def _boot() -> str:
    return _read("/proc/sys/kernel/random/boot_id") or "?"


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), or "?"."""
    stat = _read(f"/proc/{pid}/stat")
    # The command name (field 2) may hold spaces and parentheses: fields follow the last ")".
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else "?"


def claim_token() -> str:
    """This process's token: ``host boot pid start``."""
    pid = os.getpid()
    return f"{_host()} {_boot()} {pid} {_started(pid)}"


def claim_gone(token: str) -> bool:
    """True when the process named by ``token`` has certainly stopped."""
    parts = token.split(" ")
    if len(parts) != 4 or parts[0] != _host() or not parts[2].isdigit():
        return False  # not ours to judge (another machine, or an older newsdesk)
    boot, pid, started = parts[1], int(parts[2]), parts[3]
    if boot != "?" and _boot() != "?" and boot != _boot():
        return True  # the machine restarted since
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # a process of another user has that id now
    now_started = _started(pid)
    return started != "?" and now_started != "?" and now_started != started  # id reused
