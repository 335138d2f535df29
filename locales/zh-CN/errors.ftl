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
