"""The Preferences dialog (site, editor, appearance, publishing) and the app-wide theme."""
