//! Schema migrations, versioned in `migrations/NNN_name.sql` and tracked with
//! `PRAGMA user_version`, so that a store says which schema it has without a bookkeeping table.

use rusqlite::Connection;

use crate::StoreError;

/// One schema step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The schema version this step produces.
    pub version: u32,
    /// The file name without `.sql`.
    pub name: &'static str,
    /// The SQL it runs.
    pub sql: &'static str,
}

/// Every migration, in order. A new file in `migrations/` must be listed here (a test checks).
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "001_init",
        sql: include_str!("../migrations/001_init.sql"),
    },
    Migration {
        version: 2,
        name: "002_exact_copies",
        sql: include_str!("../migrations/002_exact_copies.sql"),
    },
    Migration {
        version: 3,
        name: "003_unused_indexes",
        sql: include_str!("../migrations/003_unused_indexes.sql"),
    },
];

/// The schema version a fully migrated store has.
pub const SCHEMA_VERSION: u32 = 3;

/// Brings `conn` to [`SCHEMA_VERSION`]; each step commits atomically with its version number.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > found) {
        let fail = |source| StoreError::Migration {
            path: path.to_string(),
            name: migration.name,
            source,
        };
        // IMMEDIATE takes the write lock first, so two processes opening a fresh store at once
        // cannot both run the same step.
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let current: u32 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(fail)?;
        if current >= migration.version {
            continue;
        }
        tx.execute_batch(migration.sql).map_err(fail)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", migration.version))
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_to_an_empty_db_and_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, ":memory:").unwrap();
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN \
                 ('articles','records','signatures','lsh_bands','entities','quotes','events','articles_fts',\
                  'exact_copies')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 9);
        // Schema 3 dropped the indexes no query used.
        let unused: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN \
                 ('articles_source','articles_date','entities_name','events_source',\
                  'events_target','events_kind')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unused, 0);
        // A second run finds nothing to do and does not fail on existing tables.
        migrate(&mut conn, ":memory:").unwrap();
    }

    #[test]
    fn a_version_1_store_is_upgraded_and_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A store as the first release left it: schema 1 only, one article in it.
        conn.execute_batch(MIGRATIONS[0].sql).unwrap();
        conn.execute_batch("PRAGMA user_version = 1").unwrap();
        conn.execute(
            "INSERT INTO articles (id, hash, story_id, name, source, words, text) \
             VALUES (1, 'h', 1, 'a.jsonl:1', 'wire', 2, 'two words')",
            [],
        )
        .unwrap();
        migrate(&mut conn, "old.db").unwrap();
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let text: String = conn
            .query_row("SELECT text FROM articles WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(text, "two words");
        // The new table takes an exact copy of the old article.
        conn.execute(
            "INSERT INTO exact_copies (article_id, key, story_id, name, source) \
             VALUES (1, 'b.jsonl:1', 1, 'b.jsonl:1', 'daily')",
            [],
        )
        .unwrap();
    }

    #[test]
    fn a_newer_store_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        let err = migrate(&mut conn, "x.db").unwrap_err();
        assert!(
            err.to_string().contains("x.db: store schema version 99"),
            "{err}"
        );
    }

    #[test]
    fn every_migration_file_is_listed_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{}.sql", m.name))
            .collect();
        assert_eq!(files, listed);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1);
            assert!(m.name.starts_with(&format!("{:03}_", m.version)));
        }
        assert_eq!(MIGRATIONS.last().unwrap().version, SCHEMA_VERSION);
    }
}
