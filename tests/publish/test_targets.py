"""A target whose secret is missing from the keyring: every publisher that needs one refuses
in the same words, naming the secret and the command that stores it."""

from __future__ import annotations

import httpx
import pytest

from newsdesk.publish.ghost import GhostPublisher
from newsdesk.publish.http import PublishError
from newsdesk.publish.micropub import MicropubPublisher
from newsdesk.publish.targets import TargetConfig
from newsdesk.publish.webhook import WebhookPublisher


@pytest.mark.parametrize(
    ("publisher", "kind", "label"),
    [
        (GhostPublisher, "ghost", "Admin API key (id:secret)"),
        (MicropubPublisher, "micropub", "access token"),
        (WebhookPublisher, "webhook", "signing secret"),
    ],
)
def test_a_missing_secret_is_named_with_the_command_that_stores_it(publisher, kind, label):
    target = TargetConfig("desk", kind, "http://127.0.0.1:9/")
    with httpx.Client() as client, pytest.raises(PublishError) as caught:
        publisher(target, None, client)
    assert str(caught.value) == (
        f"Target desk has no {label} in the keyring; store it with 'newsdesk target secret desk'."
    )
