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
