## qiao 命令行程序的提示信息。

cli-created = 已创建目录库 { $file }
cli-imported = 已导入 { $count } 条记录
cli-skipped = 已跳过 { $count } 条记录（详见上方信息）
cli-exported = 已将 { $count } 条记录导出至 { $file }
cli-stats-total = { $file }：共 { $count } 条记录
cli-stats-flavour = { "  " }{ $flavour }：{ $count }
cli-stats-status = { "  " }{ $status }：{ $count }
cli-stats-trash = { "  " }回收站中：{ $count }
cli-at-record = { $file }，第 { $record } 条记录
cli-repaired = 已修复 { $count } 条记录（详见上方说明）
cli-crosswalk-losses = { $count } 条记录转换为 { $flavour } 时有部分数据无法对应（详见上方列表）

bench-parse = 解析 ISO 2709
bench-iso-to-xml = ISO 2709 → MARCXML
bench-xml-to-iso = MARCXML → ISO 2709
bench-import = 导入目录库
bench-not-utf8 = 第 { $record } 条记录：偏移量 { $offset } 处的字节不是 UTF-8（基准测试读取的是它自己生成的 UTF-8 文件）
bench-yaz-iso-to-xml = yaz-marcdump ISO 2709 → MARCXML
bench-yaz-xml-to-iso = yaz-marcdump MARCXML → ISO 2709
cli-bench-size = { $count } 条记录（{ $bytes } 字节）：
cli-bench-row = { "  " }{ $phase }：每秒 { $rate } 条（{ $seconds } 秒），{ $peak }
cli-bench-peak = 内存峰值 { $mib } MiB
cli-bench-no-peak = 未测量内存峰值
cli-duplicate-skipped = 目录库中已有（{ $ids }），已跳过
cli-duplicate-replaced = 已替换记录 { $ids }（原版本保留在修改历史中）
cli-duplicate-kept = 已与 { $ids } 并存添加（疑为同一文献）
cli-replaced = 已替换 { $count } 条记录
cli-duplicates-skipped = 已跳过 { $count } 条重复记录（详见上方说明）
