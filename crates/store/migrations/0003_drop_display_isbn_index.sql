-- Duplicates are found through record_isbns (every ISBN of a record, as ISBN-13); the index
-- on the displayed ISBN served no query and cost every insert and update a B-tree write.

DROP INDEX records_by_isbn;
