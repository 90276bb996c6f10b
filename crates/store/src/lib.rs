//! The store: articles, records, entities, quotes and events in SQLite, with ingest, near-duplicate detection and queries.
