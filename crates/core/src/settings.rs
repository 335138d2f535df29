//! The user's choices that outlive a session: language and recent catalogues.

use crate::error::Error;
use crate::paths::Paths;
use crate::Result;
use qiao_i18n::Lang;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many catalogues the "recent" menu remembers.
pub const RECENT_LIMIT: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The interface language the user picked; `None` follows the OS.
    pub language: Option<Lang>,
    /// Most recent first; the first is reopened at start.
    pub recent: Vec<PathBuf>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (the file is
    /// rewritten on the next change, so a damaged one never blocks the app from starting).
    pub fn load(paths: &Paths) -> Settings {
        std::fs::read(paths.settings_file())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings atomically (a temporary file renamed over the old one).
    pub fn save(&self, paths: &Paths) -> Result<()> {
        let target = paths.settings_file();
        std::fs::create_dir_all(&paths.config_dir).map_err(|e| Error::io(&paths.config_dir, e))?;
        let mut file =
            tempfile::NamedTempFile::new_in(&paths.config_dir).map_err(|e| Error::io(&paths.config_dir, e))?;
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        file.write_all(&json).and_then(|_| file.as_file().sync_all()).map_err(|e| Error::io(&target, e))?;
        file.persist(&target).map_err(|e| Error::io(&target, e.error))?;
        Ok(())
    }

    /// The language to speak: the saved choice, else the OS's, else English.
    pub fn lang(&self) -> Lang {
        self.language.unwrap_or_else(Lang::from_os)
    }

    /// Puts a catalogue at the top of the recent list.
    pub fn remember(&mut self, catalogue: &Path) {
        let catalogue = std::path::absolute(catalogue).unwrap_or_else(|_| catalogue.to_path_buf());
        self.recent.retain(|p| p != &catalogue);
        self.recent.insert(0, catalogue);
        self.recent.truncate(RECENT_LIMIT);
    }

    pub fn forget(&mut self, catalogue: &Path) {
        self.recent.retain(|p| p != catalogue);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_recent_order() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        assert_eq!(Settings::load(&paths), Settings::default());
        let mut s = Settings { language: Some(Lang::Ru), recent: vec![] };
        for i in 0..10 {
            s.remember(&dir.path().join(format!("{i}.qiao")));
        }
        s.remember(&dir.path().join("3.qiao"));
        s.save(&paths).unwrap();
        let back = Settings::load(&paths);
        assert_eq!(back, s);
        assert_eq!(back.recent.len(), RECENT_LIMIT);
        assert!(back.recent[0].ends_with("3.qiao") && back.recent[1].ends_with("9.qiao"));
        assert_eq!(back.lang(), Lang::Ru);
    }

    #[test]
    fn a_damaged_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.config_dir).unwrap();
        std::fs::write(paths.settings_file(), "{not json").unwrap();
        assert_eq!(Settings::load(&paths), Settings::default());
    }
}
