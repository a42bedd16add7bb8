"""The site's "Read more" candidates sharing two tags or more come from a pair index; it must
find exactly what intersecting every two tag sets finds (a tag listed twice included)."""

from __future__ import annotations

import random

from newsdesk.export.site_data import _pair_index, _sharing_two


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
