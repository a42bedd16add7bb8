"""``newsdesk section list|add|rename``, ``tag list`` and ``settings show|set``."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from newsdesk.cli import taxonomy_admin
from newsdesk.cli.output import emit, table
from newsdesk.core import taxonomy
from newsdesk.core.context import AppContext
from newsdesk.core.settings import load_settings, save_settings


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    sec = sub.add_parser("section", parents=[common], help="the site's sections")
    ssub = sec.add_subparsers(dest="action", metavar="ACTION", required=True)
    ssub.add_parser("list", parents=[common], help="sections in navigation order").set_defaults(
        func=cmd_section_list
    )
    add = ssub.add_parser(
        "add", parents=[common], help="add a section at the end of the navigation"
    )
    add.add_argument("name")
    add.add_argument("--slug")
    add.set_defaults(func=cmd_section_add)
    ren = ssub.add_parser("rename", parents=[common], help="rename a section (its slug follows)")
    ren.add_argument("old")
    ren.add_argument("new")
    ren.set_defaults(func=cmd_section_rename)
    taxonomy_admin.register_section_actions(ssub, common)

    tag = sub.add_parser("tag", parents=[common], help="the library's tags")
    tsub = tag.add_subparsers(dest="action", metavar="ACTION", required=True)
    tsub.add_parser("list", parents=[common], help="tags with article counts").set_defaults(
        func=cmd_tag_list
    )
    taxonomy_admin.register_tag_actions(tsub, common)

    st = sub.add_parser(
        "settings", parents=[common], help="site settings (name, tagline, budgets…)"
    )
    stsub = st.add_subparsers(dest="action", metavar="ACTION", required=True)
    stsub.add_parser("show", parents=[common]).set_defaults(func=cmd_settings_show)
    sset = stsub.add_parser("set", parents=[common], help="set one setting")
    sset.add_argument("key")
    sset.add_argument("value")
    sset.set_defaults(func=cmd_settings_set)


def cmd_section_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        counts = taxonomy.section_counts(session)
        rows = [(s, counts.get(s.id or 0, 0)) for s in taxonomy.list_sections(session)]
    data = [
        {"id": s.id, "name": s.name, "slug": s.slug, "position": s.position, "articles": n}
        for s, n in rows
    ]
    emit(
        args.json,
        data,
        table(
            [
                [str(d["position"]), str(d["name"]), str(d["slug"]), str(d["articles"])]
                for d in data
            ],
            ["POS", "NAME", "SLUG", "ARTICLES"],
        ),
    )
    return 0


def cmd_section_add(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        s = taxonomy.add_section(session, args.name, args.slug)
        data = {"id": s.id, "name": s.name, "slug": s.slug, "position": s.position}
    emit(args.json, data, [f"Added section {data['name']} ({data['slug']})"])
    return 0


def cmd_section_rename(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        s = taxonomy.rename_section(session, args.old, args.new)
        data = {"id": s.id, "name": s.name, "slug": s.slug, "position": s.position}
    emit(args.json, data, [f"Renamed to {data['name']} ({data['slug']})"])
    return 0


def cmd_tag_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rows = taxonomy.list_tags(session)
    data = [
        {"id": t.id, "name": t.name, "slug": t.slug, "description": t.description, "articles": n}
        for t, n in rows
    ]
    emit(
        args.json,
        data,
        table(
            [[str(d["name"]), str(d["slug"]), str(d["articles"])] for d in data],
            ["NAME", "SLUG", "ARTICLES"],
        ),
    )
    return 0


def cmd_settings_show(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        data = asdict(load_settings(session))
    emit(args.json, data, [f"{k} = {v!r}" for k, v in data.items()])
    return 0


def cmd_settings_set(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        settings = load_settings(session).with_changes(**{args.key: args.value})
        save_settings(session, settings)
    emit(args.json, asdict(settings), [f"{args.key} = {getattr(settings, args.key)!r}"])
    return 0
