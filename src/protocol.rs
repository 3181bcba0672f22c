//! Messages between the page and the Web Worker: plain serde types, compiled natively too so the format
//! is tested with the engine, sent as postcard bytes ([`encode`], [`decode`]). The views' data they
//! carry is built in the engine (`views::import_view`, `views::score_view`); this file only wraps it. The file itself travels
//! beside the bytes as a `File` object (structured clone, no copy), so the worker can read it in chunks.
//!
//! Why postcard and not JSON: serde_json's deserializer, monomorphised for every view-model type the
//! page receives, was the largest part of the page's code (`twiggy`; docs/performance.md, "Measurements
//! behind the code"); postcard reads structs as sequences in field order, so each type's
//! map-and-field-name path is never instantiated. JSON stays
//! where people read it: the settings file, the browser's stored settings and the CLI's `--json`.

use serde::{Deserialize, Serialize};

use crate::engine::import::{ImportOptions, Progress};
use crate::engine::fitted_model::ModelError;
use crate::engine::lang::Lang;
use crate::engine::settings::Settings;
use crate::engine::models::bg_nbd::BgNbdFit;
use crate::engine::models::pareto_nbd::ParetoNbdFit;
use crate::engine::views::customer_list::{Card, Chip, ListRow, Selection};
use crate::engine::scoring::Scored;
use crate::engine::table::customer_table::CustomerTable;
use crate::engine::views::import_view::{FailureView, ImportView};
use crate::engine::views::score_view::{ChecksView, ScoreView};

/// What the worker answers, as plain text rather than a message, to a request it cannot read: a page of
/// another build sent it (the page then asks for a reload).
pub const UNREADABLE_REQUEST: &str = "unreadable request";

/// This build's id: a hash of the sources and the lock file (build.rs). Page and worker built from one
/// tree share it.
pub const BUILD: &str = env!("KEZHI_BUILD_ID");

/// A message as bytes for `postMessage`.
pub fn encode<T: Serialize>(msg: &T) -> Vec<u8> {
    // postcard fails only on an error a type raises itself, here only the settings' JSON, which
    // serde_json writes for any value; were it ever to fail, the worker must not panic: the empty message
    // is reported as unreadable by the other side.
    postcard::to_allocvec(msg).unwrap_or_default()
}

/// A message from `postMessage` bytes, all of them: bytes left over mean the sender's message had
/// another layout (another build), even when a message could be read from the start of them.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    match postcard::take_from_bytes(bytes) {
        Ok((msg, [])) => Ok(msg),
        Ok((_, rest)) => Err(format!("bytes left over after the message: {}", rest.len())),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Import the attached file (or, with no file attached, the one the worker already holds).
    Import {
        file_name: String,
        options: ImportOptions,
        #[serde(with = "crate::engine::views::import_view::settings_as_json")]
        settings: Settings,
    },
    /// Generate the demo retailer and import it.
    Demo {
        #[serde(with = "crate::engine::views::import_view::settings_as_json")]
        settings: Settings,
    },
    /// The rejected rows of the last import as CSV; `anonymise`: values of identifying columns hidden
    /// and the file's name left out of the download's name.
    RejectsCsv { lang: Lang, anonymise: bool },
    /// A window of the customer list: the selection's customers `offset..offset + limit`. `seq` comes
    /// back with the answer so the page keeps only the newest.
    /// `anonymise`: ids as pseudonyms, names hidden (here and in the card and export below).
    List { selection: Selection, offset: usize, limit: usize, lang: Lang, seq: u64, #[serde(default)] anonymise: bool },
    /// One customer's card.
    Card { index: usize, lang: Lang, #[serde(default)] anonymise: bool },
    /// The selection's customers with every score as CSV, the settings on top.
    ExportList { selection: Selection, lang: Lang, #[serde(default)] anonymise: bool },
    /// Customer equity under these levers, against the baseline (the Scenarios view).
    WhatIf { levers: crate::engine::views::what_if::Levers, seq: u64 },
    /// Commit a fault (tests only; see [`Fault`]).
    Fault(Fault),
    /// The page has drawn the import it was sent: the fits may start (the worker waits for this, or
    /// `worker/pending_fits.rs`'s `WAIT_MS` at most, so the page lays the import out with a core free).
    Shown,
    /// The saved scenarios' levers, to be run again on new scores (after an import or a change of
    /// settings), in order; `seq` comes back with the answer.
    Scenarios { levers: Vec<crate::engine::views::what_if::Levers>, seq: u64 },
    /// Stop waiting for the Pareto/NBD comparison and the model checks of the scores held: they end
    /// as cancelled (the user's Cancel).
    CancelChecks,
    /// The fits worker stopped (an error event on the page): the checks it ran end as failed.
    ChecksFailed,
    /// Score the next imports with this model (`kezhi fit`'s JSON, read by the page from a dropped
    /// `.json` file), or, with `None`, fit again as usual.
    Model { file_name: String, json: Option<String> },
}

/// The model the worker scores with, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    pub file_name: String,
    pub fitted_on: usize,
    pub customers_in_file: usize,
    /// The model's settings: imports scored with it use them.
    #[serde(with = "crate::engine::views::import_view::settings_as_json")]
    pub settings: Settings,
}

/// The worker's answer to [`Request::Model`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ModelAnswer {
    InUse(ModelInfo),
    /// Not a model this build can use: the file's name and why.
    Refused { file_name: String, error: ModelError },
    /// No model: imports are fitted again.
    Cleared,
}

/// What the fits worker (the page's second worker) is given: what the Pareto/NBD fit and the checks
/// read of the table ([`FitsTable`]) and of the scores. `id` comes back with the answer, so the main
/// worker keeps only the answer for the scores it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitsJob {
    pub id: u64,
    pub table: FitsTable,
    pub bg_nbd: Option<BgNbdFit>,
    pub holdout_share: f64,
}

/// The part of a [`CustomerTable`] the fits and the checks read, in a compact form: each customer's
/// x, t_x, T and first and last day, and the days of their occasions after the first. No id, name,
/// region or money: a fifth of the table's bytes, and no dates written as text (chrono's serde form).
/// `views_first_then_checks_equals_scoring_in_one_step` holds that the fits read nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitsTable {
    analysis_date: Option<chrono::NaiveDate>,
    unit: crate::engine::time_unit::TimeUnit,
    from_summary: bool,
    rfm_only: bool,
    frequency: Vec<f64>,
    recency: Vec<f64>,
    t: Vec<f64>,
    /// Days from the common era of the first and the last occasion.
    first_day: Vec<Option<i32>>,
    last_day: Vec<Option<i32>>,
    /// Per customer, the number of occasions, and then their days after the first, customer by customer.
    occasion_counts: Vec<u32>,
    occasion_days: Vec<u32>,
}

impl FitsTable {
    pub fn of(table: &CustomerTable) -> FitsTable {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| chrono::Datelike::num_days_from_ce(&d));
        let c = &table.customers;
        let mut occasion_counts = Vec::with_capacity(c.len());
        let mut occasion_days = Vec::with_capacity(table.occasions.len());
        for i in 0..c.len() {
            let occ = table.occasions_of(i);
            occasion_counts.push(occ.len() as u32);
            if let Some(first) = occ.first() {
                occasion_days.extend(occ.iter().map(|o| (o.date - first.date).num_days().max(0) as u32));
            }
        }
        FitsTable {
            analysis_date: table.analysis_date,
            unit: table.unit,
            from_summary: table.from_summary,
            rfm_only: table.rfm_only,
            frequency: c.iter().map(|c| c.frequency).collect(),
            recency: c.iter().map(|c| c.recency).collect(),
            t: c.iter().map(|c| c.t).collect(),
            first_day: c.iter().map(|c| day(c.first_date)).collect(),
            last_day: c.iter().map(|c| day(c.last_date)).collect(),
            occasion_counts,
            occasion_days,
        }
    }

    /// A table with these facts, and empty ids, no money and no wallet: all the fits need.
    pub fn table(&self) -> CustomerTable {
        use crate::engine::table::customer_table::{Customer, Occasion};
        let date = |d: Option<i32>| d.and_then(chrono::NaiveDate::from_num_days_from_ce_opt);
        let (mut occasions, mut offsets) = (Vec::with_capacity(self.occasion_days.len()), vec![0]);
        let mut days = self.occasion_days.iter();
        let customers = (0..self.frequency.len())
            .map(|i| {
                let first_date = date(self.first_day[i]);
                let n = self.occasion_counts[i];
                for &d in days.by_ref().take(n as usize) {
                    if let Some(date) = first_date.map(|f| f + chrono::Duration::days(i64::from(d))) {
                        occasions.push(Occasion { date, spend: 0.0, margin: 0.0 });
                    }
                }
                offsets.push(occasions.len());
                Customer {
                    id: String::new(),
                    name: None,
                    region: None,
                    first_date,
                    last_date: date(self.last_day[i]),
                    occasions: n,
                    orders: n,
                    categories: 0,
                    revenue: 0.0,
                    margin: 0.0,
                    frequency: self.frequency[i],
                    recency: self.recency[i],
                    t: self.t[i],
                    monetary_value: 0.0,
                }
            })
            .collect();
        CustomerTable {
            analysis_date: self.analysis_date,
            unit: self.unit,
            customers,
            occasions,
            offsets,
            occasion_wallet: None,
            from_summary: self.from_summary,
            rfm_only: self.rfm_only,
        }
    }
}

/// The fits worker's answer to a [`FitsJob`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitsDone {
    pub id: u64,
    pub pareto_nbd: Option<ParetoNbdFit>,
    pub checks: Option<crate::engine::models::model_checks::ModelChecks>,
    pub pareto_nbd_ms: f64,
    pub model_checks_ms: f64,
}

impl FitsJob {
    pub fn new(id: u64, table: &CustomerTable, scored: &Scored) -> FitsJob {
        FitsJob { id, table: FitsTable::of(table), bg_nbd: scored.bg_nbd.clone(), holdout_share: scored.settings.holdout_share }
    }

    /// The Pareto/NBD fit and the model checks, each within its own time budget (`fitting::FIT_MS`).
    pub fn run(&self, now_ms: &dyn Fn() -> f64) -> FitsDone {
        let table = self.table.table();
        let t0 = now_ms();
        let pareto_nbd = crate::engine::scoring::fit_comparison(&table, now_ms);
        let t1 = now_ms();
        let checks = crate::engine::scoring::checks_of(&table, self.bg_nbd.as_ref(), self.holdout_share, now_ms);
        FitsDone { id: self.id, pareto_nbd, checks, pareto_nbd_ms: t1 - t0, model_checks_ms: now_ms() - t1 }
    }
}

/// A window of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub seq: u64,
    /// Customers in the selection (the list's length).
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<ListRow>,
    pub chips: Vec<Chip>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker's handler is installed; requests sent before this are queued by the page. `build`:
    /// the worker's [`BUILD`], which the page compares with its own.
    Ready { build: String },
    Progress(Progress),
    Imported(Box<ImportView>),
    /// The fits for the import just sent (follows every `Imported`).
    Scored(Box<ScoreView>),
    /// The Pareto/NBD comparison and model checks for the `Scored` just sent.
    Checks(Box<ChecksView>),
    List(Box<ListPage>),
    Card(Box<Card>),
    Failed(FailureView),
    Csv { file_name: String, text: String },
    /// The answer to `WhatIf` (`None` without CLVs), with the request's `seq`.
    WhatIf { outcome: Option<Box<crate::engine::views::what_if::Outcome>>, seq: u64 },
    /// The worker hit a bug (a Rust panic). The page restarts it.
    Crashed { message: String },
    /// An allocation of `wanted_bytes` failed with `memory_bytes` of wasm memory in use: the worker
    /// is about to stop. The page restarts it and says so in plain words.
    OutOfMemory { wanted_bytes: u64, memory_bytes: u64 },
    /// The import and scores the worker's warm-up made from its own small demo file
    /// (worker/warm_up.rs); the page draws them once where nobody sees them (ui/warm_up.rs), so the
    /// code that draws a real one is compiled before the first file comes.
    WarmUp { import: Box<ImportView>, scores: Box<ScoreView> },
    /// The answer to `Scenarios`: one outcome per levers, in order (`None` without CLVs).
    Scenarios { outcomes: Option<Vec<crate::engine::views::what_if::Outcome>>, seq: u64 },
    /// The answer to `Model`.
    Model(ModelAnswer),
}

/// A fault the worker can be told to commit, for the browser tests of the page's fault handling (the
/// page never sends it): a panic, as a bug would cause, or memory exhausted, as a file too large for
/// the tab would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    Panic,
    OutOfMemory,
    /// Hold the next scores' comparison and checks back (never send them to the fits worker), so a
    /// browser test sees the page while they run, for as long as it likes, and cancels them.
    HoldFits,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::imported::import;

    #[test]
    fn an_import_view_round_trips_through_the_message_form() {
        let csv = "客户编号,交易日期,实付金额\nC1,2024-01-02,10\nC1,2024-01-09,5\nC2,2024-01-03,oops\n";
        let settings = Settings::default();
        let imported = import(csv.as_bytes(), "t.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
        let msg = Response::Imported(Box::new(ImportView::new(&imported, &settings)));
        assert_eq!(decode::<Response>(&encode(&msg)), Ok(msg));
        let (scored, times) = crate::engine::scoring::score_timed(&imported.table, &settings, &|| 0.0);
        let msg = Response::Scored(Box::new(ScoreView::new("t.csv", &imported.table, &scored, times)));
        assert_eq!(decode::<Response>(&encode(&msg)), Ok(msg));
        let req = Request::Import { file_name: "t.csv".into(), options: imported.detected.as_options(), settings };
        assert_eq!(decode::<Request>(&encode(&req)), Ok(req));
    }

    /// Every message the worker sends, and every request the page sends, made from scored demo data
    /// (custom segment rules in the settings), reads back equal from its bytes: a type that postcard
    /// cannot read (an internally or adjacently tagged enum, a flattened field) fails here, not in the
    /// browser.
    #[test]
    fn every_message_round_trips_through_its_bytes() {
        use crate::engine::views::customer_list::{self, Dimension, Filter};
        use crate::engine::rfm::segments::SegmentRules;
        let tx = crate::engine::table::demo_data::generate(&crate::engine::table::demo_data::DemoParams { customers: 800, ..Default::default() }).to_csv();
        let settings = Settings { segment_rules: SegmentRules::Custom(SegmentRules::RfmPackage.rules()), ..Default::default() };
        let imported = import(tx.as_bytes(), "d.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
        let table = &imported.table;
        let (scored, times) = crate::engine::scoring::score_timed(table, &settings, &|| 0.0);
        let selection = Selection { filters: vec![Filter { dim: Dimension::ALL[0], class: 0 }], search: "C".into(), ..Default::default() };
        let rows: Vec<ListRow> = (0..20).map(|i| customer_list::row(table, &scored, i, Lang::Zh)).collect();
        let chips = selection.filters.iter().map(|&f| customer_list::chip(&scored, f, Lang::Zh)).collect();
        let base = crate::engine::views::what_if::base(table, &scored, &settings).expect("a what-if base");
        let levers = crate::engine::views::what_if::Levers { retention: 0.05, ..Default::default() };
        let failure = crate::engine::import::errors::ImportError::Empty;
        let responses = vec![
            Response::Ready { build: BUILD.into() },
            Response::Progress(Progress { stage: crate::engine::import::Stage::Parsing, done: 5, total: 9, rows: 3 }),
            Response::Imported(Box::new(ImportView::new(&imported, &settings))),
            Response::Scored(Box::new(ScoreView::new("d.csv", table, &scored, times.clone()))),
            Response::Checks(Box::new(ChecksView::new("d.csv", table, &scored, times))),
            Response::List(Box::new(ListPage { seq: 3, total: 800, offset: 0, rows, chips })),
            Response::Card(Box::new(customer_list::card(table, &scored, 1, Lang::En, None).expect("a card"))),
            Response::Failed(FailureView::new("d.csv", &failure, Some(Box::new(imported.detected.clone())))),
            Response::Csv { file_name: "d.csv".into(), text: "a,b\n客户,2\n".into() },
            Response::WhatIf { outcome: Some(Box::new(crate::engine::views::what_if::run(&base, &levers))), seq: 2 },
            Response::Crashed { message: "boom".into() },
            Response::OutOfMemory { wanted_bytes: 1 << 30, memory_bytes: 3 << 30 },
            Response::WarmUp {
                import: Box::new(ImportView::new(&imported, &settings)),
                scores: Box::new(ScoreView::new("d.csv", table, &scored, Default::default())),
            },
            Response::Scenarios { outcomes: Some(vec![crate::engine::views::what_if::run(&base, &levers)]), seq: 4 },
            Response::Scenarios { outcomes: None, seq: 5 },
            Response::Model(ModelAnswer::InUse(ModelInfo { file_name: "m.json".into(), fitted_on: 500, customers_in_file: 800, settings: settings.clone() })),
            Response::Model(ModelAnswer::Refused { file_name: "m.json".into(), error: ModelError::NotAModel { detail: "expected value at line 1 column 1".into() } }),
            Response::Model(ModelAnswer::Cleared),
        ];
        for msg in responses {
            assert_eq!(decode::<Response>(&encode(&msg)).as_ref(), Ok(&msg));
        }
        let requests = vec![
            Request::Import { file_name: "d.csv".into(), options: imported.detected.as_options(), settings: settings.clone() },
            Request::Demo { settings },
            Request::RejectsCsv { lang: Lang::Zh, anonymise: true },
            Request::List { selection: selection.clone(), offset: 40, limit: 60, lang: Lang::En, seq: 7, anonymise: true },
            Request::Card { index: 4, lang: Lang::Zh, anonymise: false },
            Request::ExportList { selection, lang: Lang::En, anonymise: true },
            Request::WhatIf { levers, seq: 1 },
            Request::Fault(Fault::OutOfMemory),
            Request::Shown,
            Request::Scenarios { levers: vec![levers, crate::engine::views::what_if::Levers::default()], seq: 8 },
            Request::CancelChecks,
            Request::ChecksFailed,
            Request::Model { file_name: "m.json".into(), json: Some("{}".into()) },
            Request::Model { file_name: String::new(), json: None },
        ];
        for req in requests {
            assert_eq!(decode::<Request>(&encode(&req)).as_ref(), Ok(&req));
        }
    }

    /// tests/e2e/faults.test.mjs makes the worker commit a fault by handing it these bytes (the page
    /// never sends `Fault`): the variant indices of `Request::Fault` and of the fault.
    #[test]
    fn the_fault_requests_the_browser_test_sends_are_these_bytes() {
        assert_eq!(encode(&Request::Fault(Fault::Panic)), [7, 0]);
        assert_eq!(encode(&Request::Fault(Fault::OutOfMemory)), [7, 1]);
        assert_eq!(encode(&Request::Fault(Fault::HoldFits)), [7, 2]);
    }

    /// tests/e2e/faults.test.mjs has the worker announce another build with these bytes: `Ready` is
    /// the first variant and the id a string of 16 hex digits.
    #[test]
    fn a_ready_of_another_build_is_these_bytes() {
        let mut expected = vec![0u8, 16];
        expected.extend_from_slice(b"0000000000000000");
        assert_eq!(encode(&Response::Ready { build: "0".repeat(16) }), expected);
        assert!(BUILD.len() == 16 && BUILD.chars().all(|c| c.is_ascii_hexdigit()) && BUILD != "0".repeat(16), "{BUILD}");
    }

    /// A truncated or foreign message is an error, not a panic (the page reports it).
    #[test]
    fn bytes_that_are_not_a_message_are_an_error() {
        let msg = encode(&Response::Csv { file_name: "a.csv".into(), text: "x,y\n".into() });
        assert!(decode::<Response>(&msg[..msg.len() - 1]).is_err());
        assert!(decode::<Response>(&[]).is_err());
        assert!(decode::<Response>(&[200]).is_err());
        let mut longer = msg.clone();
        longer.push(0);
        assert_eq!(decode::<Response>(&longer), Err("bytes left over after the message: 1".to_string()));
    }

    /// The worker sends the views' scores first and the comparison and checks after; the page's view
    /// patched with the second message equals the one-step view the CLI's scoring gives (fit report
    /// in the same order, the same Pareto/NBD fit, checks and model comparison).
    #[test]
    fn views_first_then_checks_equals_scoring_in_one_step() {
        let tx = crate::engine::table::demo_data::generate(&crate::engine::table::demo_data::DemoParams { customers: 1500, ..Default::default() }).to_csv();
        let settings = Settings::default();
        let imported = import(tx.as_bytes(), "d.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
        let table = &imported.table;
        let (one_step, _) = crate::engine::scoring::score_timed(table, &settings, &|| 0.0);
        let whole = ScoreView::new("d.csv", table, &one_step, Default::default());
        assert!(whole.pareto_nbd.is_some() && whole.checks.is_some() && whole.clv.comparison.is_some());
        assert!(!whole.comparison_pending);

        let (mut scored, mut times) = crate::engine::scoring::score_for_views(table, &settings, &|| 0.0);
        let first = ScoreView::new("d.csv", table, &scored, times.clone());
        assert!(first.comparison_pending && first.pareto_nbd.is_none() && first.checks.is_none() && first.clv.comparison.is_none());
        crate::engine::scoring::add_comparison_and_checks(table, &mut scored, &mut times, &|| 0.0);
        let checks = ChecksView::new("d.csv", table, &scored, Default::default());
        assert!(matches!(decode::<Response>(&encode(&Response::Checks(Box::new(checks.clone())))), Ok(Response::Checks(_))));
        assert_eq!(first.with_checks(&checks), whole);

        // The CLI's order: the Pareto/NBD fit made apart (on its own thread), the checks before it is
        // joined, then both handed in.
        let pnbd = crate::engine::scoring::fit_comparison(table, &|| 0.0);
        let (mut apart, _) = crate::engine::scoring::score_for_views(table, &settings, &|| 0.0);
        let checks = crate::engine::scoring::run_checks(table, &apart, &|| 0.0);
        crate::engine::scoring::complete_comparison(&mut apart, pnbd, checks);
        assert_eq!(apart, one_step);

        // The page's order: the job, on what the fits read of the table (no id, name or money),
        // through the bytes to the fits worker, and its answer back.
        let (mut held, _) = crate::engine::scoring::score_for_views(table, &settings, &|| 0.0);
        let job = FitsJob::new(1, table, &held);
        let copy = job.table.table();
        assert!(copy.customers.iter().all(|c| c.id.is_empty() && c.name.is_none() && c.region.is_none() && c.revenue == 0.0));
        assert_eq!(copy.occasions.iter().map(|o| o.date).collect::<Vec<_>>(), table.occasions.iter().map(|o| o.date).collect::<Vec<_>>());
        assert_eq!(copy.offsets, table.offsets);
        let job: FitsJob = decode(&encode(&job)).expect("job");
        let done: FitsDone = decode(&encode(&job.run(&|| 0.0))).expect("answer");
        assert_eq!(done.id, 1);
        crate::engine::scoring::complete_comparison(&mut held, done.pareto_nbd, done.checks);
        assert_eq!(held, one_step);
    }

    /// Cancelled or failed, the wait ends with the report saying so and nothing else changed.
    #[test]
    fn checks_that_do_not_run_end_the_wait_with_a_finding() {
        use crate::engine::models::fit_report::{ChecksStop, Finding};
        let tx = crate::engine::table::demo_data::generate(&crate::engine::table::demo_data::DemoParams { customers: 600, ..Default::default() }).to_csv();
        let settings = Settings::default();
        let imported = import(tx.as_bytes(), "d.csv", &ImportOptions::default(), &settings, &mut |_| {}).expect("import");
        let (before, _) = crate::engine::scoring::score_for_views(&imported.table, &settings, &|| 0.0);
        for why in [ChecksStop::Cancelled, ChecksStop::Failed] {
            let mut s = before.clone();
            crate::engine::scoring::complete_without_comparison(&mut s, why);
            assert!(!s.comparison_pending && s.pareto_nbd.is_none() && s.checks.is_none());
            assert!(s.report.findings.contains(&Finding::ChecksNotRun { why }));
            assert_eq!(s.report.verdict, before.report.verdict, "the CLV verdict does not change");
            assert_eq!(s.customers, before.customers);
        }
    }


}
