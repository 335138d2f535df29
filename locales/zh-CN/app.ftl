## 程序窗口。

app-title = 桥 — 图书馆编目
status-record-count = { $count } 条记录
status-trash-count = 回收站中有 { $count } 条记录
status-no-catalogue = 未打开目录库
status-version = 桥 { $version }

error-internal = 内部错误：{ $detail }

## 系统文件对话框（由后端打开）。

dialog-new-catalogue = 新建目录库
dialog-open-catalogue = 打开目录库
dialog-filter-catalogue = 桥目录库文件

## 工具栏。

toolbar-new-catalogue = 新建目录库…
toolbar-new-catalogue-tip = 新建一个空的目录库文件
toolbar-open-catalogue = 打开目录库…
toolbar-open-catalogue-tip = 打开已有的目录库文件
toolbar-recent = 最近打开
toolbar-recent-tip = 最近打开过的目录库
toolbar-recent-empty = 尚未打开过目录库
toolbar-new-record = 新建记录
toolbar-new-record-tip = 按界面语言常用的格式著录新文献（Ctrl+N）
toolbar-new-record-choose = 新记录的格式
scope-label = 显示
scope-active = 目录库
scope-active-tip = 目录库中的记录
scope-trash = 回收站
scope-trash-tip = 已删除但仍可恢复的记录
sort-label = 排序方式
sort-by-title = 题名
sort-by-author = 责任者
sort-by-year = 出版年
sort-by-modified = 修改时间
sort-ascending = 升序
sort-descending = 降序
sort-ascending-tip = 当前为升序，点击改为降序
sort-descending-tip = 当前为降序，点击改为升序
lang-label = 界面语言
lang-name-zh = 简体中文
lang-name-ru = Русский
lang-name-en = English

## 记录列表。

list-label = 记录
list-empty = 目录库中还没有记录。点击“新建记录”著录第一条。
list-empty-trash = 回收站是空的。
list-no-catalogue = 尚未打开目录库。请新建目录库，或打开已有的目录库。

## 记录面板。

record-none = 在列表中选择一条记录，即可查看其著录信息。
record-no-title = [无题名]
record-label-year = 出版年
record-label-language = 语种
record-label-isbn = ISBN
record-label-flavour = 格式
record-label-status = 状态
record-label-version = 版本
record-label-created = 创建时间
record-label-modified = 修改时间
record-date = { DATETIME($date) }
record-deleted = 已于 { DATETIME($date) } 移入回收站
record-fields = 字段
record-column-tag = 字段号
record-column-indicators = 指示符
record-column-content = 子字段
record-blank-indicator = 空指示符（未定义）
record-leader = 记录头标
record-edit = 编辑
record-edit-tip = 编辑记录文本（Enter）
record-delete = 删除
record-delete-tip = 将记录移入回收站
record-history = 历史版本
record-history-tip = 查看记录的历史版本
record-restore = 恢复
record-restore-tip = 将记录从回收站恢复到目录库
record-purge = 永久删除
record-purge-tip = 永久删除该记录及其全部版本

## 版本历史。

history-title = 历史版本
history-close = 关闭版本历史
history-loading = 正在加载…
history-version = 第 { $version } 版
history-current = 当前版本
history-viewing = 正在查看第 { $version } 版（保存于 { DATETIME($date) }），只读，不能编辑。
history-restore = 恢复此版本
history-restore-tip = 将此版本恢复为当前版本；现有文本仍保留在版本历史中
history-back = 返回当前版本

## 记录编辑器。

editor-new = 新建记录
editor-edit = 编辑记录
editor-text-label = 记录文本
editor-status = 状态
editor-flavour = 格式
editor-flavour-auto = 自动识别
editor-save = 保存
editor-save-tip = 保存记录（Ctrl+S）
editor-saving = 正在保存…
editor-cancel = 取消
editor-cancel-tip = 不保存并关闭编辑器（Esc）
editor-unsaved = 有未保存的修改
editor-hint = 每个字段占一行：=字段号，两个空格，两位指示符（空位写作 \），每个子字段代码前加 $。字符 $ 本身写作 {"{"}dollar{"}"}。

## 确认对话框。

dialog-cancel = 取消
confirm-delete-title = 将记录移入回收站？
confirm-delete-text = “{ $title }”将被移入回收站，之后可随时从回收站恢复。
confirm-delete-ok = 移入回收站
confirm-purge-title = 永久删除此记录？
confirm-purge-text = “{ $title }”及其全部版本将被永久删除，此操作无法撤销。
confirm-purge-ok = 永久删除
confirm-discard-title = 放弃修改？
confirm-discard-text = 记录有未保存的修改。继续操作，这些修改将会丢失。
confirm-discard-ok = 放弃修改
banner-dismiss = 关闭
