//! The command line's arguments: the subcommands, how to read the input, and the parsers of flag values.

use super::*;

#[derive(Parser)]
#[command(name = "kezhi", version, about = "Kezhi (客值): customer-value analytics, the engine of the web app on the command line")]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

/// How to read the input file (all detected unless given).
#[derive(clap::Args)]
pub(super) struct InputArgs {
    pub(super) file: PathBuf,
    /// End of the observation window (default: the last date in the data).
    #[arg(long)]
    pub(super) analysis_date: Option<NaiveDate>,
    /// Time unit of frequency/recency/T: day, week or month [default: week].
    #[arg(long, value_parser = parse_unit)]
    pub(super) unit: Option<TimeUnit>,
    /// Encoding label, e.g. utf-8, gbk, gb18030, big5, shift_jis, windows-1252 (default: detect).
    #[arg(long)]
    pub(super) encoding: Option<String>,
    /// Delimiter: , ; tab | or spaces (default: sniff).
    #[arg(long, value_parser = parse_delimiter)]
    pub(super) delimiter: Option<Delimiter>,
    /// Worksheet name (default: the first with data).
    #[arg(long)]
    pub(super) sheet: Option<String>,
    /// Date format: ymd, dmy, mdy, excel1900, excel1904, unix, unixms (default: detect).
    #[arg(long, value_parser = parse_date_format)]
    pub(super) date_format: Option<DateFormat>,
    /// Column for a role, by header or 1-based number: --map customer_id=会员号 --map amount=5.
    #[arg(long = "map", value_parser = parse_map)]
    pub(super) map: Vec<(Role, String)>,
    /// Count orders of this status as purchases (as written in the file; repeatable), e.g.
    /// --count-status "On hold".
    #[arg(long = "count-status")]
    pub(super) count_status: Vec<String>,
    /// Do not count orders of this status as purchases (repeatable), e.g. --skip-status 已发货.
    #[arg(long = "skip-status")]
    pub(super) skip_status: Vec<String>,
    /// What an RFM table's spend column holds: total or per-purchase (default: from its name).
    #[arg(long = "rfm-spend", value_parser = parse_rfm_spend)]
    pub(super) rfm_spend: Option<SpendMeaning>,
    /// Margin rate when the file has no cost/profit column [default: 0.30].
    #[arg(long)]
    pub(super) margin: Option<f64>,
    /// Settings JSON (every setting of docs/settings.md; missing ones take their defaults, and the
    /// `.settings.json` file written beside an export is accepted). Flags given override it.
    #[arg(long = "settings")]
    pub(super) settings_file: Option<PathBuf>,
    /// Language of the messages: en or zh.
    #[arg(long, default_value = "en")]
    pub(super) lang: String,
}

#[derive(Subcommand)]
pub(super) enum Command {
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
        /// Score with this model (`kezhi fit`) instead of fitting: FILE (or - for standard input) is
        /// read as customer-summary rows, a chunk at a time, and one scored row per customer goes to
        /// standard output (docs/warehouse.md).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Rows per chunk with --model (the memory in use grows with it, not with the input).
        #[arg(long, default_value_t = 50_000)]
        chunk_rows: usize,
    },
    /// Fit BG/NBD, Gamma-Gamma and Pareto/NBD on a file's customers (or a uniform sample of them) and
    /// write the model `kezhi score --model` scores with: the parameters, the settings and the
    /// population's cut points (docs/warehouse.md).
    Fit {
        #[command(flatten)]
        input: InputArgs,
        /// Fit on a uniform sample of this many customers (without replacement) instead of all.
        #[arg(long)]
        sample: Option<usize>,
        /// The sample's random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the model (JSON).
        #[arg(long)]
        out: PathBuf,
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

pub(super) fn parse_segments(s: &str) -> Result<SegmentRules, String> {
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

pub(super) fn parse_unit(s: &str) -> Result<TimeUnit, String> {
    TimeUnit::parse(s).ok_or_else(|| format!("unknown unit {s:?}: use day, week or month"))
}

pub(super) fn parse_delimiter(s: &str) -> Result<Delimiter, String> {
    Delimiter::parse(s).ok_or_else(|| format!("unknown delimiter {s:?}: use , ; tab | or spaces"))
}

pub(super) fn parse_date_format(s: &str) -> Result<DateFormat, String> {
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

pub(super) fn parse_rfm_spend(s: &str) -> Result<SpendMeaning, String> {
    match s.trim() {
        "total" => Ok(SpendMeaning::Total),
        "per-purchase" | "mean" => Ok(SpendMeaning::PerPurchase),
        other => Err(format!("{other:?}: write total or per-purchase")),
    }
}

pub(super) fn parse_map(s: &str) -> Result<(Role, String), String> {
    let (role, col) = s.split_once('=').ok_or_else(|| format!("{s:?}: write role=column, e.g. amount=实付金额"))?;
    let role = Role::from_key(role).ok_or_else(|| {
        let keys: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
        format!("unknown role {role:?}; roles: {}", keys.join(", "))
    })?;
    Ok((role, col.to_string()))
}

impl InputArgs {
    /// The settings file (or the defaults), with the flags given on top; `Err` names the file.
    pub(super) fn settings(&self) -> Result<Settings, String> {
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
