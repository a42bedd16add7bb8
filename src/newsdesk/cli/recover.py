"""``newsdesk library recover --out NEW``: copy what can be read of a damaged library into a
new one. Standalone: the damaged library is never opened the usual way, only read."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsdesk.cli.output import emit
from newsdesk.cli.parsing import group


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    lsub = group(sub, common, "library", "the library file itself")
    rec = lsub.add_parser(
        "recover",
        parents=[common],
        help="copy what can be read of a damaged library (--db) into a new file",
    )
    rec.add_argument("--out", required=True, type=Path, metavar="NEW", help="a new library file")
    rec.set_defaults(standalone=cmd_recover)


def cmd_recover(args: argparse.Namespace) -> int:
    from newsdesk.services.recovery import recover_library_file

    db, basedir = getattr(args, "db", None), getattr(args, "basedir", None)
    report = recover_library_file(db, basedir, args.out)
    lines = [f"Recovered {report.articles} articles from {report.source} into {report.out}"]
    for t in report.tables:
        if not t.whole:
            lost = t.lost_rowids()
            lines.append(
                f"  {t.name}: {t.copied - t.dropped} rows copied"
                + (f"; unreadable rowids {lost}" if lost else "")
                + (f"; {t.dropped} dropped (their parent was lost)" if t.dropped else "")
            )
    lines.append(f"Open it with: newsdesk --db '{report.out}'  (the damaged file was not changed)")
    emit(args.json, report.to_json(), lines)
    return 0
