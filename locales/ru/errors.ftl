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
