"""``newsdesk article add|list|show|edit|delete``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.cli import history, newsroom
from newsdesk.cli.output import emit, shorten, table
from newsdesk.cli.parsing import group
from newsdesk.domain import schema
from newsdesk.domain.frontmatter import parse_datetime
from newsdesk.domain.headlines import require_headline, shown_headline
from newsdesk.domain.listing import LibraryFilter
from newsdesk.domain.status import STATUSES
from newsdesk.errors import UserError
from newsdesk.services import authoring
from newsdesk.services.identity import stamp
from newsdesk.services.newsroom import countdown

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    asub = group(sub, common, "article", "add, list, show, edit and delete articles")

    add = asub.add_parser("add", parents=[common], help="add an article; prints its id")
    _field_options(add, creating=True)
    add.set_defaults(func=cmd_add)

    ls = asub.add_parser("list", parents=[common], help="list articles, newest first")
    ls.add_argument("--status", choices=STATUSES)
    ls.add_argument("--section")
    ls.add_argument("--tag")
    ls.add_argument("--stage", help='e.g. "ready for edit"')
    ls.add_argument("--assignee", metavar="NAME")
    ls.add_argument("--mine", action="store_true", help="the stories assigned to your desk")
    ls.add_argument("--limit", type=int)
    ls.set_defaults(func=cmd_list)

    show = asub.add_parser("show", parents=[common], help="show one article")
    show.add_argument("id", help="id, UUID or slug")
    show.set_defaults(func=cmd_show)

    edit = asub.add_parser("edit", parents=[common], help="change fields of an article")
    edit.add_argument("id", help="id, UUID or slug")
    _field_options(edit, creating=False)
    edit.add_argument("--add-tag", action="append", default=[], metavar="T")
    edit.add_argument("--remove-tag", action="append", default=[], metavar="T")
    edit.add_argument(
        "--expect-version", type=int, help="refuse if the article is no longer at this version"
    )
    edit.set_defaults(func=cmd_edit)

    rm = asub.add_parser("delete", parents=[common], help="move articles to the Trash")
    rm.add_argument("id", nargs="+", help="id, UUID or slug")
    rm.add_argument(
        "--permanent", action="store_true", help="delete for good instead (cannot be undone)"
    )
    rm.set_defaults(func=cmd_delete)

    history.register_article_actions(asub, common)
    newsroom.register_article_actions(asub, common)


# Options read by hand below: a body file, an image file, an embargo (through set_embargo).
_BY_HAND = {"body", "image_sha256", "embargo_at"}


def _field_options(p: argparse.ArgumentParser, *, creating: bool) -> None:
    """One option per field declared with one (``domain.record``), typed by its kind."""
    for f in schema.CLI_FIELDS:
        shown = f.spec.metavar or f.spec.cli.lstrip("-").replace("-", "_").upper()
        kw: dict[str, Any] = {"dest": f.name, "help": f.spec.cli_help, "metavar": shown}
        if f.spec.kind == "names":
            kw["action"] = "append"
        elif f.spec.kind == "bool":
            kw.update(action=argparse.BooleanOptionalAction, default=None)
            del kw["metavar"]
        elif f.spec.kind == "int":
            kw["type"] = int
        if f.spec.choices:
            kw["choices"] = f.spec.choices
            del kw["metavar"]
        p.add_argument(f.spec.cli, required=creating and f.name == "headline", **kw)


def read_body(spec: str) -> str:
    if spec == "-":
        return sys.stdin.read()
    try:
        return Path(spec).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{spec}: not UTF-8 text; save it as UTF-8 and try again") from exc
    except OSError as exc:
        raise UserError(f"Cannot read {spec}: {exc.strerror or exc}") from exc


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for f in schema.CLI_FIELDS:
        value = getattr(args, f.name)
        if value is None or f.name in _BY_HAND:
            continue
        if f.spec.kind == "datetime":
            value = parse_datetime(value, f.spec.cli, "command line")
        changes[f.name] = value
    if args.body is not None:
        changes["body"] = read_body(args.body)
    return changes


def _image(args: argparse.Namespace) -> Path | None:
    return Path(args.image_sha256) if args.image_sha256 is not None else None


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z") if moment else "—"


def _embargo(args: argparse.Namespace) -> datetime | None:
    return parse_datetime(args.embargo_at, "--embargo", "command line") if args.embargo_at else None


def _say_waiting() -> None:
    print(
        "newsdesk: the library is busy (another program is writing to it); waiting to save…",
        file=sys.stderr,
    )


def cmd_add(args: argparse.Namespace, ctx: AppContext) -> int:
    args.headline = require_headline(args.headline)
    rec = authoring.add_article(
        ctx, _changes(args), image=_image(args), embargo=_embargo(args), on_wait=_say_waiting
    )
    emit(args.json, rec.to_json(), [str(rec.id)])
    return 0


def cmd_list(args: argparse.Namespace, ctx: AppContext) -> int:
    flt = LibraryFilter(
        status=args.status, section=args.section, tag=args.tag, stage=args.stage,
        assignee=ctx.desk if args.mine else args.assignee,
    )  # fmt: skip
    rows, wf = authoring.list_desk_articles(ctx, flt, limit=args.limit)
    lines = table(
        [
            [
                str(r.id),
                shorten(shown_headline(r.headline), 60),
                r.section or "",
                r.status,
                wf.label(r.stage),
                stamp(r.updated_by, r.updated_at),
                f"{r.word_count}/{r.word_budget}" if r.word_budget else str(r.word_count),
                countdown(r.deadline_at),
            ]
            for r in rows
        ],
        ["ID", "HEADLINE", "SECTION", "STATUS", "STAGE", "UPDATED", "WORDS", "DEADLINE"],
    )
    emit(args.json, [r.to_json() for r in rows], lines)
    return 0


def cmd_show(args: argparse.Namespace, ctx: AppContext) -> int:
    rec = authoring.show_article(ctx, args.id)
    data = rec.to_json()
    lines = [
        f"{rec.headline}",
        f"  id {rec.id} · uuid {rec.uuid} · slug {rec.slug} · version {rec.version}",
        f"  {rec.status} · section {rec.section or '—'} · tags {', '.join(rec.tags) or '—'}",
        f"  by {', '.join(rec.byline) or '—'} · dateline {rec.dateline or '—'} · {rec.word_count} words",
        f"  created {_local(rec.created_at)} · updated {_local(rec.updated_at)} · published {_local(rec.published_at)}",
        "",
        rec.standfirst,
        "",
        rec.body,
    ]
    emit(args.json, data, lines)
    return 0


def cmd_edit(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.headline is not None:
        args.headline = require_headline(args.headline)
    rec, revision = authoring.edit_article(
        ctx, args.id, _changes(args), image=_image(args),
        add_tags=args.add_tag, remove_tags=args.remove_tag,
        embargo=authoring.UNCHANGED if args.embargo_at is None else _embargo(args),
        expected_version=args.expect_version, on_wait=_say_waiting,
    )  # fmt: skip
    line = f"{rec.id} updated (version {rec.version}; revision {revision.number})"
    emit(args.json, rec.to_json(), [line])
    return 0


def cmd_delete(args: argparse.Namespace, ctx: AppContext) -> int:
    gone, live = authoring.delete_articles(ctx, args.id, permanent=args.permanent)
    data = [{"deleted": d.article_id, "uuid": d.uuid, "trash": d.trash} for d in gone]
    if args.permanent:
        lines = [f"Deleted {d.article_id} for good: {shown_headline(d.title)}" for d in gone]
    else:
        lines = [f"Moved to the Trash: {d.article_id} {d.title}" for d in gone]
        lines.append("('newsdesk trash restore ID' brings an article back)")
    for copy in live:  # the Trash does not unpublish
        print(f"newsdesk: note: {copy.headline!r} stays published on {copy.target}"
              f" {copy.url}".rstrip(), file=sys.stderr)  # fmt: skip
    emit(args.json, data[0] if len(data) == 1 else data, lines)
    return 0
