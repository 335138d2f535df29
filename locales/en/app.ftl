## The application window.

app-title = Qiao — library catalogue
status-record-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
status-trash-count = { $count ->
    [one] { $count } record in the trash
   *[other] { $count } records in the trash
}
status-no-catalogue = No catalogue is open
status-version = Qiao { $version }

error-internal = Internal error: { $detail }

## Native file dialogs, opened by the backend.

dialog-new-catalogue = New catalogue
dialog-open-catalogue = Open catalogue
dialog-filter-catalogue = Qiao catalogues

## Toolbar.

toolbar-new-catalogue = New catalogue…
toolbar-new-catalogue-tip = Create a new, empty catalogue file
toolbar-open-catalogue = Open catalogue…
toolbar-open-catalogue-tip = Open an existing catalogue file
toolbar-recent = Recent
toolbar-recent-tip = Catalogues opened recently
toolbar-recent-empty = No catalogues have been opened yet
toolbar-new-record = New record
toolbar-new-record-tip = Describe a new item in the usual format for this interface language (Ctrl+N)
toolbar-new-record-choose = Format of the new record
scope-label = Show
scope-active = Catalogue
scope-active-tip = Records in the catalogue
scope-trash = Trash
scope-trash-tip = Deleted records, which can still be restored
sort-label = Sort by
sort-by-title = Title
sort-by-author = Author
sort-by-year = Year of publication
sort-by-modified = Date modified
sort-ascending = Ascending
sort-descending = Descending
sort-ascending-tip = Ascending order; click for descending
sort-descending-tip = Descending order; click for ascending
lang-label = Interface language
lang-name-zh = 简体中文
lang-name-ru = Русский
lang-name-en = English

## The catalogue list.

list-label = Records
list-empty = The catalogue has no records yet. Describe the first item with “New record”.
list-empty-trash = The trash is empty.
list-no-catalogue = No catalogue is open. Create a new catalogue or open an existing one.

## The record pane.

record-none = Select a record in the list to see its description.
record-no-title = [no title]
record-label-year = Year of publication
record-label-language = Language
record-label-isbn = ISBN
record-label-flavour = Format
record-label-status = Status
record-label-version = Version
record-label-created = Created
record-label-modified = Modified
record-date = { DATETIME($date) }
record-deleted = In the trash since { DATETIME($date) }
record-fields = Fields
record-column-tag = Tag
record-column-indicators = Ind.
record-column-content = Subfields
record-blank-indicator = Blank indicator
record-leader = Record leader
record-edit = Edit
record-edit-tip = Edit the record text (Enter)
record-delete = Delete
record-delete-tip = Move the record to the trash
record-history = History
record-history-tip = Show the earlier versions of the record
record-restore = Restore
record-restore-tip = Return the record from the trash to the catalogue
record-purge = Delete forever
record-purge-tip = Delete the record and all its versions for good

## Version history.

history-title = Versions
history-close = Close the version history
history-loading = Loading…
history-version = Version { $version }
history-current = current
history-viewing = You are viewing version { $version }, saved { DATETIME($date) }. It cannot be edited.
history-restore = Restore this version
history-restore-tip = Make this version current again; the present text stays in the history
history-back = Back to the current version

## The record editor.

editor-new = New record
editor-edit = Edit record
editor-text-label = Record text
editor-status = Status
editor-flavour = Format
editor-flavour-auto = Detect automatically
editor-save = Save
editor-save-tip = Save the record (Ctrl+S)
editor-saving = Saving…
editor-cancel = Cancel
editor-cancel-tip = Close the editor without saving (Esc)
editor-unsaved = Unsaved changes
editor-hint = One field per line: =TAG, two spaces, the two indicators (\ for a blank), then $ before each subfield code. Write {"{"}dollar{"}"} for a literal $.

## Confirmations.

dialog-cancel = Cancel
confirm-delete-title = Move the record to the trash?
confirm-delete-text = “{ $title }” will be moved to the trash. You can restore it from there at any time.
confirm-delete-ok = Move to trash
confirm-purge-title = Delete the record forever?
confirm-purge-text = “{ $title }” and all its versions will be deleted for good. This cannot be undone.
confirm-purge-ok = Delete forever
confirm-discard-title = Discard your changes?
confirm-discard-text = The record has unsaved changes. If you continue, they will be lost.
confirm-discard-ok = Discard changes
banner-dismiss = Dismiss

## Import and export.

toolbar-import = Import…
toolbar-import-tip = Add records to the catalogue from MARC files (ISO 2709, MARCXML, .mrk)
toolbar-export = Export…
toolbar-export-tip = Write the records of the catalogue to a MARC file
dialog-close = Close
exchange-format-iso2709 = ISO 2709 (.mrc, .iso)
exchange-format-marcxml = MARCXML (.xml)
exchange-format-mrk = MARCMaker text (.mrk)

import-files = Files to import
import-files-empty = No files chosen yet. Add one or more MARC files.
import-add-files = Add files…
import-remove-file = Remove { $name } from the list
import-format = File format
import-flavour = Record format
import-charset = Character set
import-detect = Detect automatically
import-charset-hint = The character set applies to ISO 2709 files; when detected automatically, it is taken from the record leader or recognized from the bytes. MARCXML and .mrk files are always Unicode.
import-on-duplicate = When a record is already in the catalogue
import-duplicate-skip = Skip
import-duplicate-skip-hint = Leave the catalogue’s record as it is; the incoming record is only listed in the report.
import-duplicate-replace = Replace, keeping history
import-duplicate-replace-hint = The incoming record becomes a new version of the existing one; the earlier version stays in its history.
import-duplicate-keep = Keep both
import-duplicate-keep-hint = Add the incoming record beside the existing one.
import-duplicate-rule = Records count as the same when they have the same control number (001 from the same agency) or an ISBN in common.
import-keep-partial = Keep what was imported if I cancel
import-keep-partial-hint = Otherwise cancelling leaves the catalogue exactly as it was before the import.
import-start = Import

import-running = Importing…
import-cancelling = Cancelling…
import-progress-records = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
import-progress-percent = { $percent }%
import-rate = { $rate } records/s
import-eta-unknown = Estimating the time left…
import-eta-seconds = { $count ->
    [one] About { $count } second left
   *[other] About { $count } seconds left
}
import-eta-minutes = { $count ->
    [one] About { $count } minute left
   *[other] About { $count } minutes left
}
import-eta-hours = { $count ->
    [one] About { $count } hour left
   *[other] About { $count } hours left
}
import-cancel-keeps = If you cancel, the records imported so far are kept.
import-cancel-undoes = If you cancel, nothing is imported: the catalogue stays as it was.

import-report-title = Import report
import-report-cancelled = The import was cancelled before the end; the records imported until then have been kept.
import-report-figure = { $count }
import-report-imported = { $count ->
    [one] record imported
   *[other] records imported
}
import-report-replaced = { $count ->
    [one] record replaced
   *[other] records replaced
}
import-report-repaired = { $count ->
    [one] record repaired
   *[other] records repaired
}
import-report-skipped = { $count ->
    [one] record skipped
   *[other] records skipped
}
import-report-duplicates = { $count ->
    [one] duplicate found
   *[other] duplicates found
}
import-report-clean = No record needed repairs, none was skipped and none was already in the catalogue.
import-report-repaired-heading = Records imported after repairs
import-report-skipped-heading = Records not imported
import-report-duplicates-heading = Records already in the catalogue
import-report-more = …and { $count } more; save the report to see them all.
import-report-more-unlisted = …and { $count } more; the saved report lists the first { $listed }.
import-report-unlisted = …and { $count } more, not listed.
import-drop-here = Drop MARC files here to import them
import-drop-no-catalogue = Open or create a catalogue first, then drop the files again.
import-drop-busy = Finish or close the open dialog first, then drop the files again.
import-at-record = { $file }, record { $record }
import-at-line = { $file }, record { $record }, line { $line }
import-at-offset = { $file }, record { $record }, byte { $offset }
import-match-control-number = matches record { $id }: same control number { $key }
import-match-isbn = matches record { $id }: same ISBN { $isbn }
import-action-skip = skipped; the catalogue’s record was left as it was
import-action-replace = replaced record { $id }; its earlier version is kept in its history
import-action-keep = added as record { $id }, beside the existing one
import-save-report = Save report…
import-report-saved = Report saved to { $path }
import-report-text-title = Qiao import report, { DATETIME($date) }

export-what = Records
export-scope-all = The whole catalogue
export-scope-selected = The selected record
export-scope-none = No record is selected in the list.
export-scope = Every record except those in the trash.
export-format = File format
export-flavour = Record format
export-flavour-keep = As catalogued (no conversion)
export-losses-heading = { $count ->
    [one] { $count } record converted with losses
   *[other] { $count } records converted with losses
}
export-loss-record = Record { $record }
export-charset = Character set
export-charset-hint = Usual choices: MARC-8 for MARC 21 partners, CP1251 for RUSMARC, GB18030 for CNMARC. UTF-8 suits every partner whose system reads Unicode.
export-charset-unicode = MARCXML and .mrk files are always written in UTF-8.
export-if-unwritable = If a character cannot be written
export-unwritable-stop = Stop the export
export-unwritable-stop-hint = No file is written; you are told the record, the field and the character.
export-unwritable-skip = Skip that record
export-unwritable-skip-hint = Write all the other records and list the ones left out.
export-start = Export…
export-running = Exporting…
export-written = { $count ->
    [one] { $count } record written to { $path }
   *[other] { $count } records written to { $path }
}
export-skipped-heading = { $count ->
    [one] { $count } record left out
   *[other] { $count } records left out
}
