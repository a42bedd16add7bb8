"""``newsdesk section list|add|rename|reorder|delete`` and
``newsdesk tag list|add|show|edit|rename|merge|delete|apply|suggest``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from newsdesk.cli.output import emit, emit_done, emit_rows, shorten, table
from newsdesk.core import sections, tags, taxonomy
from newsdesk.core.articles import get_article
from newsdesk.core.context import AppContext


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
    _register_section_actions(ssub, common)

    tag = sub.add_parser("tag", parents=[common], help="the library's tags")
    tsub = tag.add_subparsers(dest="action", metavar="ACTION", required=True)
    tsub.add_parser("list", parents=[common], help="tags with article counts").set_defaults(
        func=cmd_tag_list
    )
    _register_tag_actions(tsub, common)


def _register_tag_actions(
    tsub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:  # type: ignore[type-arg]
    add = tsub.add_parser("add", parents=[common], help="add a tag")
    add.add_argument("name")
    add.add_argument("--slug", help="set the slug by hand (renames then leave it alone)")
    add.add_argument("--description", default="")
    add.set_defaults(func=cmd_tag_add)

    show = tsub.add_parser("show", parents=[common], help="a tag and the articles carrying it")
    show.add_argument("name")
    show.set_defaults(func=cmd_tag_show)

    edit = tsub.add_parser("edit", parents=[common], help="change a tag's description or slug")
    edit.add_argument("name")
    edit.add_argument("--description")
    edit.add_argument("--slug", help='set by hand (locks it); "" lets it follow the name again')
    edit.set_defaults(func=cmd_tag_edit)

    ren = tsub.add_parser("rename", parents=[common], help="rename a tag on every article")
    ren.add_argument("old")
    ren.add_argument("new")
    ren.set_defaults(func=cmd_tag_rename)

    merge = tsub.add_parser("merge", parents=[common], help="fold tags into one")
    merge.add_argument("sources", nargs="+", metavar="SOURCE")
    merge.add_argument("--into", required=True, metavar="TARGET", help="created if new")
    merge.set_defaults(func=cmd_tag_merge)

    rm = tsub.add_parser("delete", parents=[common], help="remove a tag from every article")
    rm.add_argument("name")
    rm.set_defaults(func=cmd_tag_delete)

    apply = tsub.add_parser("apply", parents=[common], help="add/remove tags on several articles")
    apply.add_argument("ids", nargs="+", metavar="ID")
    apply.add_argument("--add", action="append", default=[], metavar="T")
    apply.add_argument("--remove", action="append", default=[], metavar="T")
    apply.set_defaults(func=cmd_tag_apply)

    sug = tsub.add_parser("suggest", parents=[common], help="existing tags named in an article")
    sug.add_argument("id", help="article id, UUID or slug")
    sug.set_defaults(func=cmd_tag_suggest)


def _register_section_actions(
    ssub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:  # type: ignore[type-arg]
    order = ssub.add_parser(
        "reorder", parents=[common], help="put sections first in this order (the rest follow)"
    )
    order.add_argument("names", nargs="+", metavar="NAME")
    order.set_defaults(func=cmd_section_reorder)
    rm = ssub.add_parser("delete", parents=[common], help="delete a section, moving its articles")
    rm.add_argument("name")
    rm.add_argument("--move-to", metavar="SECTION", help="where its articles go")
    rm.set_defaults(func=cmd_section_delete)


def _tag_line(info: tags.TagInfo) -> str:
    locked = " (slug set by hand)" if info.slug_locked else ""
    return f"{info.name} · {info.slug}{locked} · {info.articles} articles"


def cmd_tag_add(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        info = tags.add_tag(session, args.name, slug=args.slug, description=args.description)
    emit(args.json, info.to_json(), [f"Added tag {_tag_line(info)}"])
    return 0


def cmd_tag_show(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        tag = tags.get_tag(session, args.name)
        info = next(t for t in tags.list_tag_infos(session) if t.id == tag.id)
        articles = tags.tag_articles(session, tag.name)
    data = {**info.to_json(), "article_list": [a.to_json() for a in articles]}
    lines = [_tag_line(info), info.description] if info.description else [_tag_line(info)]
    lines += table(
        [[str(a.id), shorten(a.headline, 60), a.section or "", a.status] for a in articles],
        ["ID", "HEADLINE", "SECTION", "STATUS"],
    )
    emit(args.json, data, lines)
    return 0


def cmd_tag_edit(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        info = tags.set_tag_details(
            session, args.name, description=args.description, slug=args.slug
        )
    emit(args.json, info.to_json(), [_tag_line(info)])
    return 0


def cmd_tag_rename(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        info = tags.rename_tag(session, args.old, args.new)
    emit(args.json, info.to_json(), [f"Renamed to {_tag_line(info)}"])
    return 0


def cmd_tag_merge(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        result = tags.merge_tags(session, args.sources, args.into)
    lines = [
        f"Merged {', '.join(result.merged)} into {result.target.name}: "
        f"{len(result.articles)} articles changed, {result.target.articles} now carry it"
    ]
    emit(args.json, result.to_json(), lines)
    return 0


def cmd_tag_delete(args: argparse.Namespace, ctx: AppContext) -> int:
    return emit_done(
        args,
        ctx,
        lambda s: tags.delete_tag(s, args.name),
        lambda gone: f"Deleted tag {gone.name} from {gone.articles} articles",
    )


def cmd_tag_apply(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        ids = [get_article(session, ref).id or 0 for ref in args.ids]
        changed = tags.bulk_tag(session, ids, add=args.add, remove=args.remove)
    emit(args.json, {"changed": changed}, [f"{len(changed)} of {len(ids)} articles changed"])
    return 0


def cmd_tag_suggest(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rec = get_article(session, args.id)
        text = "\n".join([rec.headline, rec.standfirst, rec.body])
        found = tags.suggest_tags(session, text, rec.tags)
    lines = [_tag_line(t) for t in found] or ["No existing tags are named in the article"]
    emit(args.json, [t.to_json() for t in found], lines)
    return 0


def _section_lines(rows: list[sections.SectionInfo]) -> list[str]:
    return table(
        [[str(s.position), s.name, s.slug, str(s.articles)] for s in rows],
        ["POS", "NAME", "SLUG", "ARTICLES"],
    )


def cmd_section_reorder(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rows = sections.reorder_sections(session, args.names)
    emit(args.json, [s.to_json() for s in rows], _section_lines(rows))
    return 0


def cmd_section_delete(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        gone = sections.delete_section(session, args.name, args.move_to)
    moved = f"; {gone.articles} articles moved to {gone.moved_to}" if gone.moved_to else ""
    emit(args.json, gone.to_json(), [f"Deleted section {gone.name}{moved}"])
    return 0


def cmd_section_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        counts = taxonomy.section_counts(session)
        rows = [(s, counts.get(s.id or 0, 0)) for s in taxonomy.list_sections(session)]
    data = [
        {"id": s.id, "name": s.name, "slug": s.slug, "position": s.position, "articles": n}
        for s, n in rows
    ]
    emit_rows(
        args.json, data, {"position": "POS", "name": "NAME", "slug": "SLUG", "articles": "ARTICLES"}
    )
    return 0


def cmd_section_add(args: argparse.Namespace, ctx: AppContext) -> int:
    return _section_changed(
        args, ctx, lambda s: taxonomy.add_section(s, args.name, args.slug), "Added section"
    )


def cmd_section_rename(args: argparse.Namespace, ctx: AppContext) -> int:
    return _section_changed(
        args, ctx, lambda s: taxonomy.rename_section(s, args.old, args.new), "Renamed to"
    )


def _section_changed(
    args: argparse.Namespace, ctx: AppContext, change: Callable[[Any], Any], told: str
) -> int:
    """Add or rename a section and say where it is now ("Added section World (world)")."""
    with ctx.session() as session:
        s = change(session)
        data = {"id": s.id, "name": s.name, "slug": s.slug, "position": s.position}
    emit(args.json, data, [f"{told} {data['name']} ({data['slug']})"])
    return 0


def cmd_tag_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rows = taxonomy.list_tags(session)
    data = [
        {"id": t.id, "name": t.name, "slug": t.slug, "description": t.description, "articles": n}
        for t, n in rows
    ]
    emit_rows(args.json, data, {"name": "NAME", "slug": "SLUG", "articles": "ARTICLES"})
    return 0
