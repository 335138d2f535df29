## qiao 命令行程序的提示信息。

cli-created = 已创建目录库 { $file }
cli-imported = 已导入 { $count } 条记录
cli-skipped = 已跳过 { $count } 条记录（详见上方信息）
cli-exported = 已将 { $count } 条记录导出至 { $file }
cli-stats-total = { $file }：共 { $count } 条记录
cli-stats-flavour = { "  " }{ $flavour }：{ $count }
cli-stats-status = { "  " }{ $status }：{ $count }
cli-stats-trash = { "  " }回收站中：{ $count }
