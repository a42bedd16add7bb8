"""``newsdesk doctor``: is this installation and this library healthy, and what to do if not.

The doctor never opens the library the usual way (that would migrate it); it reads it
read-only, so a damaged file stays exactly as it was.
"""

from __future__ import annotations

import argparse

from newsdesk.cli.output import emit
from newsdesk.domain.report import DoctorReport
from newsdesk.paths import resolve_paths
from newsdesk.services.doctor import run_checks


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    doc = sub.add_parser(
        "doctor",
        parents=[common],
        help="check Qt, spelling, the keyring and the library (read-only)",
    )
    doc.add_argument(
        "--no-gui", action="store_true", help="skip starting Qt and QtWebEngine offscreen"
    )
    doc.set_defaults(standalone=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    report = run_checks(paths, gui=not args.no_gui)
    emit(args.json, report.to_json(), _lines(report))
    return 0 if report.ok else 1


def _lines(report: DoctorReport) -> list[str]:
    failed = len(report.failed)
    return [*report.lines(), "", f"{failed} check(s) failed." if failed else "All checks passed."]
