"""The tag manager (``manager``): tidy the library's tags and tag several articles at once;
suggested tags while writing (``suggest``). Import the modules: the window loads the manager on
first use."""
