"""``newsdesk target add|list|test|remove``, ``publish``, ``unpublish`` and ``outbox``."""

from __future__ import annotations

import argparse
import getpass
import sys
import webbrowser
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING

from newsdesk.cli import looks as looks_cli
from newsdesk.cli.output import done, emit, shorten, table
from newsdesk.cli.parsing import action, group
from newsdesk.errors import UserError
from newsdesk.services import authoring, publishing
from newsdesk.services.outbox import JobOutcome

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext

OPTION_HELP = "a setting (repeatable; KEY= unsets it): " + "; ".join(
    f"{kind}: {', '.join(opts)}" for kind, opts in publishing.OPTIONS.items() if opts
)
# Exit status when the job is kept in the outbox to be tried again (EX_TEMPFAIL).
EXIT_QUEUED = 75


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    tsub = group(sub, common, "target", "places to publish to")
    add = tsub.add_parser(
        "add", parents=[common],
        help="add a target; the secret is asked for (or read from stdin) and kept in the keyring",
    )  # fmt: skip
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=publishing.KINDS)
    add.add_argument("--url", required=True, help="site URL (or the folder of a Hugo site)")
    add.add_argument("--user", default="", help="user name (WordPress)")
    add.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                     help=OPTION_HELP)  # fmt: skip
    add.add_argument(
        "--authorize", action="store_true",
        help="WordPress: approve newsdesk in the browser instead of typing a password",
    )  # fmt: skip
    add.set_defaults(func=cmd_target_add)
    ls = tsub.add_parser("list", parents=[common], help="list targets")
    ls.set_defaults(func=cmd_target_list)
    test = tsub.add_parser("test", parents=[common], help="check the connection, step by step")
    test.add_argument("name")
    test.set_defaults(func=cmd_target_test)
    tset = tsub.add_parser("set", parents=[common], help="change a target's settings")
    tset.add_argument("name")
    tset.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                      required=True, help=OPTION_HELP)  # fmt: skip
    tset.set_defaults(func=cmd_target_set)
    terms = tsub.add_parser(
        "terms", parents=[common],
        help="the site's categories and tags; with --article, which exist and which are new",
    )  # fmt: skip
    terms.add_argument("name")
    terms.add_argument("--article", metavar="ID", help="article id, UUID or slug")
    terms.set_defaults(func=cmd_target_terms)
    action(
        tsub, common, "secret",
        "replace a target's secret (asked for, or read from stdin), e.g. a rotated password",
        cmd_target_secret, "name",
    )  # fmt: skip
    removed = done(
        lambda s, a: publishing.remove_target(s, a.name), lambda t: f"Removed target {t.name}"
    )
    action(tsub, common, "remove", "remove a target and its secret", removed, "name")
    looks_cli.register_target(tsub, common)

    pub = sub.add_parser("publish", parents=[common], help="publish (or update) an article")
    pub.add_argument("id", help="article id, UUID or slug")
    pub.add_argument("--target", required=True, metavar="NAME")
    pub.add_argument("--status", choices=publishing.POST_STATUSES, help="default: from the article")
    pub.add_argument(
        "--force", action="store_true", help="overwrite even if the post was edited on the site"
    )
    pub.add_argument(
        "--recreate", action="store_true",
        help="the post was deleted on the site: make it anew (the old link stays in the log)",
    )  # fmt: skip
    pub.add_argument(
        "--create", action="store_true",
        help="folder target: make the content folder if it is missing",
    )  # fmt: skip
    pub.add_argument("--queue-only", action="store_true", help="only put it in the outbox")
    pub.set_defaults(func=cmd_publish)

    unp = sub.add_parser("unpublish", parents=[common], help="take an article off a target")
    unp.add_argument("id", help="article id, UUID or slug")
    unp.add_argument("--target", required=True, metavar="NAME")
    unp.add_argument("--queue-only", action="store_true", help="only put it in the outbox")
    unp.set_defaults(func=cmd_unpublish)

    box = sub.add_parser("outbox", parents=[common], help="jobs waiting to be published")
    bsub = box.add_subparsers(dest="action", metavar="ACTION")
    box.set_defaults(func=cmd_outbox_list, all=False)
    bl = bsub.add_parser("list", parents=[common], help="list waiting and failed jobs")
    bl.add_argument("--all", action="store_true", help="also done and cancelled jobs")
    bl.set_defaults(func=cmd_outbox_list)
    br = bsub.add_parser("retry", parents=[common], help="send a job again now")
    br.add_argument("job", type=int)
    br.add_argument("--force", action="store_true")
    br.set_defaults(func=cmd_outbox_retry)
    bc = bsub.add_parser("cancel", parents=[common], help="cancel a waiting or failed job")
    bc.add_argument("job", type=int)
    bc.set_defaults(func=cmd_outbox_cancel)
    brun = bsub.add_parser("run", parents=[common], help="send every job that is due")
    brun.set_defaults(func=cmd_outbox_run)


def read_secret(label: str) -> str:
    """From a prompt on a terminal, else the first line of stdin (never from the command line)."""
    if sys.stdin.isatty():
        secret = getpass.getpass(f"{label.capitalize()}: ")
    else:
        secret = sys.stdin.readline().strip()
    if not secret:
        raise UserError(f"No {label} given (type it at the prompt, or pipe it on stdin)")
    return secret.strip()


def _open_browser(url: str) -> None:
    """Show the approval address (on stderr: stdout may be --json) and try the browser."""
    print(f"Open this address, log in and approve newsdesk:\n  {url}\n"
          "Waiting for the approval (up to 5 minutes; Ctrl+C stops)…", file=sys.stderr)  # fmt: skip
    webbrowser.open(url)


def cmd_target_add(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.authorize:
        if args.kind != "wordpress":
            raise UserError("--authorize works only with --kind wordpress")
        config = publishing.add_wordpress_target_authorized(ctx, args.name, args.url, _open_browser)
    else:
        options = publishing.parse_options(args.kind, args.option)
        label = publishing.SECRET_LABELS[args.kind]
        secret = read_secret(label) if label else None
        with ctx.session() as session:
            config = publishing.add_target(
                session, args.name, args.kind, args.url, args.user, secret, options
            )
    emit(
        args.json,
        config.to_json(),
        [f"Added target {config.name} ({config.kind}, {config.url}); test it with "
         f"'newsdesk target test {config.name}'"],
    )  # fmt: skip
    return 0


def cmd_target_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        targets = publishing.list_targets(session)
    lines = table(
        [[t.name, t.kind, t.url, t.username] for t in targets], ["NAME", "KIND", "URL", "USER"]
    )
    emit(args.json, [t.to_json() for t in targets], lines if targets else ["No targets yet"])
    return 0


def cmd_target_test(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        config = publishing.get_target(session, args.name)
    report = publishing.check_target(config)
    verdict = "ready to publish" if report.ok else "NOT ready"
    emit(args.json, report.to_json(), [*report.lines(), f"{config.name}: {verdict}"])
    return 0 if report.ok else 1


def cmd_target_set(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        kind = publishing.get_target(session, args.name).kind
        config = publishing.set_options(
            session, args.name, publishing.parse_options(kind, args.option)
        )
    settings = ", ".join(f"{k}={v}" for k, v in sorted(config.options.items())) or "none"
    emit(args.json, config.to_json(), [f"{config.name}: settings {settings}"])
    return 0


def cmd_target_terms(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        config = publishing.get_target(session, args.name)
    rec = authoring.show_article(ctx, args.article) if args.article else None
    site = publishing.remote_terms(config)
    lines = [f"{taxonomy} ({len(names)}): {', '.join(names) or '—'}"
             for taxonomy, names in site.items()]  # fmt: skip
    if not site:
        lines = [f"{config.name} ({config.kind}) lists no categories or tags"]
    data: dict[str, object] = {"target": config.name, "terms": site}
    if rec is not None:
        plans = publishing.terms_plan(config, rec.section, list(rec.tags), site)
        lines += [f"“{rec.headline}” → {plan.line()}" for plan in plans]
        data["article"] = [asdict(plan) for plan in plans]
    emit(args.json, data, lines)
    return 0


def cmd_target_secret(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        config = publishing.get_target(session, args.name)
    label = publishing.SECRET_LABELS.get(config.kind, "")
    if not label:
        raise UserError(f"A {config.kind} target has no secret")
    secret = read_secret(label)
    with ctx.session() as session:
        publishing.set_secret(session, args.name, secret)
    emit(args.json, config.to_json(),
         [f"Stored a new {label} for {config.name}; check it with "
          f"'newsdesk target test {config.name}'"])  # fmt: skip
    return 0


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z") if moment else ""


def _report(args: argparse.Namespace, job_id: int, outcomes: list[JobOutcome]) -> int:
    mine = [o for o in outcomes if o.job_id == job_id]
    if not mine:
        emit(args.json, {"job": job_id, "status": "queued"},
             [f"Job {job_id} is in the outbox, waiting for an earlier job of this article."])  # fmt: skip
        return EXIT_QUEUED
    out = mine[0]
    if out.status == "failed":
        if args.json:
            emit(True, out.to_json())
        print(f"newsdesk: error: {out.message}", file=sys.stderr)
        return 1
    if out.status == "queued":
        emit(args.json, out.to_json(), [
            f"Not sent yet: {out.message}",
            f"Job {job_id} stays in the outbox and is tried again after "
            f"{_local(out.next_attempt_at)} ('newsdesk outbox run', or the app, sends it).",
        ])  # fmt: skip
        return EXIT_QUEUED
    emit(args.json, out.to_json(), [f"{out.target}: {out.message}"])
    return 0


def cmd_publish(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        if args.create:
            publishing.create_folder(session, args.target)
        job = publishing.queue_publish(
            session,
            args.id,
            args.target,
            status=args.status,
            force=args.force,
            recreate=args.recreate,
        )
        job_id = job.id or 0
    if args.queue_only:
        emit(args.json, {"job": job_id, "status": "queued"}, [f"Queued job {job_id}"])
        return 0
    _say_terms(args, ctx)
    return _report(args, job_id, publishing.run_outbox(ctx, job_ids={job_id}))


def _say_terms(args: argparse.Namespace, ctx: AppContext) -> None:
    """Before sending: which of the article's categories and tags the site has and which
    publishing will create (on stderr with --json, so stdout stays one JSON document).
    A site that cannot list them now does not stop the publish; the outbox handles it."""
    with ctx.session() as session:
        config = publishing.get_target(session, args.target)
    rec = authoring.show_article(ctx, args.id)
    section, tags = rec.section, list(rec.tags)
    if config.kind not in ("wordpress", "ghost", "micropub") or not (section or tags):
        return
    out = sys.stderr if args.json else sys.stdout
    try:
        site = publishing.remote_terms(config)
    except UserError as exc:
        print(f"Could not list the site's categories and tags: {exc}", file=out)
        return
    for plan in publishing.terms_plan(config, section, tags, site):
        print(plan.line(), file=out, flush=True)


def cmd_unpublish(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        job_id = publishing.queue_unpublish(session, args.id, args.target).id or 0
    if args.queue_only:
        emit(args.json, {"job": job_id, "status": "queued"}, [f"Queued job {job_id}"])
        return 0
    return _report(args, job_id, publishing.run_outbox(ctx, job_ids={job_id}))


def cmd_outbox_list(args: argparse.Namespace, ctx: AppContext) -> int:
    statuses = None if getattr(args, "all", False) else ["queued", "running", "failed"]
    with ctx.session() as session:
        jobs = publishing.list_jobs(session, statuses=statuses)
    rows = [
        [str(j.id), shorten(j.headline, 40), j.target, j.action, j.status, str(j.attempts),
         _local(j.next_attempt_at) if j.status == "queued" else "", shorten(j.last_error, 60)]
        for j in jobs
    ]  # fmt: skip
    lines = table(rows, ["JOB", "ARTICLE", "TARGET", "ACTION", "STATUS", "TRIES", "NEXT", "ERROR"])
    emit(args.json, [j.to_json() for j in jobs], lines if jobs else ["The outbox is empty"])
    return 0


def cmd_outbox_retry(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        publishing.retry_job(session, args.job, force=args.force)
    return _report(args, args.job, publishing.run_outbox(ctx, job_ids={args.job}))


def cmd_outbox_cancel(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        job = publishing.cancel_job(session, args.job)
    emit(args.json, {"job": job.id, "status": job.status}, [f"Cancelled job {job.id}"])
    return 0


def cmd_outbox_run(args: argparse.Namespace, ctx: AppContext) -> int:
    outcomes = publishing.run_outbox(ctx)
    lines = [f"job {o.job_id} {o.target} {o.action}: {o.status}: {o.message}" for o in outcomes]
    emit(args.json, [o.to_json() for o in outcomes], lines or ["Nothing due in the outbox"])
    return 1 if any(o.status == "failed" for o in outcomes) else 0
