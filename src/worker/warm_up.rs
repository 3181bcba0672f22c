//! The worker's warm-up: while the page waits for a file, it imports and scores a small demo file, a
//! step at a time. At its end the import and the scores go to the page as `Response::WarmUp`, for the
//! page's own warm-up (ui/warm_up.rs); the rest is thrown away.
//!
//! Why: V8 runs a fresh wasm module's functions in its baseline compiler (Liftoff) and compiles a
//! function with its optimising compiler (TurboFan) only once it has run for a while; it has no
//! on-stack replacement for wasm. The first file a fresh worker imports therefore runs partly in
//! baseline code, noticeably slower than the same import again (docs/performance.md, "Measurements
//! behind the code"). Running the same functions on a
//! small file first moves that cost to the seconds a person takes to choose a file.
//!
//! Each step runs in its own task, so a request from the page waits for one step at most; any
//! request stops the warm-up for good ([`stop`]).

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use super::{now_ms, post, scope};
use crate::engine::table::demo_data::{generate, DemoParams};
use crate::engine::import::ImportOptions;
use crate::engine::table::imported::{import_reader, Imported};
use crate::engine::models::pareto_nbd::ParetoNbdFit;
use crate::engine::scoring::{add_checks, score_for_views, timed_comparison, Scored, StageTimes};
use crate::engine::settings::Settings;
use crate::protocol::{self, Response};
use crate::engine::views::import_view::ImportView;
use crate::engine::views::score_view::{ChecksView, ScoreView};

/// Customers of the warm-up file: about 8,600 rows, enough for the fits to iterate as on a real file.
/// (Measured, three rounds of it gave no faster first import than one; neither did 3,000 customers.)
const CUSTOMERS: usize = 1000;

enum Step {
    Generate,
    Import(String),
    Score(Box<Imported>),
    Comparison(Box<(Imported, Scored, StageTimes)>),
    Checks(Box<(Imported, Scored, StageTimes, Option<ParetoNbdFit>)>),
}

thread_local! {
    static NEXT: RefCell<Option<Step>> = const { RefCell::new(None) };
    /// Milliseconds spent warming up, whether it ran to its end, and the longest step (a file chosen
    /// during a step waits for it to end).
    static SPENT: Cell<(f64, bool, f64)> = const { Cell::new((0.0, false, 0.0)) };
}

/// Starts the warm-up.
pub fn begin() {
    NEXT.with_borrow_mut(|n| *n = Some(Step::Generate));
    schedule();
}

/// Stops the warm-up (a request came).
pub fn stop() {
    NEXT.with_borrow_mut(|n| *n = None);
}

/// The time the warm-up took, whether it finished before the first request, and its longest step.
pub fn spent() -> (f64, bool, f64) {
    SPENT.with(Cell::get)
}

fn schedule() {
    let step = Closure::once_into_js(run_step);
    let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0);
}

fn run_step() {
    let Some(step) = NEXT.with_borrow_mut(Option::take) else { return };
    let t0 = now_ms();
    let settings = Settings::default();
    let next = match step {
        Step::Generate => Some(Step::Import(generate(&DemoParams { customers: CUSTOMERS, ..DemoParams::default() }).to_csv())),
        Step::Import(csv) => import_reader(&mut csv.as_bytes(), csv.len() as u64, "warm-up.csv", &ImportOptions::default(), &settings, &mut |_| {})
            .ok()
            .map(|i| Step::Score(Box::new(i))),
        Step::Score(imported) => {
            let (scored, stages) = score_for_views(&imported.table, &settings, &now_ms);
            Some(Step::Comparison(Box::new((*imported, scored, stages))))
        }
        // The comparison and the checks in two steps (`add_comparison_and_checks`'s halves): as one,
        // it was the longest step, and a file chosen during it waited for it.
        Step::Comparison(work) => {
            let (imported, scored, mut stages) = *work;
            let pnbd = timed_comparison(&imported.table, &mut stages, &now_ms);
            Some(Step::Checks(Box::new((imported, scored, stages, pnbd))))
        }
        Step::Checks(work) => {
            let (imported, mut scored, mut stages, pnbd) = *work;
            add_checks(&imported.table, &mut scored, pnbd, &mut stages, &now_ms);
            let _ = protocol::encode(&Response::Checks(Box::new(ChecksView::new("", &imported.table, &scored, stages.clone()))));
            // The page's own warm-up (ui/warm_up.rs), once this one has ended: the page then draws
            // with the worker idle, and a file chosen before then is not kept waiting by it.
            post(&Response::WarmUp {
                import: Box::new(ImportView::new(&imported, &settings)),
                scores: Box::new(ScoreView::new("warm-up.csv", &imported.table, &scored, stages)),
            });
            None
        }
    };
    let done = next.is_none();
    let took = now_ms() - t0;
    SPENT.with(|s| s.set((s.get().0 + took, done, s.get().2.max(took))));
    if !done {
        NEXT.with_borrow_mut(|n| *n = next);
        schedule();
    }
}
