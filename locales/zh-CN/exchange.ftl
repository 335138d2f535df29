## 记录的导入与导出（后端信息）。

error-import-cancelled = 已取消导入，未导入任何记录
dialog-import-files = 导入记录
dialog-export-file = 导出记录
dialog-save-report = 保存导入报告
dialog-filter-marc = MARC 记录（ISO 2709、MARCXML、.mrk）
dialog-filter-report = 文本文件
error-unknown-charset = 未知的字符集“{ $name }”
