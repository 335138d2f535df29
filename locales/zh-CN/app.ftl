## 程序窗口。

app-title = 桥 — 图书馆编目
status-record-count = { $count } 条记录
