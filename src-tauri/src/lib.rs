//! Qiao's desktop shell: registers the commands, opens the catalogue, shows the window.

mod commands;
mod state;

use specta_typescript::Typescript;
use state::{AppState, FileDrop};
use std::path::{Path, PathBuf};
use tauri::Manager;
use tauri_specta::{collect_commands, Builder, ErrorHandlingMode};

/// Every command the UI can call. The capability file grants exactly these.
fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().error_handling(ErrorHandlingMode::Throw).commands(collect_commands![
        commands::app_info,
        commands::ui_messages,
        commands::format_messages,
        commands::set_language,
        commands::create_catalogue,
        commands::open_catalogue,
        commands::open_recent,
        commands::list_records,
        commands::record_position,
        commands::get_record,
        commands::new_record_text,
        commands::save_record,
        commands::delete_record,
        commands::restore_record,
        commands::purge_record,
        commands::record_history,
        commands::get_version,
        commands::restore_version,
        commands::charsets,
        commands::pick_import_files,
        commands::import_records,
        commands::cancel_import,
        commands::pick_export_file,
        commands::export_records,
        commands::save_report,
        commands::take_pending_import,
        commands::watch_file_drops,
    ])
}

/// Writes the TypeScript bindings of the commands and their types.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder()
        .export(
            Typescript::default().header(
                "// Generated from the Rust commands by `qiao-app --export-bindings`. Do not edit.\n// @ts-nocheck\n",
            ),
            path,
        )
        .map_err(|e| e.to_string())
}

/// `--import FILE…`: every argument after it up to the next option.
fn requested_imports(args: &[String]) -> Vec<String> {
    let Some(at) = args.iter().position(|a| a == "--import") else { return Vec::new() };
    args[at + 1..].iter().take_while(|a| !a.starts_with("--")).cloned().collect()
}

/// `--catalogue PATH` opens (or creates) that catalogue instead of the last one.
fn requested_catalogue(args: &[String]) -> Option<PathBuf> {
    let at = args.iter().position(|a| a == "--catalogue")?;
    args.get(at + 1).map(PathBuf::from)
}

/// Passes a drag over the window on to the UI, if it is listening.
fn report_drop(app: &tauri::AppHandle, drag: &tauri::DragDropEvent) {
    let message = match drag {
        tauri::DragDropEvent::Enter { .. } => FileDrop::Hover,
        tauri::DragDropEvent::Drop { paths, .. } => {
            FileDrop::Drop { paths: paths.iter().map(|p| p.display().to_string()).collect() }
        }
        tauri::DragDropEvent::Leave => FileDrop::Cancel,
        _ => return,
    };
    let state = app.state::<AppState>();
    let channel = state::lock(&state.file_drops).clone();
    if let Some(channel) = channel {
        // A closed window has nobody to tell; nothing to do then.
        let _ = channel.send(message);
    }
}

pub fn run(args: Vec<String>) {
    let builder = specta_builder();
    let state = AppState::new(qiao_core::Paths::from_env());
    state.start(requested_catalogue(&args));
    *state::lock(&state.pending_import) = requested_imports(&args);
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(drag) = event {
                report_drop(window.app_handle(), drag);
            }
        })
        .setup(move |app| {
            builder.mount_events(app);
            commands::refresh_title(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("qiao: the window could not be started: {e}");
        std::process::exit(1);
    }
}
