-- What identifies a record across catalogues, for the duplicate check on import: the
-- control number with its agency, and every ISBN as ISBN-13. Filled for existing records
-- by the derived-data rebuild that runs after this migration.

ALTER TABLE records ADD COLUMN control_key TEXT;
CREATE INDEX records_by_control_key ON records (control_key) WHERE control_key IS NOT NULL;

CREATE TABLE record_isbns (
    isbn13    TEXT    NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    PRIMARY KEY (isbn13, record_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX record_isbns_by_record ON record_isbns (record_id);
