## The application window.

app-title = Qiao — library catalogue
status-record-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
