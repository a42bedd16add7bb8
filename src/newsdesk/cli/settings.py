"""``newsdesk settings show|set``: the site's settings."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit
from newsdesk.cli.parsing import group
from newsdesk.services.site import change_site_settings, read_site_settings

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    stsub = group(sub, common, "settings", "site settings (name, tagline, budgets…)")
    stsub.add_parser("show", parents=[common]).set_defaults(func=cmd_settings_show)
    sset = stsub.add_parser("set", parents=[common], help="set one setting")
    sset.add_argument("key")
    sset.add_argument("value")
    sset.set_defaults(func=cmd_settings_set)


def cmd_settings_show(args: argparse.Namespace, ctx: AppContext) -> int:
    data = asdict(read_site_settings(ctx))
    emit(args.json, data, [f"{k} = {v!r}" for k, v in data.items()])
    return 0


def cmd_settings_set(args: argparse.Namespace, ctx: AppContext) -> int:
    settings = change_site_settings(ctx, {args.key: args.value})
    emit(args.json, asdict(settings), [f"{args.key} = {getattr(settings, args.key)!r}"])
    return 0
