"""Publishing articles to other places: WordPress, Ghost, Micropub, webhooks and a Hugo folder."""
