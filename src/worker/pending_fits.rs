//! The fits of an import wait until the page has drawn the import, or [`WAIT_MS`] at most.
//!
//! Why: on a machine with two cores, fits that start while the page lays out the import report share
//! the cores with the page and the browser's compiler, and the page's layout then runs as long tasks.
//! With the fits waiting for the page's [`Request::Shown`](crate::protocol::Request::Shown)
//! the layout runs first; the views come later by the time the page takes to draw the import
//! (measured in docs/performance.md, "The page draws the import before the fits start").
//!
//! A page that never answers (a hidden tab draws no frames) holds the fits back [`WAIT_MS`] at most.
//! Any other request first runs the waiting fits, so it sees the import it follows, as it did when
//! the fits ran at once; a new import drops them instead.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use super::{memory_bytes, now_ms, post, score_for_views, scope, HELD};
use crate::engine::table::imported::Imported;
use super::checks_job;
use crate::engine::settings::Settings;
use crate::protocol::{FitsJob, Response};
use crate::engine::views::score_view::{ChecksView, ScoreView};

/// The longest the fits wait for the page: well above the time a first import takes to draw
/// (docs/performance.md), and a hidden tab, which draws nothing, loses a second.
pub const WAIT_MS: i32 = 1000;

thread_local! {
    /// The import whose fits wait: its id, since when (ms), the import and its settings.
    static WAITING: RefCell<Option<(u64, f64, Imported, Settings)>> = const { RefCell::new(None) };
    static LAST_ID: Cell<u64> = const { Cell::new(0) };
}

/// Holds the fits of `imported` until [`run`] (the page's `Shown`) or [`WAIT_MS`], whichever is first.
pub fn hold(imported: Imported, settings: Settings) {
    let id = LAST_ID.get() + 1;
    LAST_ID.set(id);
    WAITING.set(Some((id, now_ms(), imported, settings)));
    // Only this import's timer runs its fits: an earlier import's timer finds another id.
    let timer = Closure::once_into_js(move || {
        if WAITING.with_borrow(|w| w.as_ref().is_some_and(|(i, ..)| *i == id)) {
            run(false);
        }
    });
    let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(timer.unchecked_ref(), WAIT_MS);
}

/// Forgets the waiting fits (a new import replaces them).
pub fn drop_waiting() {
    WAITING.set(None);
}

/// Runs the waiting fits, if any: what the views need, posted when done; then the Pareto/NBD comparison
/// and the model checks go to the fits worker (`checks_job.rs`), or, when there are none to run, their
/// empty answer is posted at once. `shown`: the page's `Shown` ended the
/// wait (reported with the scores, for the browser tests and benchmarks).
pub fn run(shown: bool) {
    let Some((_, since, imported, settings)) = WAITING.take() else { return };
    let waited = (now_ms() - since, shown);
    let (scored, stages) = score_for_views(&imported, &settings);
    let name = HELD.with_borrow(|h| h.file_name.clone());
    let mut view = ScoreView::new(&name, &imported.table, &scored, stages.clone());
    view.memory_bytes = memory_bytes();
    view.fits_waited = waited;
    post(&Response::Scored(Box::new(view)));
    // The comparison and the checks run in the fits worker; this one answers the page meanwhile.
    let job = scored.comparison_pending.then(|| FitsJob::new(checks_job::next_id(), &imported.table, &scored));
    let done_now = job.is_none().then(|| ChecksView::new(&name, &imported.table, &scored, stages.clone()));
    HELD.with_borrow_mut(|h| {
        h.last = Some(imported);
        h.scored = Some(scored);
        h.order = None;
        h.what_if = None;
    });
    match (job, done_now) {
        (Some(job), _) => checks_job::send(&job, stages),
        (None, Some(view)) => post(&Response::Checks(Box::new(view))),
        (None, None) => {}
    }
}
