//! `qiao`: the catalogue from the command line. The same core as the app; messages in the
//! language of `--lang` or the environment (LANG, LC_ALL, LC_MESSAGES).

use clap::{Parser, Subcommand, ValueEnum};
use qiao_core::charset::Charset;
use qiao_core::i18n::{Lang, Localizer, Message};
use qiao_core::marc::{mrk, Flavour};
use qiao_core::store::{Catalogue, ListRequest, Scope, SortBy};
use qiao_core::{
    Error, ExportOptions, ExportReport, Format, ImportOptions, OnDuplicate, OnUnmappable, Paths, Selection, Settings,
};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "qiao", version, about = "Qiao library catalogue (桥 · Мост) from the command line")]
struct Cli {
    /// The catalogue file [default: the catalogue the app opens]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Language of messages: zh-CN, ru or en [default: from LANG]
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create an empty catalogue (an existing file is never overwritten)
    Init {
        /// Fill it with the demo records
        #[arg(long)]
        demo: bool,
    },
    /// Import records (ISO 2709, MARCXML or .mrk), all files in one transaction
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        reading: Reading,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Export every record (the trash excluded), or the records named with --id
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Export only this record (repeat for several, or give a comma-separated list)
        #[arg(long = "id", value_name = "ID", value_delimiter = ',')]
        ids: Vec<i64>,
        #[command(flatten)]
        writing: Writing,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Convert a file between formats, flavours and character sets (no catalogue involved)
    Convert {
        input: PathBuf,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Input format [default: detected from the file]
        #[arg(long = "from", value_name = "FORMAT", value_parser = parse_format)]
        from: Option<Auto<Format>>,
        /// Take every input record as this flavour instead of detecting it per record
        #[arg(long, value_enum, value_name = "FLAVOUR")]
        from_flavour: Option<FlavourArg>,
        /// Character set of ISO 2709 input [default: declared in each record, checked against its bytes]
        #[arg(long, value_name = "NAME", value_parser = parse_charset)]
        from_encoding: Option<Auto<Charset>>,
        /// Refuse everything if any record cannot be read
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        writing: Writing,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one record
    Show {
        id: i64,
        #[arg(long, value_enum, default_value = "mrk")]
        format: ShowFormat,
    },
    /// List records in the order the app shows them (title and author sort with the
    /// collation of --lang: pinyin for zh-CN, the Russian alphabet for ru)
    List {
        #[arg(long, value_enum, default_value = "title")]
        sort: SortArg,
        #[arg(long)]
        descending: bool,
        /// List the trash instead of the catalogue
        #[arg(long)]
        trash: bool,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Measure import, export and conversion speed and memory on generated files of each
    /// size, side by side with yaz-marcdump when it is installed
    Bench {
        /// Record counts to measure (two sizes show whether memory grows with the file)
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        sizes: Vec<u64>,
        /// Where to write the generated files [default: a temporary folder]
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Do not run yaz-marcdump
        #[arg(long)]
        no_yaz: bool,
        #[arg(long)]
        json: bool,
    },
    /// Count records by flavour and status
    Stats {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FlavourArg {
    Auto,
    Marc21,
    Unimarc,
    Rusmarc,
    Cnmarc,
}

impl FlavourArg {
    /// `None` for `auto`.
    fn flavour(self) -> Option<Flavour> {
        match self {
            FlavourArg::Auto => None,
            FlavourArg::Marc21 => Some(Flavour::Marc21),
            FlavourArg::Unimarc => Some(Flavour::Unimarc),
            FlavourArg::Rusmarc => Some(Flavour::Rusmarc),
            FlavourArg::Cnmarc => Some(Flavour::Cnmarc),
        }
    }
}

/// A value or `auto` (detect it), for options where detection is the default.
#[derive(Clone, Copy)]
enum Auto<T> {
    Detect,
    Given(T),
}

impl<T: Copy> Auto<T> {
    fn value(self) -> Option<T> {
        match self {
            Auto::Detect => None,
            Auto::Given(v) => Some(v),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Title,
    Author,
    Year,
    Modified,
}

impl From<SortArg> for SortBy {
    fn from(s: SortArg) -> SortBy {
        match s {
            SortArg::Title => SortBy::Title,
            SortArg::Author => SortBy::Author,
            SortArg::Year => SortBy::Year,
            SortArg::Modified => SortBy::Modified,
        }
    }
}

/// How input files are read.
#[derive(clap::Args)]
struct Reading {
    /// Input format: auto, iso2709, marcxml or mrk [default: auto, detected from the file]
    #[arg(long = "format", alias = "from", value_name = "FORMAT", value_parser = parse_format)]
    format: Option<Auto<Format>>,
    /// Take every record as this flavour instead of detecting it per record
    #[arg(long, value_enum, value_name = "FLAVOUR")]
    flavour: Option<FlavourArg>,
    /// Character set of ISO 2709 input [default: auto, declared in each record, checked against its bytes]
    #[arg(long = "encoding", value_name = "NAME", value_parser = parse_charset)]
    encoding: Option<Auto<Charset>>,
    /// Refuse everything if any record cannot be read
    #[arg(long)]
    strict: bool,
    /// A record the catalogue already has (same 001 and agency, or an ISBN in any form):
    /// skip it, replace the existing record (keeping its history), or keep both
    #[arg(long, value_enum, default_value = "skip")]
    on_duplicate: DuplicateArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum DuplicateArg {
    Skip,
    Replace,
    Keep,
}

impl Reading {
    fn options(&self) -> ImportOptions {
        let on_duplicate = match self.on_duplicate {
            DuplicateArg::Skip => OnDuplicate::Skip,
            DuplicateArg::Replace => OnDuplicate::Replace,
            DuplicateArg::Keep => OnDuplicate::Keep,
        };
        ImportOptions {
            format: self.format.and_then(Auto::value),
            flavour: self.flavour.and_then(FlavourArg::flavour),
            encoding: self.encoding.and_then(Auto::value),
            strict: self.strict,
            on_duplicate,
        }
    }
}

/// How output files are written.
#[derive(clap::Args)]
struct Writing {
    /// Output format: iso2709, marcxml or mrk [default: from the file name, else ISO 2709]
    #[arg(long = "to", alias = "format", value_name = "FORMAT", value_parser = parse_format)]
    to: Option<Auto<Format>>,
    /// Crosswalk every record to this flavour; what has no equivalent is reported per record
    /// [default: each record stays in its own flavour]
    #[arg(long = "flavour", value_enum, value_name = "FLAVOUR")]
    flavour: Option<FlavourArg>,
    /// Character set of ISO 2709 output: utf-8, marc-8 (MARC 21), cp1251 or gb18030 (UNIMARC family)
    #[arg(long = "encoding", alias = "to-encoding", value_name = "NAME", value_parser = parse_charset)]
    encoding: Option<Auto<Charset>>,
    /// A record with a character the output set cannot hold: stop (nothing written) or skip it
    #[arg(long, value_enum, default_value = "stop")]
    on_unmappable: Unmappable,
}

impl Writing {
    fn options(&self, target: &std::path::Path) -> ExportOptions {
        let format =
            self.to.and_then(Auto::value).or_else(|| Format::from_extension(target)).unwrap_or(Format::Iso2709);
        let on_unmappable = match self.on_unmappable {
            Unmappable::Stop => OnUnmappable::Stop,
            Unmappable::Skip => OnUnmappable::Skip,
        };
        ExportOptions {
            format,
            encoding: self.encoding.and_then(Auto::value).unwrap_or(Charset::Utf8),
            flavour: self.flavour.and_then(FlavourArg::flavour),
            on_unmappable,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Unmappable {
    Stop,
    Skip,
}

fn parse_format(text: &str) -> Result<Auto<Format>, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(Auto::Detect);
    }
    text.parse().map(Auto::Given)
}

fn parse_charset(text: &str) -> Result<Auto<Charset>, String> {
    if text.eq_ignore_ascii_case("auto") {
        return Ok(Auto::Detect);
    }
    text.parse::<Charset>().map(Auto::Given).map_err(|e| e.to_string())
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Mrk,
    Json,
}

/// mimalloc: import and conversion allocate a string per value; with it they take about a
/// fifth less CPU time than with the system allocator (measured with `qiao bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang.as_deref() {
        Some(tag) => tag.parse().unwrap_or(Lang::En),
        None => Lang::from_os(),
    };
    let l10n = Localizer::new(lang);
    match run(cli, &l10n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qiao: {}", l10n.message(&e.message()));
            ExitCode::FAILURE
        }
    }
}

fn say(l10n: &Localizer, message: Message) {
    println!("{}", l10n.message(&message));
}

/// The summary of an export or a conversion.
fn print_written(l10n: &Localizer, report: &ExportReport, output: &std::path::Path, json: bool) {
    if json {
        println!("{}", serde_json::to_string_pretty(report).unwrap_or_default());
        return;
    }
    for problem in report.unreadable.iter().chain(&report.skipped) {
        eprintln!("{}", l10n.message(&problem.message));
    }
    say(l10n, Message::new("cli-exported").arg("count", report.written).arg("file", output.display().to_string()));
    if !report.repaired.is_empty() {
        say(l10n, Message::new("cli-repaired").arg("count", report.repaired_total));
    }
    for record in &report.losses {
        let at = Message::new("cli-at-record").arg("file", record.file.as_str()).arg("record", record.position.record);
        for loss in &record.losses {
            eprintln!("{}: {}", l10n.message(&at), l10n.message(loss));
        }
    }
    if let Some(first) = report.losses.first() {
        let to = first.to;
        say(
            l10n,
            Message::new("cli-crosswalk-losses")
                .arg("count", report.losses_total)
                .arg("flavour", Message::new(format!("flavour-{}", to.as_str()))),
        );
    }
    let left_out = report.unreadable_total + report.skipped_total;
    if left_out > 0 {
        say(l10n, Message::new("cli-skipped").arg("count", left_out));
    }
}

fn run(cli: Cli, l10n: &Localizer) -> Result<(), Error> {
    let paths = Paths::from_env();
    let db = cli.db.clone().unwrap_or_else(|| {
        Settings::load(&paths).recent.into_iter().next().unwrap_or_else(|| paths.default_catalogue())
    });
    let db_arg = || db.display().to_string();
    match cli.command {
        Command::Init { demo } => {
            let mut catalogue = Catalogue::create(&db)?;
            say(l10n, Message::new("cli-created").arg("file", db_arg()));
            if demo {
                let n = qiao_core::demo::seed(&mut catalogue)?;
                say(l10n, Message::new("cli-imported").arg("count", n));
            }
        }
        Command::Import { files, reading, json } => {
            let mut catalogue = Catalogue::open(&db)?;
            let report = qiao_core::import_files(&mut catalogue, &files, &reading.options())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                for repaired in &report.repaired {
                    for note in &repaired.notes {
                        let at = Message::new("cli-at-record")
                            .arg("file", repaired.file.as_str())
                            .arg("record", repaired.position.record);
                        eprintln!("{}: {}", l10n.message(&at), l10n.message(note));
                    }
                }
                for problem in &report.skipped {
                    eprintln!("{}", l10n.message(&problem.message));
                }
                for dup in &report.duplicates {
                    let at =
                        Message::new("cli-at-record").arg("file", dup.file.as_str()).arg("record", dup.position.record);
                    let ids: Vec<String> = dup.matches.iter().map(|m| m.id.to_string()).collect();
                    let code = match dup.action {
                        OnDuplicate::Skip => "cli-duplicate-skipped",
                        OnDuplicate::Replace => "cli-duplicate-replaced",
                        OnDuplicate::Keep => "cli-duplicate-kept",
                    };
                    eprintln!(
                        "{}: {}",
                        l10n.message(&at),
                        l10n.message(&Message::new(code).arg("ids", ids.join(", ")))
                    );
                }
                say(l10n, Message::new("cli-imported").arg("count", report.imported));
                if report.replaced > 0 {
                    say(l10n, Message::new("cli-replaced").arg("count", report.replaced));
                }
                // Every duplicate gets the action chosen for the whole import.
                let skipped_duplicates = report.duplicates.first().is_some_and(|d| d.action == OnDuplicate::Skip);
                if skipped_duplicates {
                    say(l10n, Message::new("cli-duplicates-skipped").arg("count", report.duplicates_total));
                }
                if report.repaired_total > 0 {
                    say(l10n, Message::new("cli-repaired").arg("count", report.repaired_total));
                }
                if report.skipped_total > 0 {
                    say(l10n, Message::new("cli-skipped").arg("count", report.skipped_total));
                }
            }
        }
        Command::Export { output, ids, writing, json } => {
            let catalogue = Catalogue::open(&db)?;
            let selection = if ids.is_empty() { Selection::All } else { Selection::Records { ids } };
            let report = qiao_core::export_selection(&catalogue, &selection, &output, &writing.options(&output))?;
            print_written(l10n, &report, &output, json);
        }
        Command::Convert { input, output, from, from_flavour, from_encoding, strict, writing, json } => {
            let reading = ImportOptions {
                format: from.and_then(Auto::value),
                flavour: from_flavour.and_then(FlavourArg::flavour),
                encoding: from_encoding.and_then(Auto::value),
                strict,
                ..ImportOptions::default()
            };
            let report = qiao_core::convert(&input, &output, &reading, &writing.options(&output))?;
            print_written(l10n, &report, &output, json);
        }
        Command::Show { id, format } => {
            let catalogue = Catalogue::open(&db)?;
            let stored = catalogue.get(id)?;
            let text = match format {
                ShowFormat::Mrk => mrk::to_string(&stored.record),
                ShowFormat::Json => serde_json::to_string_pretty(&stored).unwrap_or_default() + "\n",
            };
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
        Command::List { sort, descending, trash, offset, limit, json } => {
            let mut catalogue = Catalogue::open(&db)?;
            let scope = if trash { Scope::Trash } else { Scope::Active };
            let request = ListRequest { scope, sort: sort.into(), descending, offset, limit };
            let page = catalogue.list(&request, l10n.lang())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&page).unwrap_or_default());
            } else {
                let mut out = std::io::stdout().lock();
                for row in &page.rows {
                    let year = row.year.map(|y| y.to_string()).unwrap_or_default();
                    let _ = writeln!(out, "{}\t{}\t{}\t{}", row.id, row.title, row.responsibility, year);
                }
            }
        }
        Command::Bench { sizes, dir, no_yaz, json } => {
            let temp = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
            let dir = dir.unwrap_or_else(|| temp.path().to_path_buf());
            let corpus = std::env::var_os("QIAO_CORPUS").map(PathBuf::from).filter(|p| p.is_dir());
            let mut reports = Vec::new();
            for size in sizes {
                let report = qiao_core::bench::run(&dir, size, corpus.as_deref(), !no_yaz)?;
                if !json {
                    say(
                        l10n,
                        Message::new("cli-bench-size").arg("count", report.records).arg("bytes", report.file_bytes),
                    );
                    for p in &report.phases {
                        let peak = p.peak_kib.map(|k| Message::new("cli-bench-peak").arg("mib", k / 1024));
                        let row = Message::new("cli-bench-row")
                            .arg("phase", Message::new(p.name.as_str()))
                            .arg("rate", p.records_per_second.round() as i64)
                            .arg("seconds", format!("{:.2}", p.seconds))
                            .arg("peak", peak.unwrap_or_else(|| Message::new("cli-bench-no-peak")));
                        say(l10n, row);
                    }
                }
                reports.push(report);
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default());
            }
        }
        Command::Stats { json } => {
            let catalogue = Catalogue::open(&db)?;
            let stats = catalogue.stats()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&stats).unwrap_or_default());
            } else {
                say(l10n, Message::new("cli-stats-total").arg("count", stats.records).arg("file", db_arg()));
                for (flavour, n) in &stats.by_flavour {
                    say(
                        l10n,
                        Message::new("cli-stats-flavour")
                            .arg("flavour", Message::new(format!("flavour-{flavour}")))
                            .arg("count", *n),
                    );
                }
                for (status, n) in &stats.by_status {
                    say(
                        l10n,
                        Message::new("cli-stats-status")
                            .arg("status", Message::new(format!("status-{status}")))
                            .arg("count", *n),
                    );
                }
                say(l10n, Message::new("cli-stats-trash").arg("count", stats.in_trash));
            }
        }
    }
    Ok(())
}
