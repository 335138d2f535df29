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
