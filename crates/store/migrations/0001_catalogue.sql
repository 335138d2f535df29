-- Records, their earlier versions, and the trash (records with deleted_at set).

CREATE TABLE records (
    id             INTEGER PRIMARY KEY,
    flavour        TEXT    NOT NULL CHECK (flavour IN ('marc21', 'unimarc', 'rusmarc', 'cnmarc')),
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'complete')),
    version        INTEGER NOT NULL DEFAULT 1,
    -- The whole record, lossless, as compact JSON (see src/body.rs): leader, then fields in
    -- order with indicators and ordered, repeatable subfields.
    body           TEXT    NOT NULL,
    -- Derived from body on every save, for listing and sorting; never edited directly.
    title          TEXT    NOT NULL,
    sort_title     TEXT    NOT NULL,
    responsibility TEXT    NOT NULL,
    year           INTEGER,
    language       TEXT,
    isbn           TEXT,
    -- Unix time in milliseconds.
    created_at     INTEGER NOT NULL,
    modified_at    INTEGER NOT NULL,
    deleted_at     INTEGER
) STRICT;

CREATE INDEX records_by_modified ON records (deleted_at, modified_at);
CREATE INDEX records_by_year ON records (deleted_at, year);
CREATE INDEX records_by_isbn ON records (isbn) WHERE isbn IS NOT NULL;

-- Every version a save replaced; the current version lives in records.
CREATE TABLE record_versions (
    record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    flavour   TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    saved_at  INTEGER NOT NULL,
    PRIMARY KEY (record_id, version)
) STRICT, WITHOUT ROWID;
