//! The page's warm-up: draws the worker's warm-up import, then its scores, on states of their own and
//! into elements that are never attached to the document, and throws the drawings away.
//!
//! Why: V8 compiles a wasm function the first time it is called (lazy compilation), so without this
//! the task that handles the first real import also compiles the code that decodes an import and
//! builds the import screen (traced: docs/performance.md, "Measurements behind the code"). The worker sends its warm-up's import and scores as `Response::WarmUp` once its own warm-up has
//! ended (worker/warm_up.rs); drawing them here, while the page waits for a file, moves that
//! compiling to the seconds a person takes to choose one.
//!
//! The import screen is drawn a part per task ([`Part`]), so no task of the warm-up is long enough to
//! delay a click. A page that has data, or work under way, draws nothing more.
//!
//! One part, everything under the header on the import tab, is also laid out once: attached to the
//! document, invisible and inert, for one frame, then removed ([`lay_out_once`]): the first styling
//! and layout of the import screen is then not part of the first import's frame. `window.__kezhiPageWarmUp`
//! holds each part's drawing time (bench/trace_first_import.mjs reads it).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::tabs::Screens;
use crate::ui::screens::import_screen::{MappingPanel, PreviewTable, ReportPanel, SourceControls, ValueControls};
use crate::ui::state::{AppState, Tab};
use crate::ui::probes::{expose, page_now};
use crate::ui::worker_client::WorkerClient;
use crate::engine::views::import_view::ImportView;
use crate::engine::views::score_view::ScoreView;

/// What one task of the warm-up draws.
#[derive(Clone, Copy)]
enum Part {
    ImportReport,
    ImportPreview,
    SourceControls,
    ValueControls,
    ImportMapping,
    /// Everything under the header, on the import tab.
    Screens,
    /// Everything under the header, on the overview with the scores.
    Overview,
}

const PARTS: [Part; 7] =
    [Part::ImportReport, Part::ImportPreview, Part::SourceControls, Part::ValueControls, Part::ImportMapping, Part::Screens, Part::Overview];

/// Takes a `Response::WarmUp`'s import and scores and draws them, a part per task.
pub fn receive(real: AppState, worker: WorkerClient, view: Arc<ImportView>, scores: Arc<ScoreView>) {
    schedule(real, worker, view, scores, 0);
}

fn schedule(real: AppState, worker: WorkerClient, view: Arc<ImportView>, scores: Arc<ScoreView>, next: usize) {
    let Some(&part) = PARTS.get(next) else { return };
    let step = Closure::once_into_js(move || {
        if draw(real, worker, view.clone(), scores.clone(), part) {
            schedule(real, worker, view, scores, next + 1);
        }
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0);
}

/// `window.__kezhiPageWarmUp`: the milliseconds each drawing took, in order (for the benchmarks).
const KEY: &str = "__kezhiPageWarmUp";

/// Draws `part` and throws it away; false when the page is no longer idle (nothing drawn).
fn draw(real: AppState, worker: WorkerClient, view: Arc<ImportView>, scores: Arc<ScoreView>, part: Part) -> bool {
    let idle = real.view.with_untracked(Option::is_none) && real.failure.with_untracked(Option::is_none) && real.busy.with_untracked(Option::is_none);
    let Some(parent) = document().create_element("div").ok().filter(|_| idle) else { return false };
    let t0 = page_now();
    let lang = real.lang.get_untracked();
    let drawing = leptos::mount::mount_to(parent.clone().unchecked_into(), move || {
        let state = AppState::new(lang, None);
        state.options.set(view.options.clone());
        state.settings.set(view.settings.clone());
        let overview = matches!(part, Part::Overview);
        state.tab.set(if overview { Tab::Overview } else { Tab::Import });
        state.view.set(Some(view));
        state.scores.set(overview.then_some(scores));
        provide_context(state);
        provide_context(worker);
        match part {
            Part::ImportReport => view! { <ReportPanel /> }.into_any(),
            Part::ImportPreview => view! { <PreviewTable /> }.into_any(),
            Part::SourceControls => view! { <SourceControls /> }.into_any(),
            Part::ValueControls => view! { <ValueControls /> }.into_any(),
            Part::ImportMapping => view! { <MappingPanel /> }.into_any(),
            Part::Screens | Part::Overview => view! { <Screens /> }.into_any(),
        }
    });
    if matches!(part, Part::Screens) {
        lay_out_once(parent, Box::new(drawing));
    } else {
        drop(drawing);
    }
    let spent = js_sys::Reflect::get(&window(), &KEY.into()).ok().and_then(|v| v.dyn_into::<js_sys::Array>().ok()).unwrap_or_default();
    spent.push(&(page_now() - t0).into());
    expose(KEY, spent.into());
    true
}

/// Attaches `parent` (a drawing of the import screen) at the end of the body, invisible, inert and
/// without the attributes other code finds elements by (`id`, `data-testid`, a radio's `name`), for
/// one frame: the browser styles and lays it out in that frame's rendering, then the next task removes
/// it and unmounts the drawing. Kept alive that long, its effects would run, but the import tab has
/// none; it calls the worker only from clicks, which `inert` stops.
fn lay_out_once(parent: web_sys::Element, drawing: Box<dyn std::any::Any>) {
    let Some(body) = document().body() else { return };
    if let Ok(named) = parent.query_selector_all("[id],[data-testid],[name]") {
        for i in 0..named.length() {
            if let Some(e) = named.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                for attribute in ["id", "data-testid", "name"] {
                    let _ = e.remove_attribute(attribute);
                }
            }
        }
    }
    let _ = parent.set_attribute("aria-hidden", "true");
    let _ = parent.set_attribute("inert", "");
    let _ = parent.set_attribute(
        "style",
        "position:fixed;left:0;top:0;width:100vw;height:1px;overflow:hidden;visibility:hidden;pointer-events:none;z-index:-1",
    );
    if body.append_child(&parent).is_err() {
        return;
    }
    crate::ui::frames::after_next_frame(move || {
        // The height it was laid out at (layout is clean after the frame, so this costs nothing);
        // `window.__kezhiWarmUpLaidOut` for the tests.
        expose("__kezhiWarmUpLaidOut", parent.scroll_height().into());
        parent.remove();
        drop(drawing);
    });
}
