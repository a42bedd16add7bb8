"""Revision history: bounded autosaves over a long session, exact diffs, restore and undo."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from newsdesk.errors import NotFoundError

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
WORDS = [
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "that",
    "the",
    "new",
    "harbour",
    "wall",
    "would",
    "be",
    "finished",
    "before",
    "the",
    "winter",
    "storms",
    "arrive",
    "although",
    "engineers",
    "warned",
    "that",
    "costs",
    "could",
    "rise",
    "again",
]


def _new(ctx, body: str = "First draft of the story.") -> int:
    with ctx.session() as s:
        rec = create_article(
            s, ArticleRecord(headline="Seawall vote", body=body, section="World", tags=["climate"])
        )
        revisions.record_revision(s, rec.id, "save", now=T0)
    assert rec.id is not None
    return rec.id


@pytest.mark.heavy
def test_two_hour_typing_session_leaves_a_bounded_history(ctx) -> None:
    article = _new(ctx, "")
    words: list[str] = []
    saves: list[int] = []
    recorded = 0
    started = time.monotonic()
    step = timedelta(seconds=10)
    ticks = int(timedelta(hours=2) / step)
    with ctx.session() as s:
        for tick in range(1, ticks + 1):
            now = T0 + tick * step
            # About 42 words a minute, with a paragraph break now and then.
            words += [WORDS[(tick * 7 + i) % len(WORDS)] for i in range(7)]
            if tick % 18 == 0:
                words.append("\n\n")
            update_article(s, article, {"body": " ".join(words)})
            # The editor calls the checkpoint once the writer pauses (here: after each burst).
            if revisions.autosave_checkpoint(s, article, now, last_edit_at=now - step):
                recorded += 1
            if tick % 90 == 0:  # an explicit save every 15 minutes
                saves.append(revisions.record_revision(s, article, "save", now=now).id)
        history = revisions.list_revisions(s, article)
    elapsed = time.monotonic() - started
    kinds = [r.kind for r in history]
    ids = {r.id for r in history}
    assert recorded > 150, "autosaves were recorded all along the session"
    assert len(history) <= 60, f"{len(history)} revisions after a two-hour session"
    assert set(saves) <= ids and kinds.count("save") == len(saves) + 1
    # The history still covers the session: no gap longer than ten minutes between revisions.
    times = sorted(r.created_at for r in history)
    assert max(b - a for a, b in itertools.pairwise(times)) <= timedelta(minutes=10)
    assert history[0].word_count == len([w for w in words if w.strip()])
    print(
        f"{ticks} checkpoints, {recorded} autosaves recorded, {len(history)} kept, {elapsed:.1f}s"
    )


def test_small_changes_wait_for_time_or_more_words(ctx) -> None:
    article = _new(ctx)
    with ctx.session() as s:
        update_article(s, article, {"body": "First draft of the story, revised."})
        assert revisions.autosave_checkpoint(s, article, T0 + timedelta(minutes=1)) is None
        # Still typing: no checkpoint whatever the change.
        update_article(s, article, {"body": " ".join(WORDS)})
        assert (
            revisions.autosave_checkpoint(
                s, article, T0 + timedelta(minutes=2), last_edit_at=T0 + timedelta(minutes=2)
            )
            is None
        )
        assert revisions.autosave_checkpoint(s, article, T0 + timedelta(minutes=2)) is not None
        update_article(s, article, {"body": " ".join(WORDS) + " Later."})
        assert revisions.autosave_checkpoint(s, article, T0 + timedelta(minutes=3)) is None
        assert revisions.autosave_checkpoint(s, article, T0 + timedelta(minutes=8)) is not None
        update_article(s, article, {"headline": "Seawall approved"})
        info = revisions.autosave_checkpoint(s, article, T0 + timedelta(minutes=9))
        assert info is not None and "headline changed" in info.summary


def test_old_autosaves_thin_to_one_per_hour_then_day(ctx) -> None:
    article = _new(ctx)
    with ctx.session() as s:
        for minute in range(0, 6 * 60, 10):
            update_article(s, article, {"body": f"Draft {minute} " + " ".join(WORDS)})
            revisions.record_revision(s, article, "autosave", now=T0 + timedelta(minutes=minute))
        revisions.compact_autosaves(s, article, now=T0 + timedelta(days=3))
        autos = [r for r in revisions.list_revisions(s, article) if r.kind == "autosave"]
    assert len(autos) == 1


def test_diff_of_a_known_edit(ctx) -> None:
    article = _new(ctx, "The council voted on Tuesday to approve the seawall.")
    with ctx.session() as s:
        update_article(
            s,
            article,
            {
                "body": "The city council voted on Monday to approve the seawall.",
                "tags": ["climate", "flooding"],
                "headline": "Seawall approved",
            },
        )
        second = revisions.record_revision(s, article, "save", now=T0 + timedelta(minutes=5))
        first = revisions.list_revisions(s, article)[-1]
        d = revisions.diff_revisions(s, article, first.id, second.id)
    assert d.body_stats.inserted == ["city", "Monday"]
    assert d.body_stats.deleted == ["Tuesday"]
    assert {(f.name, f.old, f.new) for f in d.fields} == {
        ("headline", "Seawall vote", "Seawall approved"),
        ("tags", "climate", "climate, flooding"),
    }
    assert second.summary == "+2 −1 words; headline changed; tags changed"


def test_restore_and_undo_round_trip(ctx) -> None:
    article = _new(ctx, "Original text of the story.")
    with ctx.session() as s:
        original = get_article(s, article)
        first = revisions.list_revisions(s, article)[0]
        update_article(
            s,
            article,
            {"body": "Rewritten text entirely.", "headline": "New head", "tags": ["oceans"],
             "section": "Science", "status": "published"},
        )  # fmt: skip
        revisions.record_revision(s, article, "save", now=T0 + timedelta(minutes=1))
        edited = get_article(s, article)

        restored, undo = revisions.restore_revision(s, article, first.id, T0 + timedelta(minutes=2))
        assert undo.kind == "restore"
        for name in ("headline", "body", "tags", "section", "standfirst", "byline"):
            assert getattr(restored, name) == getattr(original, name), name
        assert restored.status == "published"  # a restore brings back content, not workflow

        back, _ = revisions.restore_revision(s, article, undo.id, T0 + timedelta(minutes=3))
        for name in ("headline", "body", "tags", "section"):
            assert getattr(back, name) == getattr(edited, name), name
        kinds = [r.kind for r in revisions.list_revisions(s, article)]
    assert kinds == ["restore", "restore", "save", "save"]


def test_unknown_revision_is_a_user_error(ctx) -> None:
    article = _new(ctx)
    with ctx.session() as s, pytest.raises(NotFoundError, match="history"):
        revisions.diff_revisions(s, article, 999, None)
