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
