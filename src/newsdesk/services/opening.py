"""Opening a library for a run of newsdesk: the default library gets the sample content, a
person's own new library starts neutral, named after its file."""

from __future__ import annotations

from newsdesk.core.context import AppContext, open_library_context
from newsdesk.core.settings import neutral_site, save_settings, site_name_from
from newsdesk.storage.library import damaged_message

# AppContext is re-exported: the front ends type their commands and windows with it; and the
# message for a library opened read-only because it is damaged.
__all__ = ["AppContext", "damaged_message", "open_context"]


def open_context(
    db: str | None = None, basedir: str | None = None, *, seed: bool | None = None
) -> AppContext:
    """Open the library (creating it if missing). The default library gets sample content."""
    ctx = open_library_context(db, basedir)
    if seed is None:
        seed = ctx.paths.is_default_library
    if ctx.library.created and seed:
        from newsdesk.services.sample import seed_sample_library

        seed_sample_library(ctx)
    elif ctx.library.created:
        # The sample site's name, tagline and "fictional sample content" footer stay in the
        # sample library: a person's own library starts neutral, named after its file.
        with ctx.session() as session:
            save_settings(session, neutral_site(site_name_from(str(ctx.paths.library_target))))
    return ctx
