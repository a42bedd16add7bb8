"""The site's "Read more" candidates sharing two tags or more come from a pair index; it must
find exactly what intersecting every two tag sets finds (a tag listed twice included), and
the pick must be the one ranking every candidate gives."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from newsdesk.core.pages import READ_MORE
from newsdesk.export.site_data import _pair_index, _read_more, _sharing_two


def test_pair_index_finds_what_pairwise_intersections_find() -> None:
    rng = random.Random(17)
    published = list(range(1, 400))
    article_tags = {a: [rng.randrange(12) for _ in range(rng.randrange(0, 5))] for a in published}
    article_tags[7] = [3, 3, 5]  # the same tag twice (a library edited by hand)
    tag_sets: dict[int, set[int]] = {}
    for a in published:
        for t in article_tags[a]:
            tag_sets.setdefault(t, set()).add(a)
    frozen = {t: frozenset(ids) for t, ids in tag_sets.items()}
    pairs = _pair_index(published, article_tags)
    for tids in [*article_tags.values(), [1, 99], [4, 4], []]:
        sets = [frozen.get(t, frozenset()) for t in tids]
        expected: set[int] = set()
        for i in range(len(sets)):
            for j in range(i + 1, len(sets)):
                expected |= sets[i] & sets[j]
        assert _sharing_two(tids, sets, pairs) == expected, tids


def _ranked_by_brute_force(aid: int, tids: list[int], tags_of: dict[int, list[int]]) -> list[int]:
    """Read more by its definition: every other article sharing a tag, most shared first,
    newest (lowest rank) first among equals."""
    shared = {a: len(set(ts) & set(tids)) for a, ts in tags_of.items() if a != aid}
    return sorted((a for a, n in shared.items() if n), key=lambda a: (-shared[a], a))[:READ_MORE]


@pytest.mark.parametrize("tag_count", [4, 9, 40])
def test_read_more_picks_what_ranking_every_candidate_picks(tag_count: int) -> None:
    """Few tags: many articles share three or four with a page (the counted path); many
    tags: mostly one or two. Either way the pick is the definition's, in its order."""
    rng = random.Random(tag_count)
    published = list(range(300))  # newest first: an article's rank is its id
    tags_of = {a: rng.sample(range(tag_count), rng.randrange(0, 5)) for a in published}
    by_tag: dict[int, list[int]] = defaultdict(list)
    for a in published:
        for t in tags_of[a]:
            by_tag[t].append(a)
    rank = {a: a for a in published}
    pairs = _pair_index(published, tags_of)
    for aid in published:
        got = _read_more(aid, tags_of[aid], by_tag, rank, pairs)
        assert got == _ranked_by_brute_force(aid, tags_of[aid], tags_of), aid


def test_read_more_with_a_tag_listed_twice_counts_it_as_before() -> None:
    published = [1, 2, 3, 4]
    tags_of = {1: [3, 3, 5], 2: [3], 3: [5, 3], 4: [5]}
    by_tag: dict[int, list[int]] = defaultdict(list)
    for a in published:
        for t in tags_of[a]:
            by_tag[t].append(a)
    pairs = _pair_index(published, tags_of)
    rank = {a: a for a in published}
    assert _read_more(1, tags_of[1], by_tag, rank, pairs) == [3, 2, 4]
