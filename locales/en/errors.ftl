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
