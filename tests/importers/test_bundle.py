"""Bundle import: a lossless round trip, updates by UUID, and hostile archives refused whole."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import pytest
from sqlmodel import select

from newsdesk.core.articles import get_article, list_articles, update_article
from newsdesk.errors import ImportFailed
from newsdesk.export.bundle import export_bundle
from newsdesk.importers.bundle import import_bundle
from newsdesk.importers.safezip import Limits
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context
from newsdesk.storage.models import Asset, Section, Tag
from tests.newsroom import dump, populate

KEEP = ("id", "version", "body_html")  # library-local bookkeeping


@pytest.fixture
def bundle(ctx, tmp_path) -> Path:
    with ctx.session() as s:
        recs = populate(s)
        update_article(s, recs[0].id, {"tags": ["Energy", "Grid storage"]})
        export_bundle(s, [r.id for r in recs], tmp_path / "b.zip", load_theme(ctx.resources))
    return tmp_path / "b.zip"


@pytest.fixture
def empty(tmp_path):
    context = open_context(str(tmp_path / "empty.newsdesk"), seed=False)
    yield context
    context.close()


def _articles(ctx) -> dict[str, dict]:
    with ctx.session() as s:
        out = {}
        for summary in list_articles(s):
            data = get_article(s, summary.id).to_json()
            for key in ("id", "version"):
                data.pop(key)
            out[data["uuid"]] = data
        return out


def _assets(ctx) -> set[tuple]:
    with ctx.session() as s:
        return {
            (a.sha256, a.filename, a.media_type, a.size, a.width, a.height, a.data)
            for a in s.exec(select(Asset))
        }


def _taxonomy(ctx) -> tuple[set, set]:
    with ctx.session() as s:
        return (
            {
                (x.name, x.slug, x.position, x.description)
                for x in s.exec(select(Section))
                if x.name in {"World", "Business", "Science"}
            },
            {(t.name, t.slug) for t in s.exec(select(Tag))},
        )


def test_round_trip_into_an_empty_library_is_lossless(ctx, empty, bundle) -> None:
    with empty.session() as s:
        results = import_bundle(s, bundle)
    assert len(results) == 8 and not any(r.updated for r in results)
    assert _articles(empty) == _articles(ctx)
    assert _assets(empty) == _assets(ctx)
    assert _taxonomy(empty) == _taxonomy(ctx)


def test_importing_again_updates_by_uuid_and_as_copies_duplicates(empty, bundle) -> None:
    with empty.session() as s:
        import_bundle(s, bundle)
    with empty.session() as s:
        again = import_bundle(s, bundle)
        assert all(r.updated for r in again)
        assert len(list_articles(s)) == 8
    with empty.session() as s:
        copies = import_bundle(s, bundle, as_copy=True)
        assert not any(r.updated for r in copies)
        assert len(list_articles(s)) == 16
        assert len({r.record.uuid for r in copies}) == 8


# ------------------------------------------------------------ hostile input


def _rewrite(src: Path, dest: Path, edit) -> Path:
    """Copy a bundle, letting ``edit(files)`` change its {name: bytes} (manifest re-hashed)."""
    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    edit(files)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def _rehash(files: dict[str, bytes]) -> None:
    manifest = json.loads(files["manifest.json"])
    manifest["files"] = [
        {"path": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in sorted(files.items())
        if n != "manifest.json"
    ]
    files["manifest.json"] = json.dumps(manifest).encode()


def _raw_zip(dest: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return dest


def _zeros_zip(dest: Path, name: str, size: int) -> Path:
    """One entry of ``size`` zero bytes (about 1,000:1), written without holding it in memory."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(name, "w") as out:
        for _ in range(size >> 20):
            out.write(bytes(1 << 20))
    return dest


def _symlink_entry() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("story/link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _first_md(files: dict[str, bytes]) -> str:
    return next(n for n in sorted(files) if n.endswith("article.md"))


HOSTILE = {
    "zip slip": (lambda b, d: _raw_zip(d, [("../evil.txt", b"x")]), "zip slip"),
    "absolute path": (lambda b, d: _raw_zip(d, [("/etc/evil", b"x")]), "absolute path"),
    "symlink": (lambda b, d: _raw_zip(d, [(_symlink_entry(), b"/etc/passwd")]), "symbolic link"),
    "bomb ratio": (lambda b, d: _zeros_zip(d, "manifest.json", 40 << 20), "zip bomb"),
    "missing manifest": (
        lambda b, d: _rewrite(b, d, lambda f: f.pop("manifest.json")),
        "manifest.json: missing",
    ),
    "wrong manifest": (
        lambda b, d: _rewrite(b, d, lambda f: f.update({"manifest.json": b'{"format": "other"}'})),
        "not a newsdesk-bundle manifest",
    ),
    "checksum mismatch": (
        lambda b, d: _rewrite(
            b, d, lambda f: f.update({_first_md(f): f[_first_md(f)] + b"tampered"})
        ),
        "checksum mismatch",
    ),
    "invalid json": (
        lambda b, d: _rewrite(b, d, lambda f: f.update({"manifest.json": b"{not json"})),
        "not valid JSON",
    ),
    "invalid yaml": (
        lambda b, d: _rewrite(
            b,
            d,
            lambda f: (f.update({_first_md(f): b"---\ntitle: [unclosed\n---\nbody\n"}), _rehash(f)),
        ),
        "not valid YAML",
    ),
    "undecodable text": (
        lambda b, d: _rewrite(
            b,
            d,
            lambda f: (f.update({_first_md(f): b"---\ntitle: x\n---\n\xff\xfe bad"}), _rehash(f)),
        ),
        "not UTF-8",
    ),
    "unlisted file": (
        lambda b, d: _rewrite(b, d, lambda f: f.update({"extra.txt": b"surprise"})),
        "not listed in the manifest",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_bundles_are_refused_and_the_library_is_unchanged(
    case, ctx, bundle, tmp_path
) -> None:
    make, expected = HOSTILE[case]
    bad = make(bundle, tmp_path / f"{case.replace(' ', '-')}.zip")
    with ctx.session() as s:
        before = dump(s)
    library_bytes = Path(ctx.paths.db_path).read_bytes()
    with pytest.raises(ImportFailed) as err, ctx.session() as s:
        import_bundle(s, bad)
    message = str(err.value)
    assert expected in message and str(bad) in message
    with ctx.session() as s:
        assert dump(s) == before
    assert Path(ctx.paths.db_path).read_bytes() == library_bytes


def test_declared_size_limit(ctx, bundle) -> None:
    with pytest.raises(ImportFailed, match="over the 1000 byte limit"), ctx.session() as s:
        import_bundle(s, bundle, limits=Limits(entry_bytes=1000))


def test_failure_late_in_the_import_leaves_nothing(empty, bundle, tmp_path) -> None:
    """The last article's front matter names a missing image: the earlier ones must not stay."""

    def edit(files: dict[str, bytes]) -> None:
        last = sorted(n for n in files if n.endswith("article.md"))[-1]
        files[last] = files[last].replace(
            b"featured_image:\n  src: assets/", b"featured_image:\n  src: nowhere/"
        )
        _rehash(files)

    bad = _rewrite(bundle, tmp_path / "late.zip", edit)
    with empty.session() as s:
        before = dump(s)
    with pytest.raises(ImportFailed, match="does not exist") as err, empty.session() as s:
        import_bundle(s, bad)
    assert "newsdesk-bundle-" not in str(err.value)  # names the zip, not a temporary folder
    with empty.session() as s:
        assert dump(s) == before
