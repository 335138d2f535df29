## Messages of the qiao command-line program.

cli-created = Created the catalogue { $file }
cli-imported = { $count ->
    [one] Imported { $count } record
   *[other] Imported { $count } records
}
cli-skipped = { $count ->
    [one] Skipped { $count } record (see the messages above)
   *[other] Skipped { $count } records (see the messages above)
}
cli-exported = { $count ->
    [one] Exported { $count } record to { $file }
   *[other] Exported { $count } records to { $file }
}
cli-stats-total = { $file }: { $count ->
    [one] { $count } record
   *[other] { $count } records
}
cli-stats-flavour = { "  " }{ $flavour }: { $count }
cli-stats-status = { "  " }{ $status }: { $count }
cli-stats-trash = { "  " }in the trash: { $count }
