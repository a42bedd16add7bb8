"""The core layer: library access and the things a library holds (articles, assets,
settings, taxonomy, revisions, search, page building). Imports only render, storage, domain,
errors and paths below it; the use cases in services/ and the format packages build on it."""
