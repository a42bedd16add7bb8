"""Making the publisher for a target: the one place that maps a kind to its client."""

from __future__ import annotations

import httpx

from newsdesk.publish.base import Publisher
from newsdesk.publish.http import make_client
from newsdesk.publish.targets import TargetConfig, check_kind


def make_publisher(
    target: TargetConfig, secret: str | None, client: httpx.Client | None = None
) -> Publisher:
    """The publisher for ``target``; it owns ``client`` (closed by ``Publisher.close``)."""
    kind = check_kind(target.kind)
    if kind == "folder":
        from newsdesk.publish.folder import FolderPublisher

        return FolderPublisher(target)
    client = client or make_client()
    if kind == "webhook":
        from newsdesk.publish.webhook import WebhookPublisher

        return WebhookPublisher(target, secret, client)
    if kind == "micropub":
        from newsdesk.publish.micropub import MicropubPublisher

        return MicropubPublisher(target, secret, client)
    if kind == "ghost":
        from newsdesk.publish.ghost import GhostPublisher

        return GhostPublisher(target, secret, client)
    from newsdesk.publish.wordpress import WordPressPublisher

    return WordPressPublisher(target, secret, client)
