"""The names a file format's writer and its reader must agree on, kept below both so an
importer never imports its exporter: the bundle's manifest and the ninjs status role."""

from __future__ import annotations

# A newsdesk bundle (export/bundle.py writes it, importers/bundle.py reads it).
BUNDLE_FORMAT = "newsdesk-bundle"
BUNDLE_FORMAT_VERSION = 1
BUNDLE_MANIFEST = "manifest.json"

# ninjs: newsdesk's own status travels as an altid with this role (export/ninjs.py,
# importers/ninjs.py).
NINJS_STATUS_ROLE = "newsdesk:status"
