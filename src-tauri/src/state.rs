//! What the running app holds: the open catalogue, the language, the user's settings.

use qiao_core::i18n::{Lang, Localizer, Message};
use qiao_core::store::Catalogue;
use qiao_core::{Paths, Settings};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use tauri::ipc::Channel;

pub struct AppState {
    pub paths: Paths,
    pub settings: Mutex<Settings>,
    l10n: RwLock<Arc<Localizer>>,
    pub catalogue: Mutex<Option<Catalogue>>,
    /// Why the catalogue from last time could not be opened, shown once the window is up.
    pub startup_problem: Mutex<Option<Message>>,
    /// Set by "Cancel" while an import runs.
    pub import_cancel: AtomicBool,
    /// Files named on the command line (`--import FILE…`, "Open with" from a file manager),
    /// offered in the Import dialog once the window is up.
    pub pending_import: Mutex<Vec<String>>,
    /// Where files dragged onto the window are reported (the UI opens it at start): a
    /// channel of its own, so the window needs no permission to listen to events.
    pub file_drops: Mutex<Option<Channel<FileDrop>>>,
}

/// Files dragged over the window, then dropped on it or taken away.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FileDrop {
    Hover,
    Drop { paths: Vec<String> },
    Cancel,
}

/// A poisoned lock means a command panicked mid-way; the data behind it (an SQLite
/// connection, settings) is still consistent, so carry on rather than take the app down.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(paths: Paths) -> AppState {
        let settings = Settings::load(&paths);
        let l10n = Arc::new(Localizer::new(settings.lang()));
        AppState {
            paths,
            settings: Mutex::new(settings),
            l10n: RwLock::new(l10n),
            catalogue: Mutex::new(None),
            startup_problem: Mutex::new(None),
            import_cancel: AtomicBool::new(false),
            pending_import: Mutex::new(Vec::new()),
            file_drops: Mutex::new(None),
        }
    }

    pub fn l10n(&self) -> Arc<Localizer> {
        self.l10n.read().map(|l| l.clone()).unwrap_or_else(|p| p.into_inner().clone())
    }

    pub fn lang(&self) -> Lang {
        self.l10n().lang()
    }

    /// Switches the language and remembers the choice.
    pub fn set_lang(&self, lang: Lang) -> Result<(), Message> {
        let l10n = Arc::new(Localizer::new(lang));
        match self.l10n.write() {
            Ok(mut guard) => *guard = l10n,
            Err(poisoned) => *poisoned.into_inner() = l10n,
        }
        let mut settings = lock(&self.settings);
        settings.language = Some(lang);
        settings.save(&self.paths).map_err(Message::from)
    }

    /// Opens (or, when `create`, creates) a catalogue and makes it the current one.
    pub fn open(&self, path: &Path, create: bool) -> Result<(), Message> {
        let catalogue = if create { Catalogue::create(path)? } else { Catalogue::open(path)? };
        *lock(&self.catalogue) = Some(catalogue);
        *lock(&self.startup_problem) = None;
        let mut settings = lock(&self.settings);
        settings.remember(path);
        settings.save(&self.paths).map_err(Message::from)
    }

    /// Chooses the catalogue at start: one named on the command line (created if new),
    /// else the last one used, else — on the very first run — the demo catalogue.
    pub fn start(&self, requested: Option<PathBuf>) {
        let last = lock(&self.settings).recent.first().cloned();
        let result = match (requested, last) {
            (Some(path), _) => self.open(&path, !path.exists()),
            (None, Some(path)) => self.open(&path, false),
            (None, None) => self.open_demo(),
        };
        if let Err(problem) = result {
            *lock(&self.startup_problem) = Some(problem);
        }
    }

    fn open_demo(&self) -> Result<(), Message> {
        let path = self.paths.default_catalogue();
        if path.exists() {
            return self.open(&path, false);
        }
        let mut catalogue = Catalogue::create(&path)?;
        if let Err(e) = qiao_core::demo::seed(&mut catalogue) {
            drop(catalogue);
            let _ = std::fs::remove_file(&path);
            return Err(e.into());
        }
        drop(catalogue);
        self.open(&path, false)
    }
}
