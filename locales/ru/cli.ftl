## Сообщения программы командной строки qiao.

cli-created = Создан каталог { $file }
cli-imported = { $count ->
    [one] Импортирована { $count } запись
    [few] Импортировано { $count } записи
   *[many] Импортировано { $count } записей
}
cli-skipped = { $count ->
    [one] Пропущена { $count } запись (см. сообщения выше)
    [few] Пропущено { $count } записи (см. сообщения выше)
   *[many] Пропущено { $count } записей (см. сообщения выше)
}
cli-exported = { $count ->
    [one] { $count } запись выгружена в { $file }
    [few] { $count } записи выгружены в { $file }
   *[many] { $count } записей выгружено в { $file }
}
cli-stats-total = { $file }: { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}
cli-stats-flavour = { "  " }{ $flavour }: { $count }
cli-stats-status = { "  " }{ $status }: { $count }
cli-stats-trash = { "  " }в корзине: { $count }
cli-at-record = { $file }, запись { $record }
cli-repaired = { $count ->
    [one] Исправлена { $count } запись (см. примечания выше)
    [few] Исправлено { $count } записи (см. примечания выше)
   *[many] Исправлено { $count } записей (см. примечания выше)
}
cli-crosswalk-losses = { $count ->
    [one] { $count } запись переведена в { $flavour } с потерей части данных (см. список выше)
    [few] { $count } записи переведены в { $flavour } с потерей части данных (см. список выше)
   *[many] { $count } записей переведены в { $flavour } с потерей части данных (см. список выше)
}

bench-parse = разбор ISO 2709
bench-iso-to-xml = ISO 2709 → MARCXML
bench-xml-to-iso = MARCXML → ISO 2709
bench-import = импорт в каталог
bench-not-utf8 = Запись { $record }: байты со смещения { $offset } — не UTF-8 (тест скорости читает созданный им файл, а он в UTF-8)
bench-yaz-iso-to-xml = yaz-marcdump ISO 2709 → MARCXML
bench-yaz-xml-to-iso = yaz-marcdump MARCXML → ISO 2709
cli-bench-size = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
} ({ $bytes } байт):
cli-bench-row = { "  " }{ $phase }: { $rate } зап./с ({ $seconds } с), { $peak }
cli-bench-peak = пик памяти { $mib } МиБ
cli-bench-no-peak = пик памяти не измерен
cli-duplicate-skipped = уже есть в каталоге ({ $ids }); пропущена
cli-duplicate-replaced = заменила запись { $ids } (прежняя версия сохранена в истории)
cli-duplicate-kept = добавлена рядом с { $ids } (похоже, то же издание)
cli-replaced = { $count ->
    [one] Заменена { $count } запись
    [few] Заменено { $count } записи
   *[many] Заменено { $count } записей
}
cli-duplicates-skipped = { $count ->
    [one] Пропущен { $count } дубликат (см. примечания выше)
    [few] Пропущено { $count } дубликата (см. примечания выше)
   *[many] Пропущено { $count } дубликатов (см. примечания выше)
}
