"""``newsdesk section list|add|rename|reorder|delete`` and
``newsdesk tag list|add|show|edit|rename|merge|delete|apply|suggest``: parsing and printing;
the work is ``services.taxonomy``'s, shared with the desktop app's Sections and Tags managers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsdesk.cli.output import done, emit, emit_rows, shorten, table
from newsdesk.cli.parsing import group
from newsdesk.services import taxonomy

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    ssub = group(sub, common, "section", "the site's sections")
    ssub.add_parser("list", parents=[common], help="sections in navigation order").set_defaults(
        func=cmd_section_list
    )
    add = ssub.add_parser(
        "add", parents=[common], help="add a section at the end of the navigation"
    )
    add.add_argument("name")
    add.add_argument("--slug")
    add.set_defaults(
        func=done(
            lambda s, a: taxonomy.add_section(s, a.name, a.slug), _section_told("Added section")
        )
    )
    ren = ssub.add_parser("rename", parents=[common], help="rename a section (its slug follows)")
    ren.add_argument("old")
    ren.add_argument("new")
    ren.set_defaults(
        func=done(
            lambda s, a: taxonomy.rename_section(s, a.old, a.new), _section_told("Renamed to")
        )
    )
    _register_section_actions(ssub, common)

    tsub = group(sub, common, "tag", "the library's tags")
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
    add.set_defaults(
        func=done(
            lambda s, a: taxonomy.add_tag(s, a.name, slug=a.slug, description=a.description),
            lambda info: f"Added tag {_tag_line(info)}",
        )
    )

    show = tsub.add_parser("show", parents=[common], help="a tag and the articles carrying it")
    show.add_argument("name")
    show.set_defaults(func=cmd_tag_show)

    edit = tsub.add_parser("edit", parents=[common], help="change a tag's description or slug")
    edit.add_argument("name")
    edit.add_argument("--description")
    edit.add_argument("--slug", help='set by hand (locks it); "" lets it follow the name again')
    edit.set_defaults(
        func=done(
            lambda s, a: taxonomy.set_tag_details(
                s, a.name, description=a.description, slug=a.slug
            ),
            _tag_line,
        )
    )

    ren = tsub.add_parser("rename", parents=[common], help="rename a tag on every article")
    ren.add_argument("old")
    ren.add_argument("new")
    ren.set_defaults(
        func=done(
            lambda s, a: taxonomy.rename_tag(s, a.old, a.new),
            lambda info: f"Renamed to {_tag_line(info)}",
        )
    )

    merge = tsub.add_parser("merge", parents=[common], help="fold tags into one")
    merge.add_argument("sources", nargs="+", metavar="SOURCE")
    merge.add_argument("--into", required=True, metavar="TARGET", help="created if new")
    merge.set_defaults(func=cmd_tag_merge)

    rm = tsub.add_parser("delete", parents=[common], help="remove a tag from every article")
    rm.add_argument("name")
    rm.set_defaults(
        func=done(
            lambda s, a: taxonomy.delete_tag(s, a.name),
            lambda gone: f"Deleted tag {gone.name} from {gone.articles} articles",
        )
    )

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
    rm.set_defaults(func=done(lambda s, a: taxonomy.delete_section(s, a.name, a.move_to), _deleted))


def _tag_line(info: taxonomy.TagInfo) -> str:
    locked = " (slug set by hand)" if info.slug_locked else ""
    return f"{info.name} · {info.slug}{locked} · {info.articles} articles"


def _section_told(told: str) -> Callable[[taxonomy.SectionInfo], str]:
    """ "Added section World (world)": where the section is now."""
    return lambda info: f"{told} {info.name} ({info.slug})"


def _deleted(gone: taxonomy.DeletedSection) -> str:
    moved = f"; {gone.articles} articles moved to {gone.moved_to}" if gone.moved_to else ""
    return f"Deleted section {gone.name}{moved}"


def cmd_tag_show(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        info, articles = taxonomy.show_tag(session, args.name)
    data = {**info.to_json(), "article_list": [a.to_json() for a in articles]}
    lines = [_tag_line(info), info.description] if info.description else [_tag_line(info)]
    lines += table(
        [[str(a.id), shorten(a.headline, 60), a.section or "", a.status] for a in articles],
        ["ID", "HEADLINE", "SECTION", "STATUS"],
    )
    emit(args.json, data, lines)
    return 0


def cmd_tag_merge(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        result = taxonomy.merge_tags(session, args.sources, args.into)
    lines = [
        f"Merged {', '.join(result.merged)} into {result.target.name}: "
        f"{len(result.articles)} articles changed, {result.target.articles} now carry it"
    ]
    emit(args.json, result.to_json(), lines)
    return 0


def cmd_tag_apply(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        changed = taxonomy.apply_tags(session, args.ids, add=args.add, remove=args.remove)
    emit(args.json, {"changed": changed}, [f"{len(changed)} of {len(args.ids)} articles changed"])
    return 0


def cmd_tag_suggest(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        found = taxonomy.suggest_tags_for(session, args.id)
    lines = [_tag_line(t) for t in found] or ["No existing tags are named in the article"]
    emit(args.json, [t.to_json() for t in found], lines)
    return 0


def _section_lines(rows: list[taxonomy.SectionInfo]) -> list[str]:
    return table(
        [[str(s.position), s.name, s.slug, str(s.articles)] for s in rows],
        ["POS", "NAME", "SLUG", "ARTICLES"],
    )


def cmd_section_reorder(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rows = taxonomy.reorder_sections(session, args.names)
    emit(args.json, [s.to_json() for s in rows], _section_lines(rows))
    return 0


def cmd_section_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rows = taxonomy.list_section_infos(session)
    emit(args.json, [s.to_json() for s in rows], _section_lines(rows))
    return 0


def cmd_tag_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        rows = taxonomy.list_tag_infos(session)
    emit_rows(
        args.json,
        [t.to_json() for t in rows],
        {"name": "NAME", "slug": "SLUG", "articles": "ARTICLES"},
    )
    return 0
