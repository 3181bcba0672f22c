//! `kezhi import FILE …`: the import report and the customer table from the command line;
//! `kezhi demo …`: writes the demo retailer's transactions as CSV (for samples and benchmarks).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
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
use kezhi::engine::rfm::rfm_segments::{SegmentRule, SegmentRules};
use kezhi::engine::scoring;
use kezhi::engine::settings::Settings;
use kezhi::engine::views::what_if;
use kezhi::engine::time_unit::TimeUnit;
use serde_json::json;

#[derive(Parser)]
#[command(name = "kezhi", version, about = "Kezhi (客值): customer-value analytics, the engine of the web app on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How to read the input file (all detected unless given).
#[derive(clap::Args)]
struct InputArgs {
    file: PathBuf,
    /// End of the observation window (default: the last date in the data).
    #[arg(long)]
    analysis_date: Option<NaiveDate>,
    /// Time unit of frequency/recency/T: day, week or month [default: week].
    #[arg(long, value_parser = parse_unit)]
    unit: Option<TimeUnit>,
    /// Encoding label, e.g. utf-8, gbk, gb18030, big5, shift_jis, windows-1252 (default: detect).
    #[arg(long)]
    encoding: Option<String>,
    /// Delimiter: , ; tab | or spaces (default: sniff).
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<Delimiter>,
    /// Worksheet name (default: the first with data).
    #[arg(long)]
    sheet: Option<String>,
    /// Date format: ymd, dmy, mdy, excel1900, excel1904, unix, unixms (default: detect).
    #[arg(long, value_parser = parse_date_format)]
    date_format: Option<DateFormat>,
    /// Column for a role, by header or 1-based number: --map customer_id=会员号 --map amount=5.
    #[arg(long = "map", value_parser = parse_map)]
    map: Vec<(Role, String)>,
    /// Count orders of this status as purchases (as written in the file; repeatable), e.g.
    /// --count-status "On hold".
    #[arg(long = "count-status")]
    count_status: Vec<String>,
    /// Do not count orders of this status as purchases (repeatable), e.g. --skip-status 已发货.
    #[arg(long = "skip-status")]
    skip_status: Vec<String>,
    /// What an RFM table's spend column holds: total or per-purchase (default: from its name).
    #[arg(long = "rfm-spend", value_parser = parse_rfm_spend)]
    rfm_spend: Option<SpendMeaning>,
    /// Margin rate when the file has no cost/profit column [default: 0.30].
    #[arg(long)]
    margin: Option<f64>,
    /// Settings JSON (every setting of docs/settings.md; missing ones take their defaults, and the
    /// `.settings.json` file written beside an export is accepted). Flags given override it.
    #[arg(long = "settings")]
    settings_file: Option<PathBuf>,
    /// Language of the messages: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
}

#[derive(Subcommand)]
enum Command {
    /// Read a transaction log or customer summary (CSV/TSV/XLSX) and report what was understood.
    Import {
        #[command(flatten)]
        input: InputArgs,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Write the customer table here (CSV, UTF-8 with BOM).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Import, fit BG/NBD and Gamma-Gamma, and score every customer (RFM, segments, value classes, CLV).
    Score {
        #[command(flatten)]
        input: InputArgs,
        /// CLV horizon in months [default: 12].
        #[arg(long)]
        horizon_months: Option<u32>,
        /// Annual discount rate [default: 1% a month, 0.1268].
        #[arg(long)]
        discount_annual: Option<f64>,
        /// RFM bins shown: 3, 4 or 5 [default: 5].
        #[arg(long, value_parser = clap::value_parser!(u8).range(3..=5))]
        bins: Option<u8>,
        /// Segment rules: grid (default), rfm (the R rfm package preset), or a JSON file with a list
        /// of rules {"key", "en", "zh", "r": [lo, hi], "f": [lo, hi], "m": [lo, hi]} checked in order.
        #[arg(long, value_parser = parse_segments)]
        segments: Option<SegmentRules>,
        /// Print the fit report as JSON.
        #[arg(long)]
        json: bool,
        /// Write one scored row per customer here (CSV, UTF-8 with BOM).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Customer equity under a what-if scenario (docs/models.md): the baseline, the change each lever
    /// adds (a waterfall), the scenario, and the new/veteran split before and after.
    Whatif {
        #[command(flatten)]
        input: InputArgs,
        /// Points added to the retention rate per group period, e.g. +0.05.
        #[arg(long, allow_hyphen_values = true, default_value_t = 0.0)]
        retention: f64,
        /// Relative change of purchase frequency, e.g. +0.1 for +10%.
        #[arg(long, allow_hyphen_values = true, default_value_t = 0.0)]
        frequency: f64,
        /// Relative change of spend per purchase, e.g. +0.1.
        #[arg(long, allow_hyphen_values = true, default_value_t = 0.0)]
        spend: f64,
        /// Points added to the margin ratio, e.g. +0.02.
        #[arg(long = "margin-points", allow_hyphen_values = true, default_value_t = 0.0)]
        margin_points: f64,
        /// Annual discount rate to use instead of the settings'.
        #[arg(long)]
        discount: Option<f64>,
        /// Share (0–1) of the new customers in the potential class converted into veterans.
        #[arg(long, default_value_t = 0.0)]
        convert: f64,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the demo retailer's transaction log as CSV.
    Demo {
        #[arg(long, default_value_t = 5000)]
        customers: usize,
        #[arg(long, default_value_t = 20240305)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
}

fn parse_segments(s: &str) -> Result<SegmentRules, String> {
    match s {
        "grid" => Ok(SegmentRules::Grid),
        "rfm" => Ok(SegmentRules::RfmPackage),
        path => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e} (use grid, rfm or a JSON rule file)"))?;
            let rules: Vec<SegmentRule> = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            Ok(SegmentRules::Custom(rules))
        }
    }
}

fn parse_unit(s: &str) -> Result<TimeUnit, String> {
    TimeUnit::parse(s).ok_or_else(|| format!("unknown unit {s:?}: use day, week or month"))
}

fn parse_delimiter(s: &str) -> Result<Delimiter, String> {
    Delimiter::parse(s).ok_or_else(|| format!("unknown delimiter {s:?}: use , ; tab | or spaces"))
}

fn parse_date_format(s: &str) -> Result<DateFormat, String> {
    Ok(match s.to_ascii_lowercase().as_str() {
        "ymd" => DateFormat::YearMonthDay,
        "dmy" => DateFormat::DayMonthYear,
        "mdy" => DateFormat::MonthDayYear,
        "excel1900" | "excel" => DateFormat::ExcelSerial1900,
        "excel1904" => DateFormat::ExcelSerial1904,
        "unix" => DateFormat::UnixSeconds,
        "unixms" => DateFormat::UnixMillis,
        _ => return Err(format!("unknown date format {s:?}: use ymd, dmy, mdy, excel1900, excel1904, unix or unixms")),
    })
}

fn parse_rfm_spend(s: &str) -> Result<SpendMeaning, String> {
    match s.trim() {
        "total" => Ok(SpendMeaning::Total),
        "per-purchase" | "mean" => Ok(SpendMeaning::PerPurchase),
        other => Err(format!("{other:?}: write total or per-purchase")),
    }
}

fn parse_map(s: &str) -> Result<(Role, String), String> {
    let (role, col) = s.split_once('=').ok_or_else(|| format!("{s:?}: write role=column, e.g. amount=实付金额"))?;
    let role = Role::from_key(role).ok_or_else(|| {
        let keys: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
        format!("unknown role {role:?}; roles: {}", keys.join(", "))
    })?;
    Ok((role, col.to_string()))
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Demo { customers, seed, out } => {
            let data = generate(&DemoParams { seed, customers, ..DemoParams::default() });
            match std::fs::write(&out, data.to_csv()) {
                Ok(()) => {
                    eprintln!("wrote {} rows for {} customers to {}", data.rows.len(), customers, out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("could not write {}: {e}", out.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Import { input, json, out } => {
            let settings = match input.settings() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            let Some((imported, timing)) = load(&input, &settings) else { return ExitCode::from(2) };
            let lang = Lang::from_tag(&input.lang);
            if json {
                println!("{}", serde_json::to_string_pretty(&report_json(&imported, &timing)).unwrap_or_default());
            } else {
                print_report(&imported, lang, &timing);
            }
            match out {
                Some(out) => write_with_settings(&out, &csv_export::customers_csv(&imported.table), &imported, &settings),
                None => ExitCode::SUCCESS,
            }
        }
        Command::Whatif { input, retention, frequency, spend, margin_points, discount, convert, json } => {
            let levers = what_if::Levers { retention, frequency, spend, margin: margin_points, discount_annual: discount, convert_potential: convert };
            whatif(&input, &levers, json)
        }
        Command::Score { input, horizon_months, discount_annual, bins, segments, json, out } => {
            let mut settings = match input.settings() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            if let Some(h) = horizon_months {
                settings.horizon_months = h;
            }
            if let Some(d) = discount_annual {
                settings.discount_annual = d;
            }
            if let Some(b) = bins {
                settings.rfm_bins = b;
            }
            if let Some(r) = segments {
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
                eprintln!("stages (ms): {stages:?}");
            }
            match out {
                Some(out) => write_with_settings(&out, &csv_export::scored_csv(&imported.table, &scored, lang, imported.report.margin_source.assumed_rate()), &imported, &settings),
                None => ExitCode::SUCCESS,
            }
        }
    }
}

fn whatif(input: &InputArgs, levers: &what_if::Levers, json: bool) -> ExitCode {
    let settings = match input.settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let Some((imported, _)) = load(input, &settings) else { return ExitCode::from(2) };
    let lang = Lang::from_tag(&input.lang);
    let scored = scoring::score_for_views(&imported.table, &settings, &|| 0.0).0;
    let Some(base) = what_if::base(&imported.table, &scored, &settings) else {
        eprintln!("{}", lang.pick("No CLV: BG/NBD or Gamma-Gamma could not be fitted on this file, so there is no equity to vary.", "没有 CLV：本文件无法拟合 BG/NBD 或 Gamma-Gamma，因此没有可模拟的客户资产。"));
        return ExitCode::from(2);
    };
    let o = what_if::run(&base, levers);
    if json {
        println!("{}", serde_json::to_string_pretty(&o).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let zh = lang == Lang::Zh;
    let money = |v: f64| format!("{v:>16.2}");
    println!("{:<36}{}", lang.pick("Customer equity, baseline", "客户资产（基线）"), money(o.baseline));
    for s in &o.steps {
        println!("  {:<34}{}", s.lever.label(zh), money(s.delta));
    }
    println!("{:<36}{}", lang.pick("Customer equity, scenario", "客户资产（情景）"), money(o.scenario));
    let names = [lang.pick("new customers", "新客户"), lang.pick("veterans", "老客户")];
    for (k, name) in names.iter().enumerate() {
        let (b, a) = (&o.tenure_before[k], &o.tenure_after[k]);
        println!("  {name:<20}{:>8} → {:<8}{} →{}", b.customers, a.customers, money(b.equity), money(a.equity));
    }
    let source = match o.retention_source {
        what_if::RetentionSource::Measured => lang.pick("measured", "实测"),
        what_if::RetentionSource::BgNbd => lang.pick("from the BG/NBD fit", "由 BG/NBD 推算"),
    };
    println!("{} {:.1}% ({source}, {} {})", lang.pick("retention per period:", "每期保留率："), o.retention * 100.0, base.period_months, lang.pick("months per period", "个月/期"));
    ExitCode::SUCCESS
}

impl InputArgs {
    /// The settings file (or the defaults), with the flags given on top; `Err` names the file.
    fn settings(&self) -> Result<Settings, String> {
        let mut s = match &self.settings_file {
            None => Settings::default(),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                Settings::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
            }
        };
        if self.analysis_date.is_some() {
            s.analysis_date = self.analysis_date;
        }
        if let Some(u) = self.unit {
            s.time_unit = u;
        }
        if let Some(m) = self.margin {
            s.margin_rate = m;
        }
        Ok(s)
    }
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
fn write_with_settings(out: &std::path::Path, text: &str, imported: &Imported, settings: &Settings) -> ExitCode {
    if let Err(e) = std::fs::write(out, text) {
        eprintln!("could not write {}: {e}", out.display());
        return ExitCode::from(1);
    }
    let side = out.with_extension("settings.json");
    let meta = json!({ "source": imported.detected.file_name, "settings": settings, "import_options": imported.detected.as_options() });
    if let Err(e) = std::fs::write(&side, serde_json::to_string_pretty(&meta).unwrap_or_default()) {
        eprintln!("could not write {}: {e}", side.display());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// A framework's class table with each class's recommended treatment (strategies.json) in `lang`.
fn with_strategy(framework: &str, rows: &[kezhi::engine::frameworks::class_table::ClassRow], lang: Lang) -> serde_json::Value {
    rows.iter()
        .map(|r| {
            let mut v = json!(r);
            v["strategy"] = json!(kezhi::engine::views::strategy_texts::strategy(framework, &r.key, lang));
            v
        })
        .collect()
}

/// A nine-grid: per cell the class row, its strategy key and text, its profile and its path up.
fn grid_json(g: &kezhi::engine::frameworks::nine_grid::Grid, lang: Lang) -> serde_json::Value {
    use kezhi::engine::frameworks::nine_grid;
    g.table
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let strategy = nine_grid::strategy_of(g, c);
            json!({
                "cell": r.key, "customers": r.customers, "customer_share": r.customer_share, "margin": r.margin, "margin_share": r.margin_share,
                "strategy": strategy, "strategy_text": kezhi::engine::views::strategy_texts::strategy("nine_grid", strategy, lang),
                "profile": nine_grid::INDICATORS.iter().zip(&g.profiles[c].means).map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
                "path_up": nine_grid::path_up(g, c),
            })
        })
        .collect()
}

fn fit_json(s: &scoring::Scored, i: &Imported, t: &Timing, score_s: f64, lang: Lang) -> serde_json::Value {
    json!({
        "customers": i.table.customers.len(),
        "rows_read": i.report.rows_read,
        "rows_rejected": i.report.rows_rejected,
        "bg_nbd": s.bg_nbd.as_ref().map(|f| json!({
            "r": f.params.r, "alpha": f.params.alpha, "a": f.params.a, "b": f.params.b,
            "log_likelihood": f.log_likelihood, "converged": f.converged, "outcome": f.outcome, "iterations": f.iterations, "method": f.method,
            "standard_errors": f.standard_errors.map(|e| json!({"r": e.r, "alpha": e.alpha, "a": e.a, "b": e.b})),
        })),
        "gamma_gamma": s.gamma_gamma.as_ref().map(|f| json!({
            "p": f.params.p, "q": f.params.q, "gamma": f.params.gamma, "log_likelihood": f.log_likelihood,
            "converged": f.converged, "outcome": f.outcome, "customers": f.customers, "frequency_spend_correlation": f.frequency_spend_correlation,
        })),
        "pareto_nbd": s.pareto_nbd.as_ref().map(|f| json!({
            "r": f.params.r, "alpha": f.params.alpha, "s": f.params.s, "beta": f.params.beta,
            "log_likelihood": f.log_likelihood, "converged": f.converged, "outcome": f.outcome, "iterations": f.iterations, "method": f.method,
            "standard_errors": f.standard_errors.map(|e| json!({"r": e.r, "alpha": e.alpha, "s": e.s, "beta": e.beta})),
        })),
        "verdict": s.report.verdict,
        "report": s.report.lines(lang),
        "findings": s.report.findings,
        "segment_coverage": s.segment_coverage,
        "rfm_weights": s.rfm_weights,
        "ahp": s.ahp,
        "frameworks": {
            "new_customer_matrix": {
                "profit_cut": s.frameworks.new_matrix.profit_cut, "conversion_cut": s.frameworks.new_matrix.conversion_cut,
                "table": with_strategy("new_customer_matrix", &s.frameworks.new_matrix.table, lang),
            },
            "veteran_matrix": s.frameworks.veteran.as_ref().map(|v| json!({
                "growth_measure": v.growth_measure, "spend_growth_fallbacks": v.spend_growth_fallbacks, "loyalty_measure": v.loyalty_measure,
                "table": with_strategy("veteran_matrix", &v.table, lang),
            })),
            "lifecycle": s.frameworks.lifecycle.as_ref().map(|l| json!({
                "lost_rule": l.lost_rule, "table": with_strategy("lifecycle", &l.table, lang),
                "profit_curve": l.profit_curve, "cohorts": l.cohorts, "flow_from": l.flow_from, "flow": l.flow,
            })),
            "clusters": s.frameworks.clusters.as_ref().map(|c| json!({
                "k": c.k, "features": c.features, "silhouette": c.silhouette, "inertia": c.inertia,
                "table": c.table.iter().zip(&c.centroids).map(|(r, centroid)| {
                    let mut v = json!(r);
                    v["centroid"] = json!(centroid);
                    v["description"] = json!(kezhi::engine::frameworks::clustering::describe(centroid, lang == Lang::Zh));
                    v
                }).collect::<Vec<_>>(),
            })),
            "value_grid": grid_json(&s.frameworks.value_grid, lang),
            "growth_grid": s.frameworks.growth_grid.as_ref().map(|g| grid_json(g, lang)),
            "value_pyramid": { "ranked_by": s.frameworks.pyramid.ranked_by, "table": with_strategy("value_pyramid", &s.frameworks.pyramid.table, lang) },
            "pareto": s.frameworks.pareto,
            "tier_ladder": { "table": with_strategy("tier_ladder", &s.frameworks.tiers.table, lang), "monthly_spend_ranges": s.frameworks.tiers.ranges },
            "gold_meteor_creek_burden": {
                "profit_per_occasion_median": s.frameworks.gmcb.profit_median,
                "repeats_median": s.frameworks.gmcb.repeats_median,
                "table": with_strategy("gold_meteor_creek_burden", &s.frameworks.gmcb.table, lang),
            },
        },
        "checks": s.checks,
        "groups": s.groups,
        "groups_by_segment": s.segments.iter().map(|r| r.key.clone()).chain(std::iter::once("others".to_string())).zip(&s.groups_by_segment)
            .map(|(k, g)| json!({"segment": k, "retention": g.retention, "migration": g.migration})).collect::<Vec<_>>(),
        "priority_top": scoring::priority_list(s, 20).into_iter().map(|k| json!({
            "customer_id": i.table.customers[k].id, "priority": s.customers[k].priority,
            "clv": s.customers[k].clv, "p_alive": s.customers[k].p_alive,
        })).collect::<Vec<_>>(),
        "settings": s.settings,
        "rfm_cut_points": { "r_days": s.rfm.cuts_r, "f": s.rfm.cuts_f, "m": s.rfm.cuts_m },
        "seconds": { "read": t.read, "parse": t.parse, "customer_table": t.build, "score": score_s },
        "parsed_in_halves": t.halves,
    })
}

/// How a fit's search ended, for the fit lines: "converged after 34 iterations", "stopped at a limit
/// of the model after 27 evaluations", …
fn ended(outcome: Outcome, iterations: u64) -> String {
    match outcome {
        Outcome::Converged => format!("converged after {iterations} iterations"),
        Outcome::Stalled => format!("NOT converged after {iterations} iterations"),
        Outcome::OutOfBudget => format!("NOT converged: stopped at its budget of {} evaluations", kezhi::engine::models::fitting::MAX_EVALUATIONS),
        Outcome::RanOff { .. } => format!("stopped at a limit of the model after {iterations} evaluations"),
    }
}

fn print_fits(s: &scoring::Scored, i: &Imported, score_s: f64, lang: Lang) {
    println!("{} customers ({} rows read, {} rejected)", i.table.customers.len(), i.report.rows_read, i.report.rows_rejected);
    match &s.bg_nbd {
        Some(f) => println!(
            "BG/NBD       r {:.4}  alpha {:.4}  a {:.4}  b {:.4}  LL {:.2}  {} ({})",
            f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood, ended(f.outcome, f.iterations), f.method
        ),
        None => println!("BG/NBD       not fitted"),
    }
    match &s.pareto_nbd {
        Some(f) => println!(
            "Pareto/NBD   r {:.4}  alpha {:.4}  s {:.4}  beta {:.4}  LL {:.2}  {} ({})",
            f.params.r, f.params.alpha, f.params.s, f.params.beta, f.log_likelihood, ended(f.outcome, f.iterations), f.method
        ),
        None => println!("Pareto/NBD   not fitted"),
    }
    match &s.gamma_gamma {
        Some(f) => println!(
            "Gamma-Gamma  p {:.4}  q {:.4}  gamma {:.4}  LL {:.2}  {} ({} repeat customers)",
            f.params.p, f.params.q, f.params.gamma, f.log_likelihood, ended(f.outcome, f.iterations), f.customers
        ),
        None => println!("Gamma-Gamma  not fitted"),
    }
    if let Some(h) = s.checks.as_ref().and_then(|c| c.holdout.as_ref()) {
        println!("Holdout from {} ({:.1} units): by calibration repeats, customers, actual mean, predicted mean", h.split_date, h.holdout_length);
        for b in &h.bins {
            let label = if b.calibration_repeats == kezhi::engine::models::model_checks::TOP_BIN { format!("{}+", b.calibration_repeats) } else { b.calibration_repeats.to_string() };
            println!("  {label:>3}  {:>7}  {:>8.3}  {:>8.3}", b.customers, b.actual_mean, b.predicted_mean);
        }
    }
    if let Some(r) = &s.groups.retention {
        println!("Retention model  retention {:.3} per period, margin {:.2} per active period, CLV {:.2}", r.retention_rate, r.margin_per_active_period, r.clv);
    }
    if let Some(m) = &s.groups.migration {
        let fmt = |v: &[f64], d: usize| v.iter().map(|x| format!("{x:.d$}")).collect::<Vec<_>>().join(" ");
        println!("Migration model  P(buy) by recency state 0..{}: {}  value: {}", m.lapsed_state, fmt(&m.buy_probability, 3), fmt(&m.value, 2));
    }
    for line in s.report.lines(lang) {
        println!("! {line}");
    }
    if let Some(p) = &s.frameworks.pareto {
        println!("Pareto: the top {:.0}% of customers deliver {:.1}% of the margin; Gini {:.3}", p.top_share * 100.0, p.top_margin_share * 100.0, p.gini);
    }
    let pct = |rows: &[kezhi::engine::frameworks::class_table::ClassRow]| {
        rows.iter().map(|r| format!("{} {} ({:.0}% of customers, {:.0}% of margin)", r.key, r.customers, r.customer_share * 100.0, r.margin_share * 100.0)).collect::<Vec<_>>().join("; ")
    };
    println!("Value pyramid by {}: {}", s.frameworks.pyramid.ranked_by, pct(&s.frameworks.pyramid.table));
    println!("Tiers: {}", pct(&s.frameworks.tiers.table));
    println!("New-customer matrix: {}", pct(&s.frameworks.new_matrix.table));
    if let Some(c) = &s.frameworks.clusters {
        println!("Clusters (k = {}, silhouette {:.3}):", c.k, c.silhouette);
        for (r, centroid) in c.table.iter().zip(&c.centroids) {
            println!("  {} {} customers ({:.0}% of margin): {}", r.key, r.customers, r.margin_share * 100.0, kezhi::engine::frameworks::clustering::describe(centroid, lang == Lang::Zh));
        }
    }
    if let Some(l) = &s.frameworks.lifecycle {
        println!("Lifecycle (lost by {}): {}", l.lost_rule, pct(&l.table));
    }
    if let Some(v) = &s.frameworks.veteran {
        println!("Veteran matrix (loyalty {}, growth {}): {}", v.loyalty_measure, v.growth_measure, pct(&v.table));
    }
    println!("Gold/meteor/creek/burden: {}", pct(&s.frameworks.gmcb.table));
    let c = &s.segment_coverage;
    if !c.uncovered.is_empty() || !c.overlapping.is_empty() {
        println!(
            "Segments ({}): {} of 125 R-F-M score combinations match no rule (\"Others\"), {} match more than one (the first wins)",
            s.settings.segment_rules.name(),
            c.uncovered.len(),
            c.overlapping.len()
        );
    }
    println!("Valuable and slipping (top 10): value percentile × (1 − P(alive))");
    for k in scoring::priority_list(s, 10) {
        let c = &s.customers[k];
        println!(
            "  {:<12} priority {:.3}  CLV {}  P(alive) {}",
            i.table.customers[k].id,
            c.priority,
            c.clv.map_or("-".into(), |v| format!("{v:.2}")),
            c.p_alive.map_or("-".into(), |v| format!("{v:.3}"))
        );
    }
    eprintln!("scored in {score_s:.3} s");
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

fn report_json(i: &Imported, t: &Timing) -> serde_json::Value {
    let r = &i.report;
    let d = &i.detected;
    json!({
        "file": r.file_name,
        "rows_read": r.rows_read,
        "rows_used": r.rows_used,
        "rows_rejected": r.rows_rejected,
        "rows_in_window": r.rows_in_window,
        "rows_after_analysis_date": r.rows_after_analysis_date,
        "return_rows": r.return_rows,
        "customers": r.customers,
        "customers_without_purchase": r.customers_without_purchase,
        "encoding": d.encoding,
        "delimiter": d.delimiter.map(|x| x.name()),
        "sheet": d.sheet,
        "shape": r.shape.key(),
        "has_header": d.has_header,
        "mapping": d.columns.iter().map(|c| json!({
            "column": c.name,
            "role": c.role.map(|r| r.key()),
            "why": c.reading.as_ref().map(|x| x.why(Lang::En)),
            "confidence": c.reading.as_ref().map(|x| format!("{:?}", x.confidence).to_lowercase()),
        })).collect::<Vec<_>>(),
        "read_as": r.export.map(|e| e.key()),
        "reading": r.reading_line(Lang::En),
        "rows_folded": r.rows_folded,
        "rows_not_counted": r.rows_not_counted,
        "orders": r.orders,
        "orders_not_counted": r.orders_not_counted,
        "orders_rejected": r.orders_rejected,
        "statuses": r.statuses.iter().map(|s| json!({
            "value": s.value, "class": s.class.label(Lang::En), "counted": s.counted, "orders": s.orders, "rows": s.rows
        })).collect::<Vec<_>>(),
        "date_format": d.date_format.map(|f| f.name()),
        "decimal": d.decimal,
        "date_min": r.date_min,
        "date_max": r.date_max,
        "analysis_date": r.analysis_date,
        "time_unit": r.time_unit.name(),
        "warnings": r.warnings.iter().map(|w| w.text(Lang::En)).collect::<Vec<_>>(),
        "rejects": i.rejects.iter().map(|x| json!({
            "line": x.line, "column": x.column, "column_name": x.column_name, "value": x.value, "reason": x.reason.text(Lang::En)
        })).collect::<Vec<_>>(),
        "seconds": { "read": t.read, "parse": t.parse, "customer_table": t.build, "import": t.parse + t.build },
        "parsed_in_halves": t.halves,
    })
}

fn print_report(i: &Imported, lang: Lang, t: &Timing) {
    let r = &i.report;
    let d = &i.detected;
    let l = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    println!("{} {}", l("File:", "文件："), r.file_name);
    if let Some(s) = &d.sheet {
        println!("{} {s}", l("Sheet:", "工作表："));
    }
    if let Some(e) = &d.encoding {
        println!("{} {e}   {} {}", l("Encoding:", "编码："), l("delimiter:", "分隔符："), d.delimiter.map_or("-", |x| x.name()));
    }
    println!("{}", r.reading_line(lang));
    println!("{} {}   {} {}", l("Shape:", "类型："), r.shape.label(lang), l("date format:", "日期格式："), d.date_format.map_or("-", |f| f.name()));
    for c in d.columns.iter().filter(|c| c.role.is_some()) {
        let why = c.reading.as_ref().map(|x| format!("   ({})", x.why(lang))).unwrap_or_default();
        println!("  {:<24} → {}{why}", c.name, c.role.map_or(l("(not used)", "（未使用）"), |x| x.label(lang)));
    }
    let unused = d.columns.iter().filter(|c| c.role.is_none()).count();
    if unused > 0 {
        println!("  {} {unused}", l("columns not used:", "未使用的列："));
    }
    println!(
        "{} {} = {} {} + {} {} + {} {} + {} {}",
        l("Rows read", "读取行数"),
        r.rows_read,
        r.rows_used,
        l("used", "使用"),
        r.rows_folded,
        l("folded into their orders", "并入订单"),
        r.rows_not_counted,
        l("not counted", "不计为购买"),
        r.rows_rejected,
        l("rejected", "拒绝")
    );
    if !r.statuses.is_empty() {
        println!("{}", l("Order statuses (--count-status / --skip-status VALUE to change):", "订单状态（用 --count-status / --skip-status 状态值 更改）："));
        for s in &r.statuses {
            let counted = if s.counted { l("counted", "计入") } else { l("not counted", "不计入") };
            println!("  {:<28} {:>7} {}  {:<12} ({})", s.value, s.orders, l("orders", "单"), counted, s.class.label(lang));
        }
    }
    if r.rows_after_analysis_date > 0 {
        println!("{} {}", l("Rows after the analysis date (holdout):", "分析日之后的行（验证期）："), r.rows_after_analysis_date);
    }
    println!("{} {}", l("Customers:", "客户数："), r.customers);
    if let (Some(a), Some(b)) = (r.date_min, r.date_max) {
        println!("{} {a} – {b}   {} {}", l("Dates:", "日期范围："), l("analysis date:", "分析日："), r.analysis_date.map(|d| d.to_string()).unwrap_or_default());
    }
    for w in &r.warnings {
        println!("! {}", w.text(lang));
    }
    for (reason, n) in &r.rejects_by_reason {
        println!("  {n:>8}  {reason}");
    }
    for x in i.rejects.iter().take(20) {
        println!("  {} {}, {} {} ({}): {:?} — {}", l("line", "行"), x.line, l("column", "列"), x.column, x.column_name, x.value, x.reason.text(lang));
    }
    if i.rejects.len() > 20 {
        println!("  … {} {}", i.rejects.len() - 20, l("more rejected rows (use --json for all)", "行被拒绝（用 --json 查看全部）"));
    }
    let mb = t.bytes as f64 / 1e6;
    eprintln!(
        "read {:.3} s, parse {:.3} s ({:.0} MB/s), customer table {:.3} s",
        t.read,
        t.parse,
        mb / t.parse.max(1e-9),
        t.build
    );
}

/// Today's date (UTC) from the system clock, for the importer's check on future dates.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(days)
}
