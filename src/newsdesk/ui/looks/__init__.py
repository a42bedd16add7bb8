"""Site looks in the desktop app: learning a target's look from the targets dialog, and
correcting where the article's parts are (``newsdesk.looks``, ``services/looks.py``)."""
