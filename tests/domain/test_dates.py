"""iso_utc: every moment newsdesk writes as text is ISO 8601 in UTC, ending in Z."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsdesk.domain.dates import iso_utc


def test_moments_are_written_in_utc_with_z() -> None:
    doha = timezone(timedelta(hours=3))
    assert iso_utc(datetime(2025, 3, 1, 13, 0, tzinfo=doha)) == "2025-03-01T10:00:00Z"
    assert (
        iso_utc(datetime(2025, 3, 1, 10, 0, 0, 250000, tzinfo=UTC)) == "2025-03-01T10:00:00.250000Z"
    )
    assert iso_utc(datetime(2025, 3, 1, 10, 0, 0, 250000), seconds=True) == "2025-03-01T10:00:00Z"
    assert iso_utc(None) is None
