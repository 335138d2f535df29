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

error-unknown-format = { $file } is not a MARC file Qiao recognizes (ISO 2709, MARCXML or .mrk)
error-export-stopped = Nothing was written to { $file }: { $detail }
export-unmappable = record { $record }, field { $tag }: “{ $character }” ({ $code }) cannot be written in { $charset }
export-record-too-long = record { $record } would be { $length } bytes, more than the 99,999 ISO 2709 allows
export-field-too-long = record { $record }: field { $tag } would be { $length } bytes, more than the 9,999 ISO 2709 allows
export-text = record { $record }, field { $tag }: { $detail }
export-bad-leader = record { $record }: leader position { $position } is not a printable ASCII character, which ISO 2709 requires
export-bad-indicator = record { $record }, field { $tag }: the indicator { $code } cannot be written in ISO 2709 (a control character, or "\", which readers take for a blank)
export-control-character = record { $record }, field { $tag }: the control character { $code } cannot be written there in ISO 2709 (it separates records, fields or subfields)
repair-charset = the record declares { $declared } but its bytes are { $used }; read as { $used }
repair-charset-undeclared = the record declares no character set Qiao reads; its bytes are { $used }

marcxml-malformed = Record { $record } (line { $line }, column { $column }): the XML is not well-formed: { $detail }
marcxml-missing-leader = Record { $record } (line { $line }, column { $column }): the record has no leader
marcxml-invalid-leader = Record { $record } (line { $line }, column { $column }): the leader “{ $found }” has { $length ->
    [one] { $length } character
   *[other] { $length } characters
}; it must have 24
marcxml-bad-tag = Record { $record } (line { $line }, column { $column }): <{ $element }> has the tag “{ $found }”; a tag is three letters or digits
marcxml-bad-indicator = Record { $record } (line { $line }, column { $column }): field { $tag }: indicator { $which } is “{ $found }”; an indicator is one character
marcxml-bad-subfield-code = Record { $record } (line { $line }, column { $column }): field { $tag }: the subfield code “{ $found }” is not one Latin letter, digit or sign
marcxml-unexpected-element = Record { $record } (line { $line }, column { $column }): <{ $name }> does not belong inside <{ $parent }>
marcxml-unexpected-top-element = Line { $line }, column { $column }: <{ $name }> cannot be the top element of a MARCXML file
marcxml-unexpected-text = Record { $record } (line { $line }, column { $column }): the text “{ $text }” stands directly inside <{ $parent }>, outside any subfield
marcxml-unexpected-eof = Record { $record } (line { $line }, column { $column }): the file ends inside <{ $element }>; it seems to be cut short
marcxml-bad-reference = Record { $record } (line { $line }, column { $column }): “&{ $name };” is not a known character or entity (entities of a DTD are expanded only when they are plain text)
marcxml-forbidden-char = Record { $record } (line { $line }, column { $column }): the character { $char } is not allowed in XML
marcxml-not-utf8 = Record { $record } (line { $line }, column { $column }): the text is not valid UTF-8
marcxml-unsupported-encoding = Line { $line }, column { $column }: the file is in { $encoding }; MARCXML is read in UTF-8 only, so convert the file to UTF-8 first
marcxml-value-too-long = Record { $record } (line { $line }, column { $column }): a value is longer than the { $limit } bytes allowed
marcxml-record-too-large = Record { $record } (line { $line }, column { $column }): the record holds more than the { $limit } bytes allowed
marcxml-too-deep = Record { $record } (line { $line }, column { $column }): elements are nested more than { $limit } levels deep
marcxml-not-marcxml = Line { $line }, column { $column }: this is not MARCXML: there are no records, and the root element is <{ $root }>
marcxml-not-marcxml-namespace = Line { $line }, column { $column }: this is not MARCXML: there are no records, and the root element is <{ $root }> in the namespace { $namespace }
marcxml-empty = The file holds no XML elements and no records
marcxml-read-failed = Record { $record } (line { $line }): the file could not be read ({ $detail })
marcxml-ignored-element = Line { $line }, column { $column }: <{ $name }> is not part of MARCXML and was left out
marcxml-ignored-element-text = Line { $line }, column { $column }: <{ $name }> is not part of MARCXML and was left out (“{ $text }”)
marcxml-write-forbidden-char = Record { $record }: { $place } contains the character { $char }, which XML 1.0 cannot hold; the record was not written
marcxml-write-failed = The MARCXML file could not be written ({ $detail })

crosswalk-no-equivalent-field = { $place }: the target format has no field for this, so it was not carried over: “{ $value }”
crosswalk-no-equivalent-subfield = { $place }: the target field has no subfield for this, so it was not carried over: “{ $value }”
crosswalk-coded-value-not-mapped = { $place }: the code “{ $value }” has no equivalent in the target format
crosswalk-local-field = { $place }: a local field of the source catalogue, meaningless elsewhere, so it was not carried over: “{ $value }”
crosswalk-non-sorting-markers = { $place }: the target format cannot mark non-sorting words here, so the markers were removed: “{ $value }”
