"""The metadata panel: everything about an article except its body."""
