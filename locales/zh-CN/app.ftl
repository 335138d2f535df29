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

## 导入与导出。

toolbar-import = 导入…
toolbar-import-tip = 从 MARC 文件（ISO 2709、MARCXML、.mrk）向目录库导入记录
toolbar-export = 导出…
toolbar-export-tip = 将目录库中的记录导出为 MARC 文件
dialog-close = 关闭
exchange-format-iso2709 = ISO 2709（.mrc、.iso）
exchange-format-marcxml = MARCXML（.xml）
exchange-format-mrk = MARCMaker 文本（.mrk）

import-files = 要导入的文件
import-files-empty = 尚未选择文件。请添加一个或多个 MARC 文件。
import-add-files = 添加文件…
import-remove-file = 从列表中移除 { $name }
import-format = 文件格式
import-flavour = 记录格式
import-charset = 字符集
import-detect = 自动识别
import-charset-hint = 字符集仅适用于 ISO 2709 文件；自动识别时取自记录头标，或根据文件内容判断。MARCXML 和 .mrk 文件始终为 Unicode。
import-on-duplicate = 目录库中已有相同记录时
import-duplicate-skip = 跳过
import-duplicate-skip-hint = 目录库中的记录保持不变，导入的记录只列入报告。
import-duplicate-replace = 替换（保留历史版本）
import-duplicate-replace-hint = 导入的记录作为已有记录的新版本保存，原版本保留在历史中。
import-duplicate-keep = 两条都保留
import-duplicate-keep-hint = 导入的记录与已有记录并存。
import-duplicate-rule = 控制号相同（同一机构的 001 字段）或有相同 ISBN 的记录视为重复记录。
import-keep-partial = 取消时保留已导入的记录
import-keep-partial-hint = 如不勾选，取消后目录库将完全恢复到导入前的状态。
import-start = 导入

import-running = 正在导入…
import-cancelling = 正在取消…
import-progress-records = { $count } 条记录
import-progress-percent = { $percent }%
import-rate = 每秒 { $rate } 条
import-eta-unknown = 正在估算剩余时间…
import-eta-seconds = 约剩 { $count } 秒
import-eta-minutes = 约剩 { $count } 分钟
import-eta-hours = 约剩 { $count } 小时
import-cancel-keeps = 如果取消，已导入的记录将予以保留。
import-cancel-undoes = 如果取消，将不导入任何记录，目录库保持原样。

import-report-title = 导入报告
import-report-cancelled = 导入在完成前已取消；此前导入的记录均已保留。
import-report-figure = { $count }
import-report-imported = 条记录已导入
import-report-replaced = 条记录已替换
import-report-repaired = 条记录经修复
import-report-skipped = 条记录被跳过
import-report-duplicates = 条重复记录
import-report-clean = 没有需要修复的记录，没有被跳过的记录，也没有重复记录。
import-report-repaired-heading = 经修复后导入的记录
import-report-skipped-heading = 被跳过（未导入）的记录
import-report-duplicates-heading = 与目录库重复的记录
import-report-more = ……另有 { $count } 条；保存报告即可查看全部。
import-report-more-unlisted = ……另有 { $count } 条；保存的报告列出前 { $listed } 条。
import-report-unlisted = ……另有 { $count } 条未列出。
import-drop-here = 松开鼠标即可导入这些 MARC 文件
import-drop-no-catalogue = 请先打开或新建目录库，再重新拖入文件。
import-drop-busy = 请先完成或关闭当前对话框，再重新拖入文件。
import-at-record = { $file }，第 { $record } 条记录
import-at-line = { $file }，第 { $record } 条记录，第 { $line } 行
import-at-offset = { $file }，第 { $record } 条记录，第 { $offset } 字节
import-match-control-number = 与记录 { $id } 重复：控制号相同（{ $key }）
import-match-isbn = 与记录 { $id } 重复：ISBN 相同（{ $isbn }）
import-action-skip = 已跳过，目录库中的记录保持不变
import-action-replace = 已替换记录 { $id }，原版本保留在历史中
import-action-keep = 已作为记录 { $id } 添加，与已有记录并存
import-save-report = 保存报告…
import-report-saved = 报告已保存到 { $path }
import-report-text-title = 桥导入报告，{ DATETIME($date) }

export-what = 导出范围
export-scope-all = 整个目录库
export-scope-selected = 所选记录
export-scope-none = 列表中尚未选择记录。
export-scope = 除回收站中的记录外的全部记录。
export-format = 文件格式
export-flavour = 记录格式
export-flavour-keep = 保持原格式（不转换）
export-losses-heading = { $count } 条记录转换时有数据无法对应
export-loss-record = 第 { $record } 条记录
export-charset = 字符集
export-charset-hint = 常用选择：与使用 MARC 21 的机构交换用 MARC-8，RUSMARC 用 CP1251，CNMARC 用 GB18030。对方系统支持 Unicode 时均可使用 UTF-8。
export-charset-unicode = MARCXML 和 .mrk 文件始终以 UTF-8 写出。
export-if-unwritable = 遇到无法写出的字符时
export-unwritable-stop = 停止导出
export-unwritable-stop-hint = 不生成文件，并指明是哪条记录、哪个字段、哪个字符。
export-unwritable-skip = 跳过该记录
export-unwritable-skip-hint = 照常写出其他记录，并列出被跳过的记录。
export-start = 导出…
export-running = 正在导出…
export-written = 已将 { $count } 条记录写入 { $path }
export-skipped-heading = 跳过了 { $count } 条记录
