## Errors and problems reported by the backend, shown in the UI and by the qiao CLI.

mrk-expected-equals = Line { $line }, column { $column }: a field line must start with “=” and a tag
mrk-bad-tag = Line { $line }, column { $column }: “{ $tag }” is not a field tag (three letters or digits)
mrk-expected-separator = Line { $line }, column { $column }: two spaces must follow the tag
mrk-missing-leader = Line { $line }, column { $column }: the record must start with an =LDR line
mrk-duplicate-leader = Line { $line }, column { $column }: a second leader — records must be separated by a blank line
mrk-leader-length = Line { $line }, column { $column }: the leader has { $length } characters; it must have 24
mrk-missing-indicators = Line { $line }, column { $column }: a data field needs two indicators (“\” for blank)
mrk-expected-subfield = Line { $line }, column { $column }: expected “$” and a subfield code
mrk-missing-subfield-code = Line { $line }, column { $column }: “$” must be followed by a subfield code
mrk-not-utf8 = Line { $line }, column { $column }: the text is not valid UTF-8
mrk-read-failed = Line { $line }: the file could not be read ({ $detail })

error-import-record = { $file }: { $detail }

error-catalogue-exists = { $file } already exists; choose another name (an existing file is never overwritten)
error-catalogue-not-found = Catalogue not found: { $file }
error-not-a-catalogue = { $file } is not a Qiao catalogue; it was left untouched
error-catalogue-newer = { $file } was saved by a newer version of Qiao (schema { $found }; this version reads up to { $supported }). Update Qiao to open it; the file was left untouched.
error-catalogue-locked = { $file } is being written by another program; try again in a moment
error-catalogue-read-only = { $file } is read-only; changes cannot be saved
error-disk-full = The disk is full while writing { $file }; nothing was saved. Free some space and try again.
error-catalogue-corrupt = { $file } is damaged; restore it from a backup
error-backup-failed = { $file } was not upgraded, because the backup copy could not be made: { $detail }
error-no-such-record = Record { $id } does not exist
error-no-such-version = Record { $id } has no version { $version }
error-record-conflict = Record { $id } was changed elsewhere while you edited it (you started from version { $expected }, it is now version { $current }). Reopen it to see the changes; your text was not saved.
error-not-in-trash = Record { $id } is not in the trash
error-database = { $file }: database error: { $detail }
error-file = { $file }: { $detail }
error-empty-record = The record is empty: write at least the =LDR line
error-import-refused = { $file }: { $count ->
    [one] { $count } record could not be read
   *[other] { $count } records could not be read
}, so nothing was imported

io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = the file already exists
io-is-a-directory = this is a folder, not a file
io-other = { $detail }

flavour-marc21 = MARC 21
flavour-unimarc = UNIMARC
flavour-rusmarc = RUSMARC
flavour-cnmarc = CNMARC
status-draft = draft
status-complete = complete

error-no-catalogue = No catalogue is open: create one or open an existing one

iso2709-too-short = Record { $record } (byte { $offset }): only { $length } bytes — too few for a record
iso2709-leader-not-ascii = Record { $record } (byte { $offset }): leader position { $position } is not a plain character
iso2709-no-directory = Record { $record } (byte { $offset }): the directory has no terminator
iso2709-bad-directory-entry = Record { $record } (byte { $offset }): directory entry { $index } is not a tag, length and start (“{ $found }”)
iso2709-field-out-of-record = Record { $record } (byte { $offset }): field { $tag } starts at { $start }, beyond the end of the record ({ $length } bytes)
iso2709-expected-subfield = Record { $record } (byte { $offset }): field { $tag } has text where a subfield delimiter should follow the indicators
iso2709-bad-subfield-code = Record { $record } (byte { $offset }): field { $tag } has an invalid subfield code ({ $byte })
iso2709-text = Record { $record } (byte { $offset }): field { $tag }: { $detail }
iso2709-record-too-long = Record { $record }: { $length } bytes, more than the 99,999 ISO 2709 allows
iso2709-field-too-long = Record { $record }: field { $tag } has { $length } bytes, more than the 9,999 ISO 2709 allows
iso2709-read-failed = Record { $record } (byte { $offset }): the file could not be read ({ $detail })

repair-stray-bytes = skipped { $count ->
    [one] { $count } stray byte
   *[other] { $count } stray bytes
} before the record
repair-record-length = the record length said { $declared } bytes; the record has { $actual }
repair-missing-record-terminator = the record terminator was missing at the end of the file
repair-base-address = the base address said { $declared }; the data starts at { $actual }
repair-field-length = field { $tag }: the directory said { $declared } bytes; the field has { $actual }
repair-missing-field-terminator = field { $tag } had no field terminator
repair-indicators = field { $tag }: indicators “{ $found }” read as two indicators
repair-empty-subfield = field { $tag }: an empty subfield delimiter was dropped
repair-directory-remainder = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
} at the end of the directory made no whole entry
