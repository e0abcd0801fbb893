"""Cross-article work over the store: ingest, near-duplicates, event clusters, trackers, exports."""
