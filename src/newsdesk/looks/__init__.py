"""Site looks: learn a WordPress or Ghost site's article page once, keep a sanitised copy in
the library, and render any article into it offline (the preview's "site look" and
``newsdesk export html --look``).

``fetch`` gets the page and its stylesheets, fonts and theme images; ``sanitize`` removes
every script, form, frame, tracking pixel and external reference; ``parts`` finds where the
title, excerpt, byline, date, featured image and body are; ``render`` puts an article there.
No Qt here, and no database: ``services/looks.py`` stores snapshots.
"""
