## Импорт и экспорт записей (сообщения ядра).

error-import-cancelled = Импорт отменён; ничего не импортировано
dialog-import-files = Импорт записей
dialog-export-file = Экспорт записей
dialog-save-report = Сохранить отчёт об импорте
dialog-filter-marc = Записи MARC (ISO 2709, MARCXML, .mrk)
dialog-filter-report = Текстовые файлы
error-unknown-charset = Неизвестная кодировка «{ $name }»
