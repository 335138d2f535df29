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
cli-at-record = { $file }, record { $record }
cli-repaired = { $count ->
    [one] Repaired { $count } record (see the notes above)
   *[other] Repaired { $count } records (see the notes above)
}
cli-crosswalk-losses = { $count ->
    [one] { $count } record went into { $flavour } without some of its data (see the list above)
   *[other] { $count } records went into { $flavour } without some of their data (see the list above)
}

bench-parse = parse ISO 2709
bench-iso-to-xml = ISO 2709 → MARCXML
bench-xml-to-iso = MARCXML → ISO 2709
bench-import = import into a catalogue
bench-not-utf8 = Record { $record }: the bytes at offset { $offset } are not UTF-8 (the benchmark reads the file it generated, which is UTF-8)
bench-yaz-iso-to-xml = yaz-marcdump ISO 2709 → MARCXML
bench-yaz-xml-to-iso = yaz-marcdump MARCXML → ISO 2709
cli-bench-size = { $count } records ({ $bytes } bytes):
cli-bench-row = { "  " }{ $phase }: { $rate } records/s ({ $seconds } s), { $peak }
cli-bench-peak = peak memory { $mib } MiB
cli-bench-no-peak = peak memory not measured
cli-duplicate-skipped = already in the catalogue as { $ids }; skipped
cli-duplicate-replaced = replaced record { $ids } (its earlier version is kept in its history)
cli-duplicate-kept = added beside { $ids }, which looks like the same work
cli-replaced = { $count ->
    [one] Replaced { $count } record
   *[other] Replaced { $count } records
}
cli-duplicates-skipped = { $count ->
    [one] Skipped { $count } duplicate (see the notes above)
   *[other] Skipped { $count } duplicates (see the notes above)
}
