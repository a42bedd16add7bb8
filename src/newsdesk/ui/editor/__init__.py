"""The Markdown editor: source styled as it is typed, formatting shortcuts, find and replace,
spell checking, images and focus mode."""
