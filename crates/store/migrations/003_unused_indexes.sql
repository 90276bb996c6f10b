-- sitrep store, schema version 3: indexes no query reads are dropped.
--
-- Every index costs a B-tree insert on every row written. None of these is used by any
-- query sitrep runs (checked with EXPLAIN QUERY PLAN): actor names are matched as whole
-- words with LIKE over ' ' || name || ' ', which no index can serve; the event-type filter
-- looks events up by article (the primary key); date filters apply to search hits found by
-- the full-text index; stats and actors scan their tables. Dropping them made ingest cheaper
-- and the store smaller, and changed no result.

DROP INDEX IF EXISTS articles_source;
DROP INDEX IF EXISTS articles_date;
DROP INDEX IF EXISTS entities_name;
DROP INDEX IF EXISTS events_source;
DROP INDEX IF EXISTS events_target;
DROP INDEX IF EXISTS events_kind;
