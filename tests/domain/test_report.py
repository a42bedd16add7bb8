"""One doctor report type: the installation/library doctor and every publish target's
connection doctor build the same ``DoctorReport``, so the CLI and the GUI show them alike."""

from __future__ import annotations

import inspect
import json

from newsdesk.domain.report import Check, DoctorReport
from newsdesk.publish import base
from newsdesk.publish.registry import make_publisher
from newsdesk.publish.targets import TargetConfig
from newsdesk.services import doctor


def test_both_doctors_return_the_one_report_type(tmp_path) -> None:
    assert inspect.signature(doctor.run_checks).return_annotation in ("DoctorReport", DoctorReport)
    assert inspect.signature(base.Publisher.doctor).return_annotation in (
        "DoctorReport",
        DoctorReport,
    )
    folder = TargetConfig(name="site", kind="folder", url=str(tmp_path / "out"))
    report = make_publisher(folder, None).doctor()
    assert type(report) is DoctorReport and report.checks


def test_a_report_reads_the_same_in_lines_and_json() -> None:
    report = DoctorReport()
    assert report.add("address", True, "https://example.org answers")
    report.checks.append(Check("disk", "warn", "800 MB free", "Free some space."))
    assert not report.add("login", False, "HTTP 401", "Check the application password.")
    assert not report.ok and [c.name for c in report.failed] == ["login"]
    assert report.lines() == [
        "ok    address  https://example.org answers",
        "WARN  disk     800 MB free",
        "               → Free some space.",
        "FAIL  login    HTTP 401",
        "               → Check the application password.",
    ]
    data = json.loads(json.dumps(report.to_json()))
    assert data["ok"] is False
    assert [(c["name"], c["status"], c["ok"]) for c in data["checks"]] == [
        ("address", "ok", True),
        ("disk", "warn", True),
        ("login", "fail", False),
    ]
