// No console window behind the app on Windows release builds.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

/// The allocator the `qiao` command line uses too: import and export allocate a string per
/// value, which mimalloc serves with fewer instructions than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--export-bindings") {
        let path = args.get(at + 1).map(String::as_str).unwrap_or("ui/src/lib/bindings.ts");
        if let Err(e) = qiao_app::export_bindings(std::path::Path::new(path)) {
            eprintln!("qiao-app: could not export the bindings: {e}");
            std::process::exit(1);
        }
        return;
    }
    qiao_app::run(args);
}
