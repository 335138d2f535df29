//! The commands the window may call: each takes plain arguments, calls the core and maps
//! the result. Errors are `{code, args}` messages the UI formats in its current language.

use crate::state::{lock, AppState, FileDrop};
use qiao_core::charset::Charset;
use qiao_core::i18n::{Lang, Message};
use qiao_core::marc::{mrk, Flavour};
use qiao_core::store::{Catalogue, ListPage, ListRequest, RecordVersion, Scope, SortBy, Status, StoredRecord};
use qiao_core::{
    ExportOptions, ExportReport, Format, ImportControl, ImportOptions, ImportProgress, ImportReport, OnDuplicate,
    OnUnmappable, Selection,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};

type Result<T> = std::result::Result<T, Message>;

/// A record id. Ids are SQLite rowids, far below 2^53, so a JS number holds them exactly.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct RecordId(#[specta(type = specta_typescript::Number)] pub i64);

/// A record and one of its versions.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct VersionRef {
    pub id: RecordId,
    #[specta(type = specta_typescript::Number)]
    pub version: i64,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CatalogueInfo {
    pub path: String,
    /// The file name without its extension, for the title bar.
    pub name: String,
    pub records: u32,
    pub trash: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub lang: Lang,
    pub version: String,
    pub catalogue: Option<CatalogueInfo>,
    /// Recently opened catalogues, most recent first.
    pub recent: Vec<String>,
    /// Why the catalogue could not be opened at start, if it could not.
    pub problem: Option<Message>,
}

/// Every message that needs no argument, in the current language.
#[derive(Debug, Clone, Serialize, Type)]
pub struct UiMessages {
    pub lang: Lang,
    pub messages: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct RecordDetail {
    pub stored: StoredRecord,
    /// The record as .mrk text, for the text-mode editor.
    pub text: String,
}

/// What the editor saves: new when `id` is absent.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct RecordDraft {
    pub id: Option<RecordId>,
    pub text: String,
    /// Detected from the record when absent.
    pub flavour: Option<Flavour>,
    pub status: Status,
    /// The version the edit started from, so a save never overwrites someone else's.
    #[specta(type = Option<specta_typescript::Number>)]
    pub expected_version: Option<i64>,
}

fn no_catalogue() -> Message {
    Message::new("error-no-catalogue")
}

/// Runs `f` on the open catalogue.
fn with_catalogue<T>(state: &AppState, f: impl FnOnce(&mut Catalogue) -> Result<T>) -> Result<T> {
    let mut guard = lock(&state.catalogue);
    let catalogue = guard.as_mut().ok_or_else(no_catalogue)?;
    f(catalogue)
}

fn catalogue_info(state: &AppState) -> Result<Option<CatalogueInfo>> {
    let guard = lock(&state.catalogue);
    let Some(catalogue) = guard.as_ref() else { return Ok(None) };
    let path = catalogue.path();
    Ok(Some(CatalogueInfo {
        path: path.display().to_string(),
        name: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        records: catalogue.count(Scope::Active)?,
        trash: catalogue.count(Scope::Trash)?,
    }))
}

fn app_info_of(state: &AppState) -> Result<AppInfo> {
    Ok(AppInfo {
        lang: state.lang(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        catalogue: catalogue_info(state)?,
        recent: lock(&state.settings).recent.iter().map(|p| p.display().to_string()).collect(),
        problem: lock(&state.startup_problem).clone(),
    })
}

/// The window title: the catalogue's name, then the app's.
pub fn refresh_title(app: &AppHandle) {
    let state = app.state::<AppState>();
    let l10n = state.l10n();
    let title = match catalogue_info(&state).ok().flatten() {
        Some(info) => format!("{} — {}", info.name, l10n.text("app-title")),
        None => l10n.text("app-title"),
    };
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&title);
    }
}

fn detail(stored: StoredRecord) -> RecordDetail {
    let text = mrk::to_string(&stored.record);
    RecordDetail { stored, text }
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    app_info_of(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn ui_messages(state: State<'_, AppState>) -> Result<UiMessages> {
    let l10n = state.l10n();
    Ok(UiMessages { lang: l10n.lang(), messages: l10n.plain_messages() })
}

/// Formats messages that take arguments (counts, dates, errors), in one round trip.
#[tauri::command]
#[specta::specta]
pub async fn format_messages(state: State<'_, AppState>, messages: Vec<Message>) -> Result<Vec<String>> {
    let l10n = state.l10n();
    Ok(messages.iter().map(|m| l10n.message(m)).collect())
}

#[tauri::command]
#[specta::specta]
pub async fn set_language(app: AppHandle, state: State<'_, AppState>, lang: Lang) -> Result<UiMessages> {
    state.set_lang(lang)?;
    refresh_title(&app);
    let l10n = state.l10n();
    Ok(UiMessages { lang: l10n.lang(), messages: l10n.plain_messages() })
}

fn catalogue_dialog(state: &AppState, window: &WebviewWindow, title_id: &str) -> rfd::AsyncFileDialog {
    let l10n = state.l10n();
    let start = lock(&state.settings)
        .recent
        .first()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| state.paths.data_dir.clone());
    rfd::AsyncFileDialog::new()
        .set_parent(window)
        .set_title(l10n.text(title_id))
        .set_directory(start)
        .add_filter(l10n.text("dialog-filter-catalogue"), &["qiao"])
}

/// "New catalogue…": asks where, then creates an empty catalogue there.
#[tauri::command]
#[specta::specta]
pub async fn create_catalogue(
    app: AppHandle,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<AppInfo>> {
    let dialog = catalogue_dialog(&state, &window, "dialog-new-catalogue").set_file_name("catalogue.qiao");
    let Some(file) = dialog.save_file().await else { return Ok(None) };
    let mut path: PathBuf = file.path().to_path_buf();
    if path.extension().is_none() {
        path.set_extension("qiao");
    }
    // The dialog already asked before replacing a file; a catalogue is still never
    // overwritten in place, so an existing file is refused with a clear message.
    state.open(&path, true)?;
    refresh_title(&app);
    app_info_of(&state).map(Some)
}

/// "Open catalogue…"
#[tauri::command]
#[specta::specta]
pub async fn open_catalogue(
    app: AppHandle,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<AppInfo>> {
    let dialog = catalogue_dialog(&state, &window, "dialog-open-catalogue");
    let Some(file) = dialog.pick_file().await else { return Ok(None) };
    state.open(file.path(), false)?;
    refresh_title(&app);
    app_info_of(&state).map(Some)
}

#[tauri::command]
#[specta::specta]
pub async fn open_recent(app: AppHandle, state: State<'_, AppState>, path: String) -> Result<AppInfo> {
    state.open(Path::new(&path), false)?;
    refresh_title(&app);
    app_info_of(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn list_records(state: State<'_, AppState>, request: ListRequest) -> Result<ListPage> {
    let lang = state.lang();
    with_catalogue(&state, |c| Ok(c.list(&request, lang)?))
}

/// Where a record stands in the list, to scroll to it after a save.
#[tauri::command]
#[specta::specta]
pub async fn record_position(
    state: State<'_, AppState>,
    id: RecordId,
    scope: Scope,
    sort: SortBy,
    descending: bool,
) -> Result<Option<u32>> {
    let lang = state.lang();
    with_catalogue(&state, |c| Ok(c.position(id.0, scope, sort, descending, lang)?))
}

#[tauri::command]
#[specta::specta]
pub async fn get_record(state: State<'_, AppState>, id: RecordId) -> Result<RecordDetail> {
    with_catalogue(&state, |c| Ok(detail(c.get(id.0)?)))
}

/// The text a new record starts from.
#[tauri::command]
#[specta::specta]
pub async fn new_record_text(flavour: Flavour) -> Result<String> {
    let today = chrono::Local::now().format("%Y%m%d").to_string();
    Ok(qiao_core::template::new_record(flavour, &today))
}

#[tauri::command]
#[specta::specta]
pub async fn save_record(state: State<'_, AppState>, draft: RecordDraft) -> Result<RecordDetail> {
    let record =
        mrk::parse_one(&draft.text).map_err(|e| e.message())?.ok_or_else(|| Message::new("error-empty-record"))?;
    let flavour = draft.flavour.unwrap_or_else(|| Flavour::detect(&record));
    with_catalogue(&state, |c| {
        let stored = match draft.id {
            Some(id) => c.update(id.0, &record, flavour, draft.status, draft.expected_version)?,
            None => {
                let id = c.insert(&record, flavour, draft.status)?;
                c.get(id)?
            }
        };
        Ok(detail(stored))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn delete_record(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    with_catalogue(&state, |c| Ok(c.delete(id.0)?))
}

#[tauri::command]
#[specta::specta]
pub async fn restore_record(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    with_catalogue(&state, |c| Ok(c.restore(id.0)?))
}

#[tauri::command]
#[specta::specta]
pub async fn purge_record(state: State<'_, AppState>, id: RecordId) -> Result<()> {
    with_catalogue(&state, |c| Ok(c.purge(id.0)?))
}

#[tauri::command]
#[specta::specta]
pub async fn record_history(state: State<'_, AppState>, id: RecordId) -> Result<Vec<RecordVersion>> {
    with_catalogue(&state, |c| Ok(c.history(id.0)?))
}

#[tauri::command]
#[specta::specta]
pub async fn get_version(state: State<'_, AppState>, at: VersionRef) -> Result<RecordDetail> {
    with_catalogue(&state, |c| Ok(detail(c.version(at.id.0, at.version)?)))
}

/// Makes an earlier version current again (saved as a new version).
#[tauri::command]
#[specta::specta]
pub async fn restore_version(state: State<'_, AppState>, at: VersionRef) -> Result<RecordDetail> {
    with_catalogue(&state, |c| Ok(detail(c.restore_version(at.id.0, at.version)?)))
}

/// What the Import dialog asks for.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ImportRequest {
    pub files: Vec<String>,
    /// Detected per file when absent.
    pub format: Option<Format>,
    /// Detected per record when absent.
    pub flavour: Option<Flavour>,
    /// ISO 2709 character set name (see `charsets`); declared or detected when absent.
    pub encoding: Option<String>,
    pub on_duplicate: OnDuplicate,
    /// On cancel, keep what was imported so far instead of rolling everything back.
    pub keep_partial: bool,
}

/// What the Export dialog asks for (the whole catalogue, trash excluded).
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ExportRequest {
    pub path: String,
    pub format: Format,
    /// ISO 2709 character set name (see `charsets`).
    pub encoding: String,
    /// Crosswalk every record to this flavour; null keeps each record's own.
    pub flavour: Option<Flavour>,
    pub selection: Selection,
    pub on_unmappable: OnUnmappable,
}

fn charset(name: &str) -> Result<Charset> {
    name.parse().map_err(|_| Message::new("error-unknown-charset").arg("name", name))
}

/// The character sets Qiao reads and writes, by their canonical names.
#[tauri::command]
#[specta::specta]
pub async fn charsets() -> Result<Vec<String>> {
    Ok(Charset::ALL.iter().map(|c| c.name().to_string()).collect())
}

/// "Import…": the native dialog for choosing files (several at once).
#[tauri::command]
#[specta::specta]
pub async fn pick_import_files(window: WebviewWindow, state: State<'_, AppState>) -> Result<Option<Vec<String>>> {
    let l10n = state.l10n();
    let dialog = rfd::AsyncFileDialog::new()
        .set_parent(&window)
        .set_title(l10n.text("dialog-import-files"))
        .add_filter(l10n.text("dialog-filter-marc"), &["mrc", "iso", "marc", "dat", "xml", "mrk", "usmarc"]);
    Ok(dialog.pick_files().await.map(|files| files.iter().map(|f| f.path().display().to_string()).collect()))
}

/// Imports files in one transaction, reporting progress through `progress` about ten
/// times a second; `cancel_import` stops it.
#[tauri::command]
#[specta::specta]
pub async fn import_records(
    app: AppHandle,
    request: ImportRequest,
    progress: Channel<ImportProgress>,
) -> Result<ImportReport> {
    let encoding = request.encoding.as_deref().map(charset).transpose()?;
    let options = ImportOptions {
        format: request.format,
        flavour: request.flavour,
        encoding,
        strict: false,
        on_duplicate: request.on_duplicate,
    };
    let files: Vec<PathBuf> = request.files.iter().map(PathBuf::from).collect();
    let keep_partial = request.keep_partial;
    // Cleared here, before the work starts, so a Cancel pressed early is never lost.
    app.state::<AppState>().import_cancel.store(false, Ordering::Relaxed);
    let worker = app.clone();
    // Parsing and writing take seconds on large files: off the async runtime's threads.
    tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        let mut report_progress = |p: ImportProgress| {
            let _ = progress.send(p);
        };
        let control = ImportControl { progress: &mut report_progress, cancel: &state.import_cancel, keep_partial };
        with_catalogue(&state, |c| Ok(qiao_core::import_files_with(c, &files, &options, control)?))
    })
    .await
    .map_err(|e| Message::new("error-internal").arg("detail", e.to_string()))?
}

/// Stops a running import (rolled back, or kept so far if the user asked for that).
#[tauri::command]
#[specta::specta]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<()> {
    state.import_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// "Export…": the native dialog for the target file.
#[tauri::command]
#[specta::specta]
pub async fn pick_export_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    format: Format,
) -> Result<Option<String>> {
    let l10n = state.l10n();
    let extension = match format {
        Format::Iso2709 => "mrc",
        Format::Marcxml => "xml",
        Format::Mrk => "mrk",
    };
    let name = lock(&state.catalogue)
        .as_ref()
        .and_then(|c| c.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "records".into());
    let dialog = rfd::AsyncFileDialog::new()
        .set_parent(&window)
        .set_title(l10n.text("dialog-export-file"))
        .set_file_name(format!("{name}.{extension}"))
        .add_filter(l10n.text("dialog-filter-marc"), &[extension]);
    Ok(dialog.save_file().await.map(|f| f.path().display().to_string()))
}

#[tauri::command]
#[specta::specta]
pub async fn export_records(app: AppHandle, request: ExportRequest) -> Result<ExportReport> {
    let options = ExportOptions {
        format: request.format,
        encoding: charset(&request.encoding)?,
        flavour: request.flavour,
        on_unmappable: request.on_unmappable,
    };
    let target = PathBuf::from(&request.path);
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        with_catalogue(&state, |c| Ok(qiao_core::export_selection(c, &request.selection, &target, &options)?))
    })
    .await
    .map_err(|e| Message::new("error-internal").arg("detail", e.to_string()))?
}

/// Saves text the window composed (an import report, in the UI language) where the user
/// chooses. Returns the path, or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_report(window: WebviewWindow, state: State<'_, AppState>, text: String) -> Result<Option<String>> {
    let l10n = state.l10n();
    let dialog = rfd::AsyncFileDialog::new()
        .set_parent(&window)
        .set_title(l10n.text("dialog-save-report"))
        .set_file_name("import-report.txt")
        .add_filter(l10n.text("dialog-filter-report"), &["txt"]);
    let Some(file) = dialog.save_file().await else { return Ok(None) };
    let path = file.path().to_path_buf();
    std::fs::write(&path, text).map_err(|e| qiao_core::Error::io(&path, e).message())?;
    Ok(Some(path.display().to_string()))
}

/// Reports files dragged onto the window through `channel`, from now on.
#[tauri::command]
#[specta::specta]
pub async fn watch_file_drops(state: State<'_, AppState>, channel: Channel<FileDrop>) -> Result<()> {
    *lock(&state.file_drops) = Some(channel);
    Ok(())
}

/// Files given on the command line to import, handed over once (the UI asks at start).
#[tauri::command]
#[specta::specta]
pub async fn take_pending_import(state: State<'_, AppState>) -> Result<Vec<String>> {
    Ok(std::mem::take(&mut *lock(&state.pending_import)))
}
