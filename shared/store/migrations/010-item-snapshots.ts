import type { Database } from 'better-sqlite3';

/**
 * The core's item snapshot (every item with its status and flag history, packed into typed arrays) kept in the
 * workspace, so opening a large workspace reads one blob instead of stepping 500,000 change rows through the
 * driver (2 s at 50,000 items). The row exists only while it matches the tables: every write to the three tables
 * it is built from deletes it, in the writer's own transaction, whichever program writes. A reader that finds no
 * row builds the snapshot from the tables and saves it. A workspace file is untrusted, so the reader still checks
 * the blob's shape and its counts against the tables before using it.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE item_snapshots (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      format INTEGER NOT NULL,
      data BLOB NOT NULL
    ) STRICT;
    CREATE TRIGGER item_snapshots_work_items_insert AFTER INSERT ON work_items BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_work_items_update AFTER UPDATE ON work_items BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_work_items_delete AFTER DELETE ON work_items BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_status_changes_insert AFTER INSERT ON status_changes BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_status_changes_update AFTER UPDATE ON status_changes BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_status_changes_delete AFTER DELETE ON status_changes BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_flag_changes_insert AFTER INSERT ON flag_changes BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_flag_changes_update AFTER UPDATE ON flag_changes BEGIN DELETE FROM item_snapshots; END;
    CREATE TRIGGER item_snapshots_flag_changes_delete AFTER DELETE ON flag_changes BEGIN DELETE FROM item_snapshots; END;
  `);
}
