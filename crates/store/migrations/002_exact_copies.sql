-- sitrep store, schema version 2: exact syndicated copies.
--
-- `articles.hash` is UNIQUE, so a second item with the same normalized text cannot get an
-- `articles` row. When that item comes from another source under its own id/URL (an outlet
-- running a wire story word for word once its boilerplate is removed), it is recorded here
-- as a copy (similarity 1.0) of the stored article with that text: it counts in copies, by
-- source and in a story's sources, but adds no text, record, entities, events or search
-- entry. An item seen again (same key, or a source that already has this text) is not
-- written at all.
--
-- `key` is the item's identity: its external id, else its URL, else its name. `story_id` is
-- the stored article's story (story ids never change), kept here so that story counts need
-- no join.

CREATE TABLE exact_copies (
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    key         TEXT    NOT NULL,
    story_id    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    external_id TEXT,
    url         TEXT,
    source      TEXT    NOT NULL,
    title       TEXT,
    date        TEXT,
    ingested_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
CREATE INDEX exact_copies_story ON exact_copies(story_id);
CREATE INDEX exact_copies_source ON exact_copies(source);
