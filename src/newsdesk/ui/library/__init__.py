"""The library browser: every article in a lazily loaded list, filters, search, bulk changes."""
