//! The app manifest names every command, so each gets an `allow-…` permission and the
//! capability file can grant exactly the ones the window uses (and nothing else).

const COMMANDS: &[&str] = &[
    "app_info",
    "ui_messages",
    "format_messages",
    "set_language",
    "create_catalogue",
    "open_catalogue",
    "open_recent",
    "list_records",
    "record_position",
    "get_record",
    "new_record_text",
    "save_record",
    "delete_record",
    "restore_record",
    "purge_record",
    "record_history",
    "get_version",
    "restore_version",
    "charsets",
    "pick_import_files",
    "import_records",
    "cancel_import",
    "pick_export_file",
    "export_records",
    "save_report",
    "take_pending_import",
    "watch_file_drops",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build configuration");
}
