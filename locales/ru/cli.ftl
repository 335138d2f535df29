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
