## Ошибки и предупреждения, которые сообщает ядро: в окне программы и в командной строке qiao.

mrk-expected-equals = Строка { $line }, позиция { $column }: строка поля должна начинаться со знака «=» и метки
mrk-bad-tag = Строка { $line }, позиция { $column }: «{ $tag }» — не метка поля (три буквы или цифры)
mrk-expected-separator = Строка { $line }, позиция { $column }: после метки должны стоять два пробела
mrk-missing-leader = Строка { $line }, позиция { $column }: запись должна начинаться со строки маркера =LDR
mrk-duplicate-leader = Строка { $line }, позиция { $column }: второй маркер записи — записи разделяются пустой строкой
mrk-leader-length = Строка { $line }, позиция { $column }: в маркере записи { $length } симв., а должно быть 24
mrk-missing-indicators = Строка { $line }, позиция { $column }: у поля данных должно быть два индикатора («\» — пробел)
mrk-expected-subfield = Строка { $line }, позиция { $column }: ожидались знак «$» и код подполя
mrk-missing-subfield-code = Строка { $line }, позиция { $column }: после «$» должен стоять код подполя
mrk-not-utf8 = Строка { $line }, позиция { $column }: текст не в кодировке UTF-8
mrk-read-failed = Строка { $line }: не удалось прочитать файл ({ $detail })

error-import-record = { $file }: { $detail }

error-catalogue-exists = Файл { $file } уже существует; выберите другое имя (существующий файл никогда не перезаписывается)
error-catalogue-not-found = Каталог не найден: { $file }
error-not-a-catalogue = { $file } — не каталог «Цяо»; файл не изменён
error-catalogue-newer = Каталог { $file } сохранён более новой версией «Цяо» (схема { $found }; эта версия читает до { $supported }). Обновите программу, чтобы открыть его; файл не изменён.
error-catalogue-locked = В каталог { $file } сейчас записывает другая программа; повторите попытку чуть позже
error-catalogue-read-only = Каталог { $file } доступен только для чтения; изменения сохранить нельзя
error-disk-full = Диск заполнен при записи { $file }; ничего не сохранено. Освободите место и повторите.
error-catalogue-corrupt = Файл каталога { $file } повреждён; восстановите его из резервной копии
error-backup-failed = Каталог { $file } не обновлён: не удалось сделать резервную копию ({ $detail })
error-no-such-record = Записи { $id } не существует
error-no-such-version = У записи { $id } нет версии { $version }
error-record-conflict = Запись { $id } изменена в другом месте, пока вы её редактировали (вы начали с версии { $expected }, сейчас версия { $current }). Откройте запись заново; ваш текст не сохранён.
error-not-in-trash = Записи { $id } нет в корзине
error-database = { $file }: ошибка базы данных: { $detail }
error-file = { $file }: { $detail }
error-empty-record = Запись пуста: нужна хотя бы строка маркера =LDR
error-import-refused = { $file }: { $count ->
    [one] не удалось прочитать { $count } запись
    [few] не удалось прочитать { $count } записи
   *[many] не удалось прочитать { $count } записей
}, поэтому ничего не импортировано

io-not-found = нет такого файла или папки
io-permission-denied = нет прав доступа
io-already-exists = файл уже существует
io-is-a-directory = это папка, а не файл
io-other = { $detail }

flavour-marc21 = MARC 21
flavour-unimarc = UNIMARC
flavour-rusmarc = RUSMARC
flavour-cnmarc = CNMARC
status-draft = черновик
status-complete = готова

error-no-catalogue = Каталог не открыт: создайте новый или откройте существующий

iso2709-too-short = Запись { $record } (байт { $offset }): всего { $length } байт — слишком мало для записи
iso2709-leader-not-ascii = Запись { $record } (байт { $offset }): позиция { $position } маркера записи — недопустимый символ
iso2709-no-directory = Запись { $record } (байт { $offset }): у справочника нет разделителя конца
iso2709-bad-directory-entry = Запись { $record } (байт { $offset }): элемент справочника { $index } не содержит метку, длину и начало поля («{ $found }»)
iso2709-field-out-of-record = Запись { $record } (байт { $offset }): поле { $tag } начинается с позиции { $start }, за концом записи ({ $length } байт)
iso2709-expected-subfield = Запись { $record } (байт { $offset }): в поле { $tag } после индикаторов текст вместо разделителя подполя
iso2709-bad-subfield-code = Запись { $record } (байт { $offset }): в поле { $tag } недопустимый код подполя ({ $byte })
iso2709-text = Запись { $record } (байт { $offset }): поле { $tag }: { $detail }
iso2709-record-too-long = Запись { $record }: { $length } байт — больше допустимых в ISO 2709 99 999
iso2709-field-too-long = Запись { $record }: в поле { $tag } { $length } байт — больше допустимых в ISO 2709 9999
iso2709-read-failed = Запись { $record } (байт { $offset }): не удалось прочитать файл ({ $detail })

repair-stray-bytes = { $count ->
    [one] пропущен { $count } посторонний байт
    [few] пропущено { $count } посторонних байта
   *[many] пропущено { $count } посторонних байтов
} перед записью
repair-record-length = в маркере указана длина { $declared } байт, фактически { $actual }
repair-missing-record-terminator = в конце файла не было разделителя записи
repair-base-address = базовый адрес данных указан как { $declared }, фактически данные начинаются с { $actual }
repair-field-length = поле { $tag }: в справочнике { $declared } байт, фактически { $actual }
repair-missing-field-terminator = у поля { $tag } не было разделителя поля
repair-indicators = поле { $tag }: индикаторы «{ $found }» прочитаны как два индикатора
repair-empty-subfield = поле { $tag }: удалён пустой разделитель подполя
repair-directory-remainder = { $count ->
    [one] { $count } байт
    [few] { $count } байта
   *[many] { $count } байтов
} в конце справочника не составили целого элемента

error-unknown-format = { $file } — не файл MARC, известный программе (ISO 2709, MARCXML или .mrk)
error-export-stopped = В { $file } ничего не записано: { $detail }
export-unmappable = запись { $record }, поле { $tag }: символ «{ $character }» ({ $code }) нельзя записать в кодировке { $charset }
export-record-too-long = запись { $record } заняла бы { $length } байт — больше допустимых в ISO 2709 99 999
export-field-too-long = запись { $record }: поле { $tag } заняло бы { $length } байт — больше допустимых в ISO 2709 9999
export-text = запись { $record }, поле { $tag }: { $detail }
export-bad-leader = запись { $record }: позиция маркера { $position } — не печатный символ ASCII, а ISO 2709 требует именно его
export-bad-indicator = запись { $record }, поле { $tag }: индикатор { $code } нельзя записать в ISO 2709 (это управляющий символ или «\», который читается как пробел)
export-control-character = запись { $record }, поле { $tag }: управляющий символ { $code } нельзя записать в этом месте ISO 2709 (он разделяет записи, поля или подполя)
repair-charset = в записи указана кодировка { $declared }, а байты — в { $used }; прочитано как { $used }
repair-charset-undeclared = кодировка записи не указана или неизвестна; байты прочитаны как { $used }

marcxml-malformed = Запись { $record } (строка { $line }, позиция { $column }): ошибка в разметке XML: { $detail }
marcxml-missing-leader = Запись { $record } (строка { $line }, позиция { $column }): в записи нет маркера
marcxml-invalid-leader = Запись { $record } (строка { $line }, позиция { $column }): в маркере записи «{ $found }» { $length ->
    [one] { $length } символ
    [few] { $length } символа
   *[many] { $length } символов
}, а должно быть 24
marcxml-bad-tag = Запись { $record } (строка { $line }, позиция { $column }): у элемента <{ $element }> метка «{ $found }», а метка поля — это три буквы или цифры
marcxml-bad-indicator = Запись { $record } (строка { $line }, позиция { $column }): поле { $tag }: индикатор { $which } — «{ $found }», а индикатор должен быть одним символом
marcxml-bad-subfield-code = Запись { $record } (строка { $line }, позиция { $column }): поле { $tag }: код подполя «{ $found }» — не латинская буква, не цифра и не знак
marcxml-unexpected-element = Запись { $record } (строка { $line }, позиция { $column }): элемент <{ $name }> не может находиться внутри <{ $parent }>
marcxml-unexpected-top-element = Строка { $line }, позиция { $column }: элемент <{ $name }> не может быть корневым элементом файла MARCXML
marcxml-unexpected-text = Запись { $record } (строка { $line }, позиция { $column }): текст «{ $text }» стоит прямо внутри <{ $parent }>, вне подполей
marcxml-unexpected-eof = Запись { $record } (строка { $line }, позиция { $column }): файл обрывается внутри <{ $element }> — по-видимому, он неполный
marcxml-bad-reference = Запись { $record } (строка { $line }, позиция { $column }): ссылка «&{ $name };» не обозначает ни известный символ, ни сущность (сущности из DTD раскрываются, только если это простой текст)
marcxml-forbidden-char = Запись { $record } (строка { $line }, позиция { $column }): символ { $char } недопустим в XML
marcxml-not-utf8 = Запись { $record } (строка { $line }, позиция { $column }): текст не в кодировке UTF-8
marcxml-unsupported-encoding = Строка { $line }, позиция { $column }: файл в кодировке { $encoding }, а MARCXML читается только в UTF-8 — сначала перекодируйте файл
marcxml-value-too-long = Запись { $record } (строка { $line }, позиция { $column }): значение превышает допустимый предел в { $limit ->
    [one] { $limit } байт
    [few] { $limit } байта
   *[many] { $limit } байт
}
marcxml-record-too-large = Запись { $record } (строка { $line }, позиция { $column }): запись превышает допустимый предел в { $limit ->
    [one] { $limit } байт
    [few] { $limit } байта
   *[many] { $limit } байт
}
marcxml-too-deep = Запись { $record } (строка { $line }, позиция { $column }): глубина вложенности элементов превышает { $limit ->
    [one] { $limit } уровень
    [few] { $limit } уровня
   *[many] { $limit } уровней
}
marcxml-not-marcxml = Строка { $line }, позиция { $column }: это не MARCXML — записей нет, корневой элемент <{ $root }>
marcxml-not-marcxml-namespace = Строка { $line }, позиция { $column }: это не MARCXML — записей нет, корневой элемент <{ $root }> из пространства имён { $namespace }
marcxml-empty = В файле нет ни элементов XML, ни записей
marcxml-read-failed = Запись { $record } (строка { $line }): не удалось прочитать файл ({ $detail })
marcxml-ignored-element = Строка { $line }, позиция { $column }: элемент <{ $name }> не входит в MARCXML и пропущен
marcxml-ignored-element-text = Строка { $line }, позиция { $column }: элемент <{ $name }> не входит в MARCXML и пропущен («{ $text }»)
marcxml-write-forbidden-char = Запись { $record }: в { $place } символ { $char }, недопустимый в XML 1.0; запись не выгружена
marcxml-write-failed = Не удалось записать файл MARCXML ({ $detail })

crosswalk-no-equivalent-field = { $place }: в целевом формате нет соответствующего поля, данные не перенесены: «{ $value }»
crosswalk-no-equivalent-subfield = { $place }: в целевом поле нет соответствующего подполя, данные не перенесены: «{ $value }»
crosswalk-coded-value-not-mapped = { $place }: коду «{ $value }» нет соответствия в целевом формате
crosswalk-local-field = { $place }: локальное поле исходного каталога, за его пределами не имеет смысла, данные не перенесены: «{ $value }»
crosswalk-non-sorting-markers = { $place }: в целевом формате здесь нельзя выделить слова, не учитываемые при сортировке, поэтому маркеры удалены: «{ $value }»
