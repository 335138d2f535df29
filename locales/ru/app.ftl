## Окно программы.

app-title = Цяо — библиотечный каталог
status-record-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}
