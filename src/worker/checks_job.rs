//! The main worker's side of the second worker (`fits_worker.rs`), which runs the Pareto/NBD
//! comparison and the model checks while this worker answers the page.
//!
//! Why a second worker and not slices of this one: each fit is one minimisation of up to
//! `fitting::FIT_MS`; to yield to the page's requests inside it, the minimiser would have to stop and
//! resume mid-search, which argmin's executor does not do. A second worker needs no change to the fits,
//! runs them on the other core, and costs a copy of the table without names (`FitsJob`), encoded and
//! posted once per import (docs/performance.md, "The comparison and checks in a second worker").
//!
//! The fits worker cannot be interrupted (no shared memory without cross-origin isolation, which a
//! static folder cannot require) and is not terminated, since a new one would fetch its script again:
//! Cancel ends this worker's wait at once (the report says cancelled), and the fits worker's answer,
//! which comes within its time budgets, is dropped by its `id`.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, MessagePort};

use super::{post, HELD};
use crate::engine::models::fit_report::ChecksStop;
use crate::engine::scoring::{complete_comparison, complete_without_comparison, StageTimes};
use crate::protocol::{self, FitsDone, FitsJob, Response};
use crate::engine::views::score_view::ChecksView;

thread_local! {
    /// The channel to the fits worker (the page hands it over with its first messages).
    static PORT: RefCell<Option<MessagePort>> = const { RefCell::new(None) };
    /// The job whose answer is awaited: its id and the stage times of the scores it completes.
    static AWAITED: RefCell<Option<(u64, StageTimes)>> = const { RefCell::new(None) };
    static LAST_ID: Cell<u64> = const { Cell::new(0) };
    /// `Fault::HoldFits`: the next job is not sent (a browser test cancels it).
    static HOLD_NEXT: Cell<bool> = const { Cell::new(false) };
}

/// Takes the channel to the fits worker and listens on it.
pub fn connect(port: MessagePort) {
    let on_answer = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let bytes = ev.data().dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        match protocol::decode::<FitsDone>(&bytes) {
            Ok(done) => answered(done),
            // Two workers of one module read each other's bytes; anything else is a bug of ours.
            Err(_) => end(ChecksStop::Failed),
        }
    });
    port.set_onmessage(Some(on_answer.as_ref().unchecked_ref()));
    on_answer.forget();
    PORT.set(Some(port));
}

/// Holds back the next job (`Fault::HoldFits`).
pub fn hold_next() {
    HOLD_NEXT.set(true);
}

/// A new job's id.
pub fn next_id() -> u64 {
    LAST_ID.set(LAST_ID.get() + 1);
    LAST_ID.get()
}

/// Sends the comparison and checks of the scores just held (`HELD`) to the fits worker. Without a
/// channel (a page of an older build never sent one) they end as failed at once.
pub fn send(job: &FitsJob, stages: StageTimes) {
    AWAITED.set(Some((job.id, stages)));
    if HOLD_NEXT.take() {
        return;
    }
    let sent = PORT.with_borrow(|p| {
        let port = p.as_ref()?;
        let bytes = js_sys::Uint8Array::from(protocol::encode(job).as_slice());
        port.post_message_with_transferable(&bytes, &js_sys::Array::of1(&bytes.buffer())).ok()
    });
    if sent.is_none() {
        end(ChecksStop::Failed);
    }
}

/// Forgets the awaited job (a new import replaces the scores it was for).
pub fn forget() {
    AWAITED.set(None);
}

/// Ends the wait without results, `why` in the report, and sends the page the completed view.
pub fn end(why: ChecksStop) {
    let Some((_, stages)) = AWAITED.take() else { return };
    complete_held(stages, |scored| complete_without_comparison(scored, why));
}

fn answered(done: FitsDone) {
    let Some((_, mut stages)) = AWAITED.with_borrow_mut(|a| a.take_if(|(id, _)| *id == done.id)) else { return };
    stages.pareto_nbd = done.pareto_nbd_ms;
    stages.model_checks = done.model_checks_ms;
    complete_held(stages, |scored| complete_comparison(scored, done.pareto_nbd, done.checks));
}

/// Completes the held scores with `complete` and posts what it added (`Response::Checks`).
fn complete_held(stages: StageTimes, complete: impl FnOnce(&mut crate::engine::scoring::Scored)) {
    let view = HELD.with_borrow_mut(|h| {
        let (imported, scored) = (h.last.as_ref()?, h.scored.as_mut()?);
        complete(scored);
        Some(ChecksView::new(&h.file_name, &imported.table, scored, stages))
    });
    if let Some(view) = view {
        post(&Response::Checks(Box::new(view)));
    }
}
