## Importing and exporting records (backend messages).

error-import-cancelled = Import cancelled; nothing was imported
dialog-import-files = Import records
dialog-export-file = Export records
dialog-save-report = Save the import report
dialog-filter-marc = MARC records (ISO 2709, MARCXML, .mrk)
dialog-filter-report = Text files
error-unknown-charset = Unknown character set “{ $name }”
