## 后端报告的错误与问题：显示在程序窗口和 qiao 命令行中。

mrk-expected-equals = 第 { $line } 行第 { $column } 列：字段行必须以“=”和字段标识符开头
mrk-bad-tag = 第 { $line } 行第 { $column } 列：“{ $tag }”不是有效的字段标识符（应为三位字母或数字）
mrk-expected-separator = 第 { $line } 行第 { $column } 列：字段标识符后应有两个空格
mrk-missing-leader = 第 { $line } 行第 { $column } 列：记录必须以 =LDR（记录头标）行开头
mrk-duplicate-leader = 第 { $line } 行第 { $column } 列：出现第二个记录头标——记录之间须以空行分隔
mrk-leader-length = 第 { $line } 行第 { $column } 列：记录头标有 { $length } 个字符，应为 24 个
mrk-missing-indicators = 第 { $line } 行第 { $column } 列：数据字段需要两个指示符（空格写作“\”）
mrk-expected-subfield = 第 { $line } 行第 { $column } 列：此处应为“$”及子字段代码
mrk-missing-subfield-code = 第 { $line } 行第 { $column } 列：“$”之后缺少子字段代码
mrk-not-utf8 = 第 { $line } 行第 { $column } 列：文本不是有效的 UTF-8 编码
mrk-read-failed = 第 { $line } 行：无法读取文件（{ $detail }）

error-import-record = { $file }：{ $detail }

error-catalogue-exists = { $file } 已存在，请另选文件名（绝不覆盖已有文件）
error-catalogue-not-found = 找不到目录库：{ $file }
error-not-a-catalogue = { $file } 不是“桥”的目录库文件；文件未作任何改动
error-catalogue-newer = { $file } 由更新版本的“桥”保存（数据结构版本 { $found }，本版本最高只能读取 { $supported }）。请升级程序后再打开；文件未作任何改动。
error-catalogue-locked = 另一个程序正在写入 { $file }，请稍后再试
error-catalogue-read-only = { $file } 为只读文件，无法保存修改
error-disk-full = 写入 { $file } 时磁盘已满，未保存任何内容。请释放空间后重试。
error-catalogue-corrupt = 目录库文件 { $file } 已损坏，请从备份恢复
error-backup-failed = 未能创建备份副本，{ $file } 未升级：{ $detail }
error-no-such-record = 记录 { $id } 不存在
error-no-such-version = 记录 { $id } 没有第 { $version } 版
error-record-conflict = 在您编辑期间，记录 { $id } 已在别处被修改（您从第 { $expected } 版开始编辑，现为第 { $current } 版）。请重新打开该记录查看修改；您的文本未保存。
error-not-in-trash = 记录 { $id } 不在回收站中
error-database = { $file }：数据库错误：{ $detail }
error-file = { $file }：{ $detail }
error-empty-record = 记录为空：至少需要 =LDR（记录头标）行
error-import-refused = { $file }：有 { $count } 条记录无法读取，因此未导入任何记录

io-not-found = 文件或文件夹不存在
io-permission-denied = 没有访问权限
io-already-exists = 文件已存在
io-is-a-directory = 这是文件夹，不是文件
io-other = { $detail }

flavour-marc21 = MARC 21
flavour-unimarc = UNIMARC
flavour-rusmarc = RUSMARC
flavour-cnmarc = CNMARC
status-draft = 草稿
status-complete = 已完成

error-no-catalogue = 尚未打开目录库：请新建或打开已有的目录库

iso2709-too-short = 第 { $record } 条记录（第 { $offset } 字节）：只有 { $length } 个字节，不足以构成一条记录
iso2709-leader-not-ascii = 第 { $record } 条记录（第 { $offset } 字节）：记录头标第 { $position } 位不是有效字符
iso2709-no-directory = 第 { $record } 条记录（第 { $offset } 字节）：地址目次区缺少结束符
iso2709-bad-directory-entry = 第 { $record } 条记录（第 { $offset } 字节）：地址目次区第 { $index } 项不是“字段号、长度、起始位置”（“{ $found }”）
iso2709-field-out-of-record = 第 { $record } 条记录（第 { $offset } 字节）：字段 { $tag } 的起始位置 { $start } 超出记录末尾（记录长 { $length } 字节）
iso2709-expected-subfield = 第 { $record } 条记录（第 { $offset } 字节）：字段 { $tag } 的指示符之后应为子字段标识符，却是文本
iso2709-bad-subfield-code = 第 { $record } 条记录（第 { $offset } 字节）：字段 { $tag } 的子字段代码无效（{ $byte }）
iso2709-text = 第 { $record } 条记录（第 { $offset } 字节）：字段 { $tag }：{ $detail }
iso2709-record-too-long = 第 { $record } 条记录：长 { $length } 字节，超过 ISO 2709 允许的 99,999 字节
iso2709-field-too-long = 第 { $record } 条记录：字段 { $tag } 长 { $length } 字节，超过 ISO 2709 允许的 9,999 字节
iso2709-read-failed = 第 { $record } 条记录（第 { $offset } 字节）：无法读取文件（{ $detail }）

repair-stray-bytes = 跳过了记录前的 { $count } 个多余字节
repair-record-length = 记录头标中的记录长度为 { $declared } 字节，实际为 { $actual } 字节
repair-missing-record-terminator = 文件末尾缺少记录结束符
repair-base-address = 数据基地址标为 { $declared }，实际数据从 { $actual } 开始
repair-field-length = 字段 { $tag }：地址目次区记为 { $declared } 字节，实际为 { $actual } 字节
repair-missing-field-terminator = 字段 { $tag } 缺少字段结束符
repair-indicators = 字段 { $tag }：指示符“{ $found }”已按两位指示符读取
repair-empty-subfield = 字段 { $tag }：删除了一个空的子字段标识符
repair-directory-remainder = 地址目次区末尾有 { $count } 个字节不构成完整的目次项

error-unknown-format = { $file } 不是本程序可识别的 MARC 文件（ISO 2709、MARCXML 或 .mrk）
error-export-stopped = 未向 { $file } 写入任何内容：{ $detail }
export-unmappable = 记录 { $record }，字段 { $tag }：字符“{ $character }”（{ $code }）无法用 { $charset } 编码写出
export-record-too-long = 记录 { $record } 将长达 { $length } 字节，超过 ISO 2709 允许的 99,999 字节
export-field-too-long = 记录 { $record }：字段 { $tag } 将长达 { $length } 字节，超过 ISO 2709 允许的 9,999 字节
export-text = 记录 { $record }，字段 { $tag }：{ $detail }
export-bad-leader = 记录 { $record }：记录头第 { $position } 位不是可打印的 ASCII 字符，ISO 2709 要求必须是
export-bad-indicator = 记录 { $record }，字段 { $tag }：指示符 { $code } 无法写入 ISO 2709（它是控制字符，或是会被读作空格的“\”）
export-control-character = 记录 { $record }，字段 { $tag }：控制字符 { $code } 在 ISO 2709 中不能写在此处（它用于分隔记录、字段或子字段）
repair-charset = 记录声明的字符集为 { $declared }，实际字节为 { $used }；已按 { $used } 读取
repair-charset-undeclared = 记录未声明可识别的字符集；已按 { $used } 读取

marcxml-malformed = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：XML 格式不正确：{ $detail }
marcxml-missing-leader = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：记录缺少记录头标
marcxml-invalid-leader = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：记录头标“{ $found }”有 { $length } 个字符，应为 24 个
marcxml-bad-tag = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：<{ $element }> 的字段标识符“{ $found }”无效（应为三位字母或数字）
marcxml-bad-indicator = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：字段 { $tag } 的第 { $which } 指示符为“{ $found }”，指示符应为一个字符
marcxml-bad-subfield-code = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：字段 { $tag } 的子字段代码“{ $found }”无效（应为一个拉丁字母、数字或符号）
marcxml-unexpected-element = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：元素 <{ $name }> 不能出现在 <{ $parent }> 之中
marcxml-unexpected-top-element = 第 { $line } 行第 { $column } 列：元素 <{ $name }> 不能作为 MARCXML 文件的根元素
marcxml-unexpected-text = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：<{ $parent }> 中直接出现了文本“{ $text }”，不在任何子字段内
marcxml-unexpected-eof = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：文件在 <{ $element }> 内意外结束，文件可能不完整
marcxml-bad-reference = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：“&{ $name };”不是已知的字符或实体引用（DTD 中的实体仅在其内容为纯文本时才展开）
marcxml-forbidden-char = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：XML 中不允许出现字符 { $char }
marcxml-not-utf8 = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：文本不是有效的 UTF-8 编码
marcxml-unsupported-encoding = 第 { $line } 行第 { $column } 列：文件编码为 { $encoding }，MARCXML 只按 UTF-8 读取，请先将文件转换为 UTF-8
marcxml-value-too-long = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：数据值超过允许的上限 { $limit } 字节
marcxml-record-too-large = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：记录超过允许的上限 { $limit } 字节
marcxml-too-deep = 第 { $record } 条记录（第 { $line } 行第 { $column } 列）：元素嵌套超过 { $limit } 层
marcxml-not-marcxml = 第 { $line } 行第 { $column } 列：这不是 MARCXML 文件：其中没有记录，根元素为 <{ $root }>
marcxml-not-marcxml-namespace = 第 { $line } 行第 { $column } 列：这不是 MARCXML 文件：其中没有记录，根元素为命名空间 { $namespace } 中的 <{ $root }>
marcxml-empty = 文件中既没有 XML 元素，也没有记录
marcxml-read-failed = 第 { $record } 条记录（第 { $line } 行）：无法读取文件（{ $detail }）
marcxml-ignored-element = 第 { $line } 行第 { $column } 列：元素 <{ $name }> 不属于 MARCXML，已略去
marcxml-ignored-element-text = 第 { $line } 行第 { $column } 列：元素 <{ $name }> 不属于 MARCXML，已略去（“{ $text }”）
marcxml-write-forbidden-char = 第 { $record } 条记录：{ $place } 中含有 XML 1.0 无法容纳的字符 { $char }，该记录未导出
marcxml-write-failed = 无法写入 MARCXML 文件（{ $detail }）

crosswalk-no-equivalent-field = { $place }：目标格式中没有对应的字段，未转入：“{ $value }”
crosswalk-no-equivalent-subfield = { $place }：目标字段中没有对应的子字段，未转入：“{ $value }”
crosswalk-coded-value-not-mapped = { $place }：代码“{ $value }”在目标格式中没有对应值
crosswalk-local-field = { $place }：源编目系统的本地字段，在其他系统中没有意义，未转入：“{ $value }”
crosswalk-non-sorting-markers = { $place }：目标格式无法在此处标出不参与排序的词语，已删除排序控制符：“{ $value }”
