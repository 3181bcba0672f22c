//! The figures the page exposes for the benchmark scripts in bench/ and a few tests, as
//! `window.__kezhi…`: when an import was posted, drawn and scored, the worker's stage times and memory,
//! the largest message. Written here only, so the worker client's state changes read apart from them.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::views::import_view::ImportView;
use crate::engine::views::score_view::{ChecksView, ScoreView};

/// Milliseconds since the page started (the benchmarks' clock).
pub fn page_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Sets `window[key]`.
pub fn expose(key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(&window(), &key.into(), &value);
}

/// Keeps `window.__kezhiLargestMessage` = [bytes, decode ms, handle ms] of the largest message so far.
pub fn note_message(bytes: usize, decode_ms: f64, handle_ms: f64) {
    const KEY: &str = "__kezhiLargestMessage";
    let largest = js_sys::Reflect::get(&window(), &KEY.into())
        .ok()
        .and_then(|v| js_sys::Reflect::get(&v, &0.into()).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    if bytes as f64 > largest {
        expose(KEY, js_sys::Array::of3(&(bytes as f64).into(), &decode_ms.into(), &handle_ms.into()).into());
    }
}

/// `__kezhiImportPostedAt`: the page posted an import (the start of bench/scale_browser.mjs's timeline).
pub fn import_posted() {
    expose("__kezhiImportPostedAt", page_now().into());
}

/// `__kezhiImportedAt` and the import's stage times, `__kezhiTimings`.
pub fn imported(view: &ImportView) {
    expose("__kezhiImportedAt", page_now().into());
    expose("__kezhiTimings", serde_json::to_string(&view.timings_ms).unwrap_or_default().into());
}

/// `__kezhiShownAt`: the page told the worker the import is on screen.
pub fn shown() {
    expose("__kezhiShownAt", page_now().into());
}

/// When the scores came, the stage times, the worker's wasm memory, how long the fits waited for the
/// import to be drawn and whether the page's `Shown` ended it, and (`__kezhiRenderedAt`) the time of
/// the first frame drawn after the views got the scores.
pub fn scored(scores: &ScoreView) {
    expose("__kezhiScoredAt", page_now().into());
    let (waited_ms, shown) = scores.fits_waited;
    expose("__kezhiWorkerMemory", (scores.memory_bytes as f64).into());
    expose("__kezhiFitsWaited", js_sys::Array::of2(&waited_ms.into(), &shown.into()).into());
    expose("__kezhiScoreTimings", serde_json::to_string(&scores.stages_ms).unwrap_or_default().into());
    let rendered = Closure::once_into_js(|| expose("__kezhiRenderedAt", page_now().into()));
    let _ = window().request_animation_frame(rendered.unchecked_ref());
}

/// The checks' stage times and when they came.
pub fn checks(c: &ChecksView) {
    expose("__kezhiCheckTimings", serde_json::to_string(&c.stages_ms).unwrap_or_default().into());
    expose("__kezhiChecksAt", page_now().into());
}
