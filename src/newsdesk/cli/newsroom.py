"""The newsroom's commands: ``newsdesk article correct|update-note|stage|assign|note|notes|
resolve|path`` (hooked onto ``article``) and ``newsdesk desk`` (who is working, their roles)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit, shorten, table
from newsdesk.cli.parsing import action, group
from newsdesk.domain.frontmatter import parse_datetime
from newsdesk.errors import UserError
from newsdesk.services import authoring, newsroom, notes
from newsdesk.services.identity import current_desk, set_desk, stamp

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def register_article_actions(asub: Sub, common: argparse.ArgumentParser) -> None:
    for name, kind in (("correct", "correction"), ("update-note", "update")):
        p = asub.add_parser(
            name, parents=[common], help=f"add a dated {kind} to a published article"
        )
        p.add_argument("id", help="id, UUID or slug")
        p.add_argument("--text", required=True, help=f"what the {kind} says")
        p.set_defaults(func=cmd_correct, kind=kind)

    stage = asub.add_parser(
        "stage", parents=[common], help="show the article's stage, or move it to the next"
    )
    stage.add_argument("id", help="id, UUID or slug")
    stage.add_argument("next", nargs="?", metavar="NEXT", help='e.g. "ready for edit", edited')
    stage.set_defaults(func=cmd_stage)

    assign = asub.add_parser(
        "assign", parents=[common], help="assignee, word budget and deadline of an article"
    )
    assign.add_argument("id", help="id, UUID or slug")
    assign.add_argument("--to", metavar="NAME", help="the desk it is assigned to ('' clears)")
    assign.add_argument("--budget", type=int, metavar="WORDS", help="word budget")
    assign.add_argument("--deadline", metavar="ISO", help="deadline ('' clears)")
    assign.set_defaults(func=cmd_assign)

    note = asub.add_parser("note", parents=[common], help="add a newsroom note (never published)")
    note.add_argument("id", help="id, UUID or slug")
    note.add_argument("--text", required=True)
    note.add_argument("--reply-to", type=int, metavar="NOTE")
    note.set_defaults(func=cmd_note)

    ls = asub.add_parser("notes", parents=[common], help="the article's notes, threaded")
    ls.add_argument("id", help="id, UUID or slug")
    ls.add_argument("--open", action="store_true", help="only unresolved threads")
    ls.set_defaults(func=cmd_notes)

    res = asub.add_parser("resolve", parents=[common], help="resolve (or --reopen) a note")
    res.add_argument("note", type=int, metavar="NOTE")
    res.add_argument("--reopen", action="store_true")
    res.set_defaults(func=cmd_resolve)

    path = asub.add_parser(
        "path", parents=[common], help="the article's path: stages, embargo, corrections, notes"
    )
    path.add_argument("id", help="id, UUID or slug")
    path.set_defaults(func=cmd_path)


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    dsub = group(sub, common, "desk", "who is working: your desk identity")
    action(
        dsub, common, "show", "your name, email and roles", cmd_desk_show_anywhere, standalone=True
    )
    setp = action(
        dsub, common, "set", "set your name (and email)", cmd_desk_set, "name", standalone=True
    )
    setp.add_argument("--email", default="")
    roles = dsub.add_parser(
        "roles", parents=[common], help="give a desk its roles in this library's workflow"
    )
    roles.add_argument("name", help="the desk's name")
    roles.add_argument("roles", nargs="*", metavar="ROLE", help="e.g. editor sub-editor")
    roles.set_defaults(func=cmd_desk_roles)


def cmd_correct(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rec, c = newsroom.add_correction(session, args.id, args.text, args.kind)
    emit(
        args.json,
        {"article": rec.id, "version": rec.version, **c.to_json()},
        [f"{c.label} added to {rec.id} ({stamp(c.desk, c.created_at)}); version {rec.version}"],
    )
    return 0


def cmd_stage(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        wf = newsroom.load_workflow(session)
        moved = newsroom.move_stage(session, args.id, args.next) if args.next else None
    rec = moved or authoring.show_article(ctx, args.id)
    nexts = [wf.label(s) for s in wf.next_stages(rec.stage)]
    data = {"article": rec.id, "stage": rec.stage, "label": wf.label(rec.stage), "next": nexts}
    head = f"{rec.id} is now {wf.label(rec.stage)}" if args.next else wf.label(rec.stage)
    emit(args.json, data, [head, f"  next: {', '.join(nexts) or '—'}"])
    return 0


def cmd_assign(args: argparse.Namespace, ctx: AppContext) -> int:
    deadline: object = False
    if args.deadline is not None:
        deadline = parse_datetime(args.deadline, "--deadline", "command line")
    with ctx.session() as session:
        rec = newsroom.assign(
            session,
            args.id,
            assignee=args.to,
            word_budget=args.budget,
            deadline=deadline,  # type: ignore[arg-type]
        )
    left = newsroom.countdown(rec.deadline_at)
    line = f"{rec.id}: {rec.assignee or 'unassigned'}"
    line += f" · {rec.word_count}/{rec.word_budget} words" if rec.word_budget else ""
    line += f" · {left}" if left else ""
    emit(args.json, rec.to_json(), [line])
    return 0


def cmd_note(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        note = notes.add_note(session, args.id, args.text, args.reply_to)
    emit(args.json, note.to_json(), [f"Note {note.id} added ({stamp(note.desk, note.created_at)})"])
    return 0


def cmd_notes(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        threads = notes.list_notes(session, args.id, include_resolved=not args.open)
    lines: list[str] = []
    for t in threads:
        done = f"  [resolved by {t.resolved_by}]" if t.resolved else ""
        lines.append(f"#{t.id} {stamp(t.desk or '—', t.created_at)}: {t.text}{done}")
        lines += [f"    #{r.id} {stamp(r.desk or '—', r.created_at)}: {r.text}" for r in t.replies]
    emit(args.json, [t.to_json() for t in threads], lines or ["No notes"])
    return 0


def cmd_resolve(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        note = notes.resolve_note(session, args.note, not args.reopen)
    word = "reopened" if args.reopen else "resolved"
    emit(args.json, note.to_json(), [f"Note {note.id} {word}"])
    return 0


def cmd_path(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        events = newsroom.list_events(session, args.id)
    lines = table(
        [[stamp(e.desk or "—", e.created_at), e.kind, shorten(e.message, 70)] for e in events],
        ["WHEN", "WHAT", ""],
    )
    emit(args.json, [e.to_json() for e in events], lines if events else ["Nothing yet"])
    return 0


def cmd_desk_show(args: argparse.Namespace, ctx: AppContext) -> int:
    desk = current_desk(ctx.paths.config_dir)
    with ctx.session() as session:
        roles = newsroom.load_workflow(session).roles_of(desk.name)
    data = {"name": desk.name, "email": desk.email, "roles": list(roles)}
    name = str(desk) or "(not set: newsdesk desk set NAME)"
    emit(args.json, data, [name, f"  roles: {', '.join(roles) or '—'}"])
    return 0


def cmd_desk_show_anywhere(args: argparse.Namespace) -> int:
    """``desk show`` needs no library: the roles come from one only when it exists."""
    from newsdesk.paths import resolve_paths

    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    if paths.db_url is None and not paths.is_default_library and not paths.db_path.exists():
        desk = current_desk(paths.config_dir)
        name = str(desk) or "(not set: newsdesk desk set NAME)"
        emit(args.json, {"name": desk.name, "email": desk.email, "roles": []},
             [name, "  roles: — (no library here)"])  # fmt: skip
        return 0
    from newsdesk.services.opening import open_context

    ctx = open_context(getattr(args, "db", None), getattr(args, "basedir", None))
    try:
        return cmd_desk_show(args, ctx)
    finally:
        ctx.close()


def cmd_desk_set(args: argparse.Namespace) -> int:
    from newsdesk.paths import resolve_paths

    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    desk = set_desk(paths.config_dir, args.name, args.email)
    emit(getattr(args, "json", False), {"name": desk.name, "email": desk.email}, [str(desk)])
    return 0


def cmd_desk_roles(args: argparse.Namespace, ctx: AppContext) -> int:
    if not args.name.strip():
        raise UserError("Name the desk")
    with ctx.session() as session:
        wf = newsroom.set_roles(session, args.name.strip(), args.roles)
    roles = wf.roles_of(args.name.strip())
    emit(args.json, {"name": args.name, "roles": list(roles)},
         [f"{args.name}: {', '.join(roles) or 'no roles'}"])  # fmt: skip
    return 0
