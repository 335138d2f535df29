//! Where Qiao keeps things: the OS's own data and configuration folders (XDG on Linux,
//! Application Support on macOS, AppData on Windows), overridable for tests and portable use.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Catalogues live here unless the user saves them elsewhere.
    pub data_dir: PathBuf,
    /// settings.json
    pub config_dir: PathBuf,
}

impl Paths {
    /// `QIAO_DATA_DIR` and `QIAO_CONFIG_DIR` win over the OS folders.
    pub fn from_env() -> Paths {
        let dirs = directories::ProjectDirs::from("org", "Qiao", "Qiao");
        let pick = |var: &str, os: Option<&Path>| {
            std::env::var_os(var)
                .map(PathBuf::from)
                .or_else(|| os.map(Path::to_path_buf))
                .unwrap_or_else(|| std::env::temp_dir().join("qiao"))
        };
        Paths {
            data_dir: pick("QIAO_DATA_DIR", dirs.as_ref().map(|d| d.data_dir())),
            config_dir: pick("QIAO_CONFIG_DIR", dirs.as_ref().map(|d| d.config_dir())),
        }
    }

    pub fn under(root: &Path) -> Paths {
        Paths { data_dir: root.join("data"), config_dir: root.join("config") }
    }

    /// The catalogue opened when nothing else was chosen (first run: the demo goes here).
    pub fn default_catalogue(&self) -> PathBuf {
        self.data_dir.join("catalogue.qiao")
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.json")
    }
}
