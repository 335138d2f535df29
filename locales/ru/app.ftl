## Окно программы.

app-title = Цяо — библиотечный каталог
status-record-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}
status-trash-count = { $count ->
    [one] в корзине { $count } запись
    [few] в корзине { $count } записи
   *[many] в корзине { $count } записей
}
status-no-catalogue = Каталог не открыт
status-version = Цяо { $version }

error-internal = Внутренняя ошибка: { $detail }

## Системные диалоги выбора файла (их открывает ядро).

dialog-new-catalogue = Новый каталог
dialog-open-catalogue = Открыть каталог
dialog-filter-catalogue = Каталоги Цяо

## Панель инструментов.

toolbar-new-catalogue = Новый каталог…
toolbar-new-catalogue-tip = Создать новый пустой файл каталога
toolbar-open-catalogue = Открыть каталог…
toolbar-open-catalogue-tip = Открыть существующий файл каталога
toolbar-recent = Недавние
toolbar-recent-tip = Недавно открытые каталоги
toolbar-recent-empty = Каталоги ещё не открывались
toolbar-new-record = Новая запись
toolbar-new-record-tip = Создать описание нового документа в формате, принятом для языка интерфейса (Ctrl+N)
toolbar-new-record-choose = Формат новой записи
scope-label = Показать
scope-active = Каталог
scope-active-tip = Записи каталога
scope-trash = Корзина
scope-trash-tip = Удалённые записи, которые ещё можно восстановить
sort-label = Сортировка
sort-by-title = Заглавие
sort-by-author = Автор
sort-by-year = Год издания
sort-by-modified = Дата изменения
sort-ascending = По возрастанию
sort-descending = По убыванию
sort-ascending-tip = По возрастанию; нажмите, чтобы сортировать по убыванию
sort-descending-tip = По убыванию; нажмите, чтобы сортировать по возрастанию
lang-label = Язык интерфейса
lang-name-zh = 简体中文
lang-name-ru = Русский
lang-name-en = English

## Список записей каталога.

list-label = Записи
list-empty = В каталоге пока нет записей. Создайте первую кнопкой «Новая запись».
list-empty-trash = Корзина пуста.
list-no-catalogue = Каталог не открыт. Создайте новый каталог или откройте существующий.

## Панель записи.

record-none = Выберите запись в списке, чтобы увидеть её описание.
record-no-title = [без заглавия]
record-label-year = Год издания
record-label-language = Язык
record-label-isbn = ISBN
record-label-flavour = Формат
record-label-status = Статус
record-label-version = Версия
record-label-created = Создана
record-label-modified = Изменена
record-date = { DATETIME($date) }
record-deleted = В корзине с { DATETIME($date) }
record-fields = Поля
record-column-tag = Метка
record-column-indicators = Инд.
record-column-content = Подполя
record-blank-indicator = Индикатор не определён (пробел)
record-leader = Маркер записи
record-edit = Редактировать
record-edit-tip = Редактировать текст записи (Enter)
record-delete = Удалить
record-delete-tip = Переместить запись в корзину
record-history = История
record-history-tip = Показать предыдущие версии записи
record-restore = Восстановить
record-restore-tip = Вернуть запись из корзины в каталог
record-purge = Удалить навсегда
record-purge-tip = Удалить запись и все её версии безвозвратно

## История версий.

history-title = Версии
history-close = Закрыть историю версий
history-loading = Загрузка…
history-version = Версия { $version }
history-current = текущая
history-viewing = Вы просматриваете версию { $version }, сохранённую { DATETIME($date) }. Редактировать её нельзя.
history-restore = Восстановить эту версию
history-restore-tip = Сделать эту версию текущей; нынешний текст останется в истории
history-back = Вернуться к текущей версии

## Редактор записи.

editor-new = Новая запись
editor-edit = Редактирование записи
editor-text-label = Текст записи
editor-status = Статус
editor-flavour = Формат
editor-flavour-auto = Определить автоматически
editor-save = Сохранить
editor-save-tip = Сохранить запись (Ctrl+S)
editor-saving = Сохранение…
editor-cancel = Отмена
editor-cancel-tip = Закрыть редактор без сохранения (Esc)
editor-unsaved = Есть несохранённые изменения
editor-hint = Каждое поле — с новой строки: =МЕТКА, два пробела, два индикатора (\ — пробел), затем $ перед кодом каждого подполя. Сам знак $ записывается как {"{"}dollar{"}"}.

## Подтверждения.

dialog-cancel = Отмена
confirm-delete-title = Переместить запись в корзину?
confirm-delete-text = Запись «{ $title }» будет перемещена в корзину. Её можно восстановить оттуда в любой момент.
confirm-delete-ok = В корзину
confirm-purge-title = Удалить запись навсегда?
confirm-purge-text = Запись «{ $title }» и все её версии будут удалены безвозвратно. Это действие нельзя отменить.
confirm-purge-ok = Удалить навсегда
confirm-discard-title = Отказаться от изменений?
confirm-discard-text = В записи есть несохранённые изменения. Если продолжить, они будут потеряны.
confirm-discard-ok = Не сохранять
banner-dismiss = Закрыть

## Импорт и экспорт.

toolbar-import = Импорт…
toolbar-import-tip = Добавить в каталог записи из файлов MARC (ISO 2709, MARCXML, .mrk)
toolbar-export = Экспорт…
toolbar-export-tip = Выгрузить записи каталога в файл MARC
dialog-close = Закрыть
exchange-format-iso2709 = ISO 2709 (.mrc, .iso)
exchange-format-marcxml = MARCXML (.xml)
exchange-format-mrk = Текст MARCMaker (.mrk)

import-files = Файлы для импорта
import-files-empty = Файлы не выбраны. Добавьте один или несколько файлов MARC.
import-add-files = Добавить файлы…
import-remove-file = Убрать { $name } из списка
import-format = Формат файла
import-flavour = Формат записей
import-charset = Кодировка
import-detect = Определить автоматически
import-charset-hint = Кодировка относится к файлам ISO 2709; при автоматическом выборе она берётся из маркера записи или определяется по содержимому. Файлы MARCXML и .mrk всегда в Юникоде.
import-on-duplicate = Если запись уже есть в каталоге
import-duplicate-skip = Пропустить
import-duplicate-skip-hint = Запись каталога остаётся без изменений; входящая запись только попадает в отчёт.
import-duplicate-replace = Заменить (сохранив историю)
import-duplicate-replace-hint = Входящая запись становится новой версией существующей; прежняя версия остаётся в истории.
import-duplicate-keep = Оставить обе
import-duplicate-keep-hint = Входящая запись добавляется в каталог рядом с существующей.
import-duplicate-rule = Дубликатами считаются записи с одинаковым контрольным номером (поле 001 одной и той же организации) или с общим ISBN.
import-keep-partial = Сохранить уже импортированное, если я прерву импорт
import-keep-partial-hint = Иначе после отмены каталог останется точно таким, каким был до импорта.
import-start = Импортировать

import-running = Идёт импорт…
import-cancelling = Импорт прерывается…
import-progress-records = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}
import-progress-percent = { $percent } %
import-rate = { $rate } зап./с
import-eta-unknown = Оценка оставшегося времени…
import-eta-seconds = { $count ->
    [one] Осталось около { $count } секунды
    [few] Осталось около { $count } секунд
   *[many] Осталось около { $count } секунд
}
import-eta-minutes = { $count ->
    [one] Осталось около { $count } минуты
    [few] Осталось около { $count } минут
   *[many] Осталось около { $count } минут
}
import-eta-hours = { $count ->
    [one] Осталось около { $count } часа
    [few] Осталось около { $count } часов
   *[many] Осталось около { $count } часов
}
import-cancel-keeps = При отмене уже импортированные записи сохранятся.
import-cancel-undoes = При отмене ничего не будет импортировано: каталог останется прежним.

import-report-title = Отчёт об импорте
import-report-cancelled = Импорт прерван до завершения; записи, импортированные к этому моменту, сохранены.
import-report-figure = { $count }
import-report-imported = { $count ->
    [one] запись импортирована
    [few] записи импортированы
   *[many] записей импортировано
}
import-report-replaced = { $count ->
    [one] запись заменена
    [few] записи заменены
   *[many] записей заменено
}
import-report-repaired = { $count ->
    [one] запись исправлена
    [few] записи исправлены
   *[many] записей исправлено
}
import-report-skipped = { $count ->
    [one] запись пропущена
    [few] записи пропущены
   *[many] записей пропущено
}
import-report-duplicates = { $count ->
    [one] дубликат
    [few] дубликата
   *[many] дубликатов
}
import-report-clean = Ни одна запись не потребовала исправлений, не была пропущена и не оказалась дубликатом.
import-report-repaired-heading = Записи, импортированные после исправлений
import-report-skipped-heading = Пропущенные записи (не импортированы)
import-report-duplicates-heading = Дубликаты записей каталога
import-report-more = …и ещё { $count }; полный список — в сохранённом отчёте.
import-report-more-unlisted = …и ещё { $count }; в сохранённом отчёте — первые { $listed }.
import-report-unlisted = …и ещё { $count } (не перечислены).
import-drop-here = Отпустите файлы MARC, чтобы импортировать их
import-drop-no-catalogue = Сначала откройте или создайте каталог, затем перетащите файлы снова.
import-drop-busy = Сначала завершите или закройте открытый диалог, затем перетащите файлы снова.
import-at-record = { $file }, запись { $record }
import-at-line = { $file }, запись { $record }, строка { $line }
import-at-offset = { $file }, запись { $record }, байт { $offset }
import-match-control-number = совпадает с записью { $id }: тот же контрольный номер { $key }
import-match-isbn = совпадает с записью { $id }: тот же ISBN { $isbn }
import-action-skip = пропущена; запись каталога оставлена без изменений
import-action-replace = заменила запись { $id }; прежняя версия сохранена в истории
import-action-keep = добавлена как запись { $id }, рядом с существующей
import-save-report = Сохранить отчёт…
import-report-saved = Отчёт сохранён: { $path }
import-report-text-title = Отчёт Цяо об импорте, { DATETIME($date) }

export-what = Записи
export-scope-all = Весь каталог
export-scope-selected = Выбранная запись
export-scope-none = В списке не выбрана ни одна запись.
export-scope = Все записи, кроме тех, что в корзине.
export-format = Формат файла
export-flavour = Формат записей
export-flavour-keep = Как в каталоге (без преобразования)
export-losses-heading = { $count ->
    [one] { $count } запись преобразована с потерями
    [few] { $count } записи преобразованы с потерями
   *[many] { $count } записей преобразованы с потерями
}
export-loss-record = Запись { $record }
export-charset = Кодировка
export-charset-hint = Обычно: MARC-8 — для партнёров, работающих в MARC 21, CP1251 — для RUSMARC, GB18030 — для CNMARC. UTF-8 подходит всем, чьи системы читают Юникод.
export-charset-unicode = Файлы MARCXML и .mrk всегда записываются в UTF-8.
export-if-unwritable = Если символ нельзя записать
export-unwritable-stop = Остановить экспорт
export-unwritable-stop-hint = Файл не создаётся; будет указано, в какой записи, в каком поле и какой символ.
export-unwritable-skip = Пропустить такую запись
export-unwritable-skip-hint = Остальные записи выгружаются, пропущенные перечисляются.
export-start = Экспортировать…
export-running = Идёт экспорт…
export-written = { $count ->
    [one] В файл { $path } записана { $count } запись
    [few] В файл { $path } записаны { $count } записи
   *[many] В файл { $path } записано { $count } записей
}
export-skipped-heading = { $count ->
    [one] Пропущена { $count } запись
    [few] Пропущены { $count } записи
   *[many] Пропущено { $count } записей
}
