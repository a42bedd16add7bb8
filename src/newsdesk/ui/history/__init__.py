"""The history panel (``panel``): an article's revisions, a word-level diff of any two, and
restore; autosave checkpoints (``autosave``). Import the modules."""
