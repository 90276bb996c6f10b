-- sitrep store, schema version 1.
--
-- One row per distinct article text (`articles.hash` is the content hash of the normalized
-- text). A syndicated near-copy is its own article row with `copy_of` set; it shares its
-- `story_id` with the article it copies and has no entities, quotes, events or search entry
-- of its own, so counts are not inflated by syndication.

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    hash        TEXT    NOT NULL UNIQUE,
    story_id    INTEGER NOT NULL,
    copy_of     INTEGER REFERENCES articles(id),
    similarity  REAL,
    name        TEXT    NOT NULL,
    external_id TEXT,
    url         TEXT,
    source      TEXT    NOT NULL,
    title       TEXT,
    date        TEXT,
    language    TEXT,
    words       INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    ingested_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_date ON articles(date);

-- The record as JSON, with its `text` left empty: the text lives in `articles.text`.
CREATE TABLE records (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    json       TEXT    NOT NULL
);

-- MinHash signatures (little-endian u32 slots) and their LSH band keys.
CREATE TABLE signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    minhash    BLOB    NOT NULL
);
CREATE TABLE lsh_bands (
    band       INTEGER NOT NULL,
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;

CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity     TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    country    TEXT,
    titles     TEXT    NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE quotes (
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    idx          INTEGER NOT NULL,
    speaker      TEXT,
    speaker_name TEXT,
    text         TEXT    NOT NULL,
    cue          TEXT,
    direct       INTEGER NOT NULL,
    sentence     INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    article_id    INTEGER NOT NULL REFERENCES articles(id),
    idx           INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    mode          TEXT,
    cameo         TEXT,
    source        TEXT,
    source_name   TEXT,
    target        TEXT,
    target_name   TEXT,
    date          TEXT,
    date_basis    TEXT,
    place_name    TEXT,
    polarity      TEXT    NOT NULL,
    certainty     TEXT    NOT NULL,
    background    INTEGER NOT NULL,
    sentence      INTEGER NOT NULL,
    sentence_text TEXT    NOT NULL,
    evidence      TEXT    NOT NULL,
    rule          TEXT    NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX events_source ON events(source_name COLLATE NOCASE);
CREATE INDEX events_target ON events(target_name COLLATE NOCASE);
CREATE INDEX events_kind ON events(kind);

-- Full-text index over original articles; the text is read from `articles` (external content).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = 'articles', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
