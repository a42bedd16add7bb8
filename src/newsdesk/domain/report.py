"""The one report type of every doctor: ``newsdesk doctor`` (the installation and the
library, services/doctor.py) and each publish target's connection doctor (publish/*,
``newsdesk target check``, the target settings dialog)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["ok", "warn", "fail"]
MARKS: dict[Status, str] = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}


@dataclass(frozen=True)
class Check:
    """One finding: what was checked, the verdict, what was seen, and (when the status is
    not ok) what to do about it."""

    name: str
    status: Status
    detail: str
    advice: str = ""

    @property
    def ok(self) -> bool:
        """A warning is not a failure: the thing works, with a caveat."""
        return self.status != "fail"


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def add(self, name: str, ok: bool, detail: str, advice: str = "") -> bool:
        """Record a passed or failed step; returns ``ok`` so a doctor can stop at a failure."""
        self.checks.append(Check(name, "ok" if ok else "fail", detail, advice))
        return ok

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [{**asdict(c), "ok": c.ok} for c in self.checks]}

    def lines(self) -> list[str]:
        """One aligned line per check, with the advice under any that is not ok."""
        width = max((len(c.name) for c in self.checks), default=0)
        out = []
        for c in self.checks:
            out.append(f"{MARKS[c.status]}  {c.name:<{width}}  {c.detail}")
            if c.status != "ok" and c.advice:
                out.append(f"      {'':<{width}}  → {c.advice}")
        return out
