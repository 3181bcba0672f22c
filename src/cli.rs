//! The command line: `kezhi import`, `kezhi score` (and `score --model`, a stream scored with a model
//! fitted before), `kezhi fit`, `kezhi whatif`, `kezhi demo`.
//!
//! This file runs a command: reading the file (on two threads when it is large), scoring, writing the
//! exports. `args` holds the arguments, `json` and `text` the two forms of output, `stream` the
//! chunked scoring with a model.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use kezhi::engine::fitted_model::FittedModel;
use kezhi::engine::views::csv_export;
use kezhi::engine::table::customer_table::CustomerTable;
use kezhi::engine::table::demo_data::{generate, DemoParams};
use kezhi::engine::import::dates::DateFormat;
use kezhi::engine::import::dialect::Delimiter;
use kezhi::engine::import::header_mapping::Role;
use kezhi::engine::import::errors::{ImportError, Surface};
use kezhi::engine::import::split_parse::{self, PartJob, PartOutcome};
use kezhi::engine::import::typed_rows::SpendMeaning;
use kezhi::engine::models::fitting::Outcome;
use kezhi::engine::import::{parse_reader, parse_reader_split, ImportFailure, ImportOptions, ParseOutcome};
use kezhi::engine::table::imported::{build, Imported};
use kezhi::engine::lang::Lang;
use kezhi::engine::rfm::segments::{SegmentRule, SegmentRules};
use kezhi::engine::scoring;
use kezhi::engine::settings::Settings;
use kezhi::engine::views::what_if;
use kezhi::engine::time_unit::TimeUnit;
use serde_json::json;

mod args;
mod json;
mod stream;
mod text;
mod texts;

use self::texts::CliText;
use kezhi::engine::say;

use self::args::{Cli, Command, InputArgs};
use self::json::{fit_json, report_json};
use self::text::{print_fits, print_report};

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Demo { customers, seed, out } => demo(customers, seed, &out),
        Command::Import { input, json, out } => import(&input, json, out.as_deref()),
        Command::Whatif { input, retention, frequency, spend, margin_points, discount, convert, json } => {
            let levers = what_if::Levers { retention, frequency, spend, margin: margin_points, discount_annual: discount, convert_potential: convert };
            whatif(&input, &levers, json)
        }
        Command::Score { input, model: Some(model), chunk_rows, horizon_months, discount_annual, bins, segments, json, out } => {
            let overridden = horizon_months.is_some() || discount_annual.is_some() || bins.is_some() || segments.is_some() || json || out.is_some();
            score_with_model(&input, &model, chunk_rows, overridden)
        }
        Command::Fit { input, sample, seed, out } => fit(&input, sample, seed, &out),
        Command::Score { input, model: None, chunk_rows: _, horizon_months, discount_annual, bins, segments, json, out } => {
            score(&input, ScoreFlags { horizon_months, discount_annual, bins, segments }, json, out.as_deref())
        }
    }
}

/// `kezhi demo`: the demo retailer's transactions as CSV.
fn demo(customers: usize, seed: u64, out: &std::path::Path) -> ExitCode {
    let data = generate(&DemoParams { seed, customers, ..DemoParams::default() });
    match std::fs::write(out, data.to_csv()) {
        Ok(()) => {
            eprintln!("{}", say!(CliText::WroteDemo, Lang::En, rows = data.rows.len(), customers = customers, file = out.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", say!(CliText::CouldNotWrite, Lang::En, file = out.display(), error = e));
            ExitCode::from(1)
        }
    }
}

/// `kezhi import`: the import report, and the customer table with `--out`.
fn import(input: &InputArgs, json: bool, out: Option<&std::path::Path>) -> ExitCode {
    let Some((settings, imported, timing)) = settings_and_file(input) else { return ExitCode::from(2) };
    let lang = Lang::from_tag(&input.lang);
    if json {
        println!("{}", serde_json::to_string_pretty(&report_json(&imported, &timing)).unwrap_or_default());
    } else {
        print_report(&imported, lang, &timing);
    }
    match out {
        Some(out) => write_with_settings(out, &csv_export::customers_csv(&imported.table), &imported, &settings, lang),
        None => ExitCode::SUCCESS,
    }

}

/// `kezhi score --model`: summary rows scored as a stream with a model fitted before; the flags the
/// model's settings decide are refused.
fn score_with_model(input: &InputArgs, model: &std::path::Path, chunk_rows: usize, overridden: bool) -> ExitCode {
    if overridden || input.settings_file.is_some() {
        eprintln!("{}", CliText::ModelDecides.get(Lang::from_tag(&input.lang)));
        return ExitCode::from(2);
    }
    let model_path = model;
    let model = match std::fs::read_to_string(model_path).map_err(|e| e.to_string()).and_then(|t| FittedModel::from_json(&t).map_err(|e| e.to_string())) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}: {e}", model_path.display());
            return ExitCode::from(2);
        }
    };
    stream::score_stream(&input.file, &model, chunk_rows, Lang::from_tag(&input.lang))

}

/// `kezhi score`: import, fit, score every customer; the fit report, and every score with `--out`.
fn score(input: &InputArgs, flags: ScoreFlags, json: bool, out: Option<&std::path::Path>) -> ExitCode {
    let mut settings = match input.settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(h) = flags.horizon_months {
        settings.horizon_months = h;
    }
    if let Some(d) = flags.discount_annual {
        settings.discount_annual = d;
    }
    if let Some(b) = flags.bins {
        settings.rfm_bins = b;
    }
    if let Some(r) = flags.segments {
        settings.segment_rules = r;
    }
    let Some((imported, timing)) = load(&input, &settings) else { return ExitCode::from(2) };
    let lang = Lang::from_tag(&input.lang);
    let t0 = Instant::now();
    let (scored, stages) = score_on_two_threads(&imported.table, &settings, &t0);
    let score_s = t0.elapsed().as_secs_f64();
    let mut report = fit_json(&scored, &imported, &timing, score_s, lang);
    report["stages_ms"] = json!(stages);
    if json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        print_fits(&scored, &imported, score_s, lang);
        eprintln!("{}", text::stages_line(&stages, lang));
    }
    match out {
        Some(out) => write_with_settings(out, &csv_export::scored_csv(&imported.table, &scored, lang, imported.report.margin_source.assumed_rate()), &imported, &settings, lang),
        None => ExitCode::SUCCESS,
    }

}

/// The settings `kezhi score`'s own flags override.
struct ScoreFlags {
    horizon_months: Option<u32>,
    discount_annual: Option<f64>,
    bins: Option<u8>,
    segments: Option<SegmentRules>,
}

/// `kezhi fit`: imports the file, fits on all its customers or a sample, writes the model.
fn fit(input: &InputArgs, sample: Option<usize>, seed: u64, out: &std::path::Path) -> ExitCode {
    let Some((settings, imported, _)) = settings_and_file(input) else { return ExitCode::from(2) };
    let t0 = Instant::now();
    let now_ms = move || t0.elapsed().as_secs_f64() * 1000.0;
    let model = match FittedModel::fit(&imported.table, &settings, sample.map(|n| (n, seed)), &now_ms) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{}: {e}", input.file.display());
            return ExitCode::from(1);
        }
    };
    let lang = Lang::from_tag(&input.lang);
    if let Err(e) = std::fs::write(out, model.to_json()) {
        eprintln!("{}", say!(CliText::CouldNotWrite, lang, file = out.display(), error = e));
        return ExitCode::from(1);
    }
    let s = &model.sample;
    let seconds = format!("{:.1}", now_ms() / 1000.0);
    eprintln!("{}", say!(CliText::FittedOn, lang, n = s.fitted_on, all = s.customers_in_file, seconds = seconds, verdict = model.report.verdict.text(lang)));
    for f in &model.report.findings {
        eprintln!("  {}", f.text(lang));
    }
    eprintln!("{}", say!(CliText::Wrote, lang, file = out.display()));
    ExitCode::SUCCESS
}

fn whatif(input: &InputArgs, levers: &what_if::Levers, json: bool) -> ExitCode {
    let Some((settings, imported, _)) = settings_and_file(input) else { return ExitCode::from(2) };
    let lang = Lang::from_tag(&input.lang);
    let scored = scoring::score_for_views(&imported.table, &settings, &|| 0.0).0;
    let Some(base) = what_if::base(&imported.table, &scored, &settings) else {
        eprintln!("{}", CliText::NoEquity.get(lang));
        return ExitCode::from(2);
    };
    let o = what_if::run(&base, levers);
    if json {
        println!("{}", serde_json::to_string_pretty(&o).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let money = |v: f64| format!("{v:>16.2}");
    println!("{:<36}{}", CliText::EquityBaseline.get(lang), money(o.baseline));
    for s in &o.steps {
        println!("  {:<34}{}", s.lever.label(lang), money(s.delta));
    }
    println!("{:<36}{}", CliText::EquityScenario.get(lang), money(o.scenario));
    let names = [CliText::NewCustomers.get(lang), CliText::Veterans.get(lang)];
    for (k, name) in names.iter().enumerate() {
        let (b, a) = (&o.tenure_before[k], &o.tenure_after[k]);
        println!("  {name:<20}{:>8} → {:<8}{} →{}", b.customers, a.customers, money(b.equity), money(a.equity));
    }
    let source = match o.retention_source {
        what_if::RetentionSource::Measured => CliText::RetentionMeasured.get(lang),
        what_if::RetentionSource::BgNbd => CliText::RetentionFromBgNbd.get(lang),
    };
    println!("{}", say!(CliText::RetentionPerPeriod, lang, rate = format!("{:.1}", o.retention * 100.0), source = source, months = base.period_months));
    ExitCode::SUCCESS
}

/// A reader that adds up the time spent in `read`.
struct TimedRead<R> {
    inner: R,
    seconds: f64,
}

impl<R: std::io::Read> std::io::Read for TimedRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let t = Instant::now();
        let n = self.inner.read(buf);
        self.seconds += t.elapsed().as_secs_f64();
        n
    }
}

/// `scoring::score_timed` with the Pareto/NBD comparison fitted on a second thread beside everything
/// the views need and the model checks (it reads only the table): the same result, sooner on a
/// machine with two cores. The engine has no threads of its own (the page's wasm has none); this is
/// the CLI's choice.
fn score_on_two_threads(table: &CustomerTable, settings: &Settings, t0: &Instant) -> (scoring::Scored, scoring::StageTimes) {
    let now_ms = || t0.elapsed().as_secs_f64() * 1000.0;
    std::thread::scope(|s| {
        let comparison = s.spawn(|| {
            let start = Instant::now();
            let clock = || start.elapsed().as_secs_f64() * 1000.0;
            (scoring::fit_comparison(table, &clock), clock())
        });
        let (mut scored, mut times) = scoring::score_for_views(table, settings, &now_ms);
        let t = now_ms();
        let checks = scoring::run_checks(table, &scored, &now_ms);
        times.model_checks = now_ms() - t;
        let (pnbd, ms) = comparison.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        times.pareto_nbd = ms;
        scoring::complete_comparison(&mut scored, pnbd, checks);
        (scored, times)
    })
}

/// Reads and imports the file; prints the error and returns `None` when it cannot.
/// The settings the flags give and the file read with them; `None` when either cannot be (said on
/// standard error).
fn settings_and_file(input: &InputArgs) -> Option<(Settings, Imported, Timing)> {
    let settings = match input.settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return None;
        }
    };
    let (imported, timing) = load(input, &settings)?;
    Some((settings, imported, timing))
}

fn load(input: &InputArgs, settings: &Settings) -> Option<(Imported, Timing)> {
    let lang = Lang::from_tag(&input.lang);
    let file = &input.file;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.display().to_string());
    let opened = std::fs::File::open(file).and_then(|f| Ok((f.metadata()?.len(), f)));
    let (size, f) = match opened {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return None;
        }
    };
    let options = ImportOptions {
        encoding: input.encoding.clone(),
        delimiter: input.delimiter,
        sheet: input.sheet.clone(),
        date_format: input.date_format,
        overrides: input.map.clone(),
        today: Some(today()),
        rfm_spend: input.rfm_spend,
        status_choices: input.count_status.iter().map(|v| (v.clone(), true)).chain(input.skip_status.iter().map(|v| (v.clone(), false))).collect(),
        ..ImportOptions::default()
    };
    let t1 = Instant::now();
    // Read in pieces as it is parsed (never held whole); the time spent reading is kept apart.
    let mut reader = TimedRead { inner: f, seconds: 0.0 };
    let (parsed, halves) = match parse_in_halves(file, &mut reader, size, &name, &options) {
        Ok(p) => p,
        Err(f) => {
            eprintln!("{}", f.error.message_on(&name, lang, Surface::CommandLine));
            return None;
        }
    };
    let read = reader.seconds;
    let parse_s = t1.elapsed().as_secs_f64() - read;
    let t2 = Instant::now();
    let imported = build(parsed, settings);
    Some((imported, Timing { read, parse: parse_s, build: t2.elapsed().as_secs_f64(), bytes: size as usize, halves }))
}

/// Parses the file, the second half on a second thread when it is large enough (`split_parse.rs`),
/// the first from `reader`; in one pass again when the halves cannot be joined. `KEZHI_ONE_PASS` set
/// in the environment parses every file in one pass (to compare, in tests/cli.rs and benchmarks).
fn parse_in_halves(
    path: &std::path::Path,
    reader: &mut dyn std::io::Read,
    size: u64,
    name: &str,
    options: &ImportOptions,
) -> Result<(ParseOutcome, bool), ImportFailure> {
    use std::io::{Read, Seek, SeekFrom};
    let open_at = |at: u64| -> std::io::Result<std::fs::File> {
        let mut f = std::fs::File::open(path)?;
        f.seek(SeekFrom::Start(at))?;
        Ok(f)
    };
    let mut helper = None;
    let mut host = |job: &PartJob, earliest: u64| -> Option<u64> {
        if size < split_parse::SPLIT_MIN_BYTES || std::env::var_os("KEZHI_ONE_PASS").is_some() {
            return None;
        }
        let from = split_parse::window_start(size, earliest);
        let mut window = Vec::with_capacity(split_parse::SPLIT_WINDOW);
        open_at(from).ok()?.take(split_parse::SPLIT_WINDOW as u64).read_to_end(&mut window).ok()?;
        let cut = split_parse::split_offset(size, &window, from)?;
        let (job, mut file) = (job.clone(), open_at(cut).ok()?);
        helper = Some(std::thread::spawn(move || split_parse::parse_part(&mut file, &job).ok()));
        Some(cut)
    };
    let first = parse_reader_split(reader, size, name, options, &mut |_| {}, &mut host);
    let cut = helper.is_some();
    let part: Option<PartOutcome> = helper.take().and_then(|h| h.join().ok().flatten());
    let joined = match first {
        Ok((first, None)) => return Ok((first, false)),
        Ok((first, Some(end))) => split_parse::finish(first, &end, part),
        // The first half's error may not be the file's (no usable rows in it alone).
        Err(failure) if !cut => return Err(failure),
        Err(_) => None,
    };
    match joined {
        Some(joined) => Ok((joined, true)),
        None => {
            let mut again = open_at(0).map_err(|e| ImportFailure::from(ImportError::Read { detail: e.to_string() }))?;
            parse_reader(&mut again, size, name, options, &mut |_| {}).map(|o| (o, false))
        }
    }
}

/// Writes an export and, beside it, `<name>.settings.json` with the settings and import options.
fn write_with_settings(out: &std::path::Path, text: &str, imported: &Imported, settings: &Settings, lang: Lang) -> ExitCode {
    if let Err(e) = std::fs::write(out, text) {
        eprintln!("{}", say!(CliText::CouldNotWrite, lang, file = out.display(), error = e));
        return ExitCode::from(1);
    }
    let side = out.with_extension("settings.json");
    let meta = json!({ "source": imported.detected.file_name, "settings": settings, "import_options": imported.detected.as_options() });
    if let Err(e) = std::fs::write(&side, serde_json::to_string_pretty(&meta).unwrap_or_default()) {
        eprintln!("{}", say!(CliText::CouldNotWrite, lang, file = side.display(), error = e));
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// Seconds spent reading the file, parsing it into rows, and building the customer table.
struct Timing {
    read: f64,
    parse: f64,
    build: f64,
    bytes: usize,
    /// The file was parsed in two halves at once (`parse_in_halves`).
    halves: bool,
}

/// Today's date (UTC) from the system clock, for the importer's check on future dates.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(days)
}
