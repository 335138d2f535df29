//! Embeds every `locales/<lang>/*.ftl` file, so the binaries carry their translations and
//! the backend and the UI read the very same files.

use std::fs;
use std::path::Path;

fn main() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut entries = Vec::new();
    let mut langs: Vec<_> = fs::read_dir(&locales)
        .expect("locales/ exists at the workspace root")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    langs.sort_by_key(|e| e.file_name());
    for lang in langs {
        println!("cargo:rerun-if-changed={}", lang.path().display());
        let mut files: Vec<_> = fs::read_dir(lang.path())
            .expect("readable locale folder")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            println!("cargo:rerun-if-changed={}", file.path().display());
            entries.push(format!(
                "({:?}, {:?}, include_str!({:?})),\n",
                lang.file_name().to_string_lossy(),
                file.file_name().to_string_lossy(),
                file.path().canonicalize().expect("canonical path").display().to_string()
            ));
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded.rs");
    let code = format!(
        "/// (locale folder, file name, contents)\npub static FILES: &[(&str, &str, &str)] = &[\n{}];\n",
        entries.concat()
    );
    fs::write(out, code).expect("write embedded.rs");
}
