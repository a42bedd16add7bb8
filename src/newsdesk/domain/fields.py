"""The declarative description of an article's fields: what each one is and where it goes.

``domain.record.ArticleRecord`` declares every field with :func:`spec` (its label, whether it
is edited, stored in the article's own row, diffed and restored by the revision history,
copied on duplicate, written to front matter / ninjs / the publish payload, and its command
line option); ``domain.schema`` reads those declarations, and the services, importers,
exporters, publishers and the CLI take their field lists from there. Adding a field is one
line in the record, one column in ``storage.models.Article`` (checked by
``tests/domain/test_schema.py``) and a migration.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

# How a value is written and read by the generic paths (front matter, CLI, ninjs).
Kind = Literal["text", "int", "bool", "datetime", "names", "list"]
# Where the revision history keeps a field: ``ArticleRevision`` has a column of the same name
# ("column"), or it lives in the revision's ``extra_json`` ("extra"); None: not kept.
History = Literal["column", "extra"] | None

SPEC = "newsdesk"  # the key in a dataclass field's metadata


@dataclass(frozen=True)
class FieldSpec:
    """Everything the rest of the program needs to know about one article field."""

    label: str
    kind: Kind = "text"
    # Changed through ``update_article`` (and set by ``create_article``).
    editable: bool = True
    # A column of the same name on ``storage.models.Article`` (else a relation or derived).
    column: bool = True
    # Shown as a field change in a revision diff (the body has its own word diff).
    diffed: bool = False
    history: History = None
    # Put back by restoring a revision (status, slug and workflow are not: a restore must not
    # unpublish a story or move its URL).
    restored: bool = False
    # Carried over to a duplicate (identity, dates and derived values are not).
    copied: bool = True
    # Front matter: the key written, then other spellings accepted on import.
    front_matter: tuple[str, ...] = ()
    # ninjs 2.1: a top-level string property ("located") or a description role
    # ("description:summary"); "" = written by ``export.ninjs`` by hand, or not at all.
    ninjs: str = ""
    # Passed to publishers in the ``PostPayload`` (a named attribute there, else in ``extra``).
    payload: bool = False
    # ``newsdesk article add/edit`` option ("--dateline"), its help and metavar.
    cli: str = ""
    cli_help: str | None = None
    metavar: str | None = None
    choices: tuple[str, ...] = ()


def spec(default: Any = dataclasses.MISSING, *, factory: Any = None, **kw: Any) -> Any:
    """A dataclass field carrying its :class:`FieldSpec` (``factory`` for list defaults)."""
    meta = {SPEC: FieldSpec(**kw)}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class ArticleField:
    """One declared field: its name, its spec and its default value."""

    name: str
    spec: FieldSpec
    default: Any

    @property
    def label(self) -> str:
        return self.spec.label


def declared_fields(cls: type) -> tuple[ArticleField, ...]:
    """The fields of a dataclass declared with :func:`spec`, in declaration order."""
    out = []
    for f in dataclasses.fields(cls):
        found = f.metadata.get(SPEC)
        if not isinstance(found, FieldSpec):
            raise TypeError(f"{cls.__name__}.{f.name} is declared without newsdesk's spec()")
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        out.append(ArticleField(f.name, found, default))
    return tuple(out)
