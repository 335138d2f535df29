//! `qiao`: the catalogue from the command line. The same core as the app; messages in the
//! language of `--lang` or the environment (LANG, LC_ALL, LC_MESSAGES).

use clap::{Parser, Subcommand, ValueEnum};
use qiao_core::i18n::{Lang, Localizer, Message};
use qiao_core::marc::{mrk, Flavour};
use qiao_core::store::{Catalogue, ListRequest, Scope, SortBy};
use qiao_core::{Error, ImportOptions, Paths, Settings};
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
    /// Import records from .mrk files, all in one transaction
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Take every record as this flavour instead of detecting it
        #[arg(long, value_enum)]
        flavour: Option<FlavourArg>,
        /// Import nothing if any record cannot be read
        #[arg(long)]
        strict: bool,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Export every record (the trash excluded)
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_enum, default_value = "mrk")]
        format: ExportFormat,
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
    /// Count records by flavour and status
    Stats {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FlavourArg {
    Marc21,
    Unimarc,
    Rusmarc,
    Cnmarc,
}

impl From<FlavourArg> for Flavour {
    fn from(f: FlavourArg) -> Flavour {
        match f {
            FlavourArg::Marc21 => Flavour::Marc21,
            FlavourArg::Unimarc => Flavour::Unimarc,
            FlavourArg::Rusmarc => Flavour::Rusmarc,
            FlavourArg::Cnmarc => Flavour::Cnmarc,
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

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Mrk,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Mrk,
    Json,
}

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
        Command::Import { files, flavour, strict, json } => {
            let mut catalogue = Catalogue::open(&db)?;
            let options = ImportOptions { flavour: flavour.map(Flavour::from), strict };
            let report = qiao_core::import_files(&mut catalogue, &files, &options)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                for problem in &report.skipped {
                    eprintln!("{}", l10n.message(&problem.message));
                }
                say(l10n, Message::new("cli-imported").arg("count", report.imported));
                if !report.skipped.is_empty() {
                    say(l10n, Message::new("cli-skipped").arg("count", report.skipped.len()));
                }
            }
        }
        Command::Export { output, format: ExportFormat::Mrk } => {
            let catalogue = Catalogue::open(&db)?;
            let n = qiao_core::export_mrk(&catalogue, &output)?;
            say(l10n, Message::new("cli-exported").arg("count", n).arg("file", output.display().to_string()));
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
