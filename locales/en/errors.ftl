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
