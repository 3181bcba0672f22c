//! The Web Worker side (wasm only): reads the dropped file in pieces as it parses it, runs the engine,
//! posts progress and results (postcard bytes, `protocol`). Holds the `File` (not its bytes)
//! and the last import so the page can re-import with other options, or ask for the rejected rows,
//! without sending the file again.

mod checks_job;
mod fits_worker;
mod pending_fits;
mod warm_up;

use std::cell::RefCell;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::engine::views::csv_export::rejects_csv;
use crate::engine::table::demo_data::{generate, DemoParams};
use crate::engine::import::errors::ImportError;
use crate::engine::import::memory_budget;
use crate::engine::import::{ImportOptions, Progress, Stage};
use crate::engine::table::imported::{import_reader, Imported};
use crate::engine::views::anonymise;
use crate::engine::views::customer_list::{self, Selection};
use crate::engine::models::fit_report::ChecksStop;
use crate::engine::scoring::Scored;
use crate::engine::lang::Lang;
use crate::engine::settings::Settings;
use crate::engine::views::what_if;
use crate::engine::fitted_model::FittedModel;
use crate::protocol::{self, Fault, ListPage, ModelAnswer, ModelInfo, Request, Response};
use crate::engine::views::import_view::{FailureView, ImportView, TimedStage};

pub const DEMO_FILE_NAME: &str = "kezhi_demo_retailer.csv";

/// What the last import read: a dropped file (read again from disk on a re-import), or the demo's
/// text made here.
#[derive(Default)]
enum Input {
    #[default]
    Nothing,
    File(File),
    Text(String),
}

#[derive(Default)]
struct Held {
    input: Input,
    file_name: String,
    last: Option<Imported>,
    /// The scores of `last`, for the customer list, the cards and the exports.
    scored: Option<Scored>,
    /// The last selection's customers in order, so scrolling does not filter and sort again.
    order: Option<((Selection, bool), Vec<usize>)>,
    /// Milliseconds spent making the demo's text, for the stage timings.
    make_ms: f64,
    /// The scenarios' per-customer base for `scored`, made on the first `WhatIf`.
    what_if: Option<what_if::Base>,
}

impl Held {
    /// A new input, and nothing computed from it yet.
    fn holding(input: Input, file_name: String, make_ms: f64) -> Held {
        Held { input, file_name, make_ms, ..Held::default() }
    }
}

/// The page's local date, for the importer's check on future dates.
fn today() -> Option<chrono::NaiveDate> {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

fn now_ms() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or(0.0)
}

thread_local! {
    static HELD: RefCell<Held> = RefCell::new(Held::default());
    /// The model imports are scored with (`Request::Model`), with its file's name; `None`: fit.
    static MODEL: RefCell<Option<FittedModel>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts `resp` as a `Uint8Array` whose buffer is transferred (not copied again) to the page.
fn post(resp: &Response) {
    let bytes = Uint8Array::from(protocol::encode(resp).as_slice());
    let _ = scope().post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()));
}

/// The wasm module's allocator (src/main.rs): the system one, which on failure first tells the page
/// that memory ran out (Rust then aborts, which the page would otherwise see only as "RuntimeError:
/// unreachable").
pub struct ReportingAllocator;

/// Whether an out-of-memory is still to be told: set by [`start`], so only in the worker (the page
/// runs the same module and has no one to tell), and cleared by the one report. Posting allocates a
/// little; if even that fails, the cleared flag stops the recursion and the page still sees the
/// worker stop.
static OOM_TO_REPORT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl ReportingAllocator {
    #[cold]
    fn out_of_memory(wanted: usize) {
        if OOM_TO_REPORT.swap(false, std::sync::atomic::Ordering::Relaxed) {
            let memory_bytes = core::arch::wasm32::memory_size(0) as u64 * 65_536;
            post(&Response::OutOfMemory { wanted_bytes: wanted as u64, memory_bytes });
        }
    }
}

// SAFETY: every call is passed to `System` unchanged; only a null result is reported.
unsafe impl std::alloc::GlobalAlloc for ReportingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc(layout) };
        if p.is_null() {
            Self::out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if p.is_null() {
            Self::out_of_memory(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            Self::out_of_memory(new_size);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

/// `f` on the scenarios' per-customer base for the scores held, made on first use; `None` without
/// scores or CLVs.
fn with_what_if_base<T>(f: impl FnOnce(&what_if::Base) -> T) -> Option<T> {
    HELD.with_borrow_mut(|h| {
        if h.what_if.is_none() {
            let (table, scored) = (&h.last.as_ref()?.table, h.scored.as_ref()?);
            h.what_if = what_if::base(table, scored, &scored.settings);
        }
        h.what_if.as_ref().map(f)
    })
}

/// The last import's rejected rows as CSV, identifying values hidden when anonymising.
fn send_rejects(lang: Lang, anonymise: bool) {
    let (name, text) = HELD.with_borrow(|h| {
        let stem = crate::engine::views::anonymise::export_stem(&h.file_name, anonymise);
        let rejects = h.last.as_ref().map(|i| i.rejects.as_slice()).unwrap_or(&[]);
        let text = if anonymise {
            let roles: Vec<_> = h.last.as_ref().map(|i| i.detected.columns.iter().map(|c| c.role).collect()).unwrap_or_default();
            let hidden: Vec<_> = rejects.iter().cloned().map(|r| crate::engine::views::anonymise::reject(r, &roles)).collect();
            rejects_csv(&hidden, lang)
        } else {
            rejects_csv(rejects, lang)
        };
        (format!("{stem}_rejected_rows.csv"), text)
    });
    post(&Response::Csv { file_name: name, text });

}

/// A window of the selection's customers (the order is kept until the selection changes).
fn send_list_page(selection: Selection, offset: usize, limit: usize, lang: Lang, seq: u64, anonymise: bool) {
    let page = HELD.with_borrow_mut(|h| {
        let (table, scored) = (&h.last.as_ref()?.table, h.scored.as_ref()?);
        let key = (selection.clone(), anonymise);
        if h.order.as_ref().is_none_or(|(k, _)| *k != key) {
            h.order = Some((key, anonymise::select_shown(table, scored, &selection, anonymise)));
        }
        let order = &h.order.as_ref()?.1;
        let n = table.customers.len();
        let rows = order
            .iter()
            .skip(offset)
            .take(limit.min(500))
            .map(|&i| customer_list::row(table, scored, i, lang))
            .map(|r| if anonymise { anonymise::row(r, n, lang) } else { r })
            .collect();
        let chips = selection.filters.iter().map(|&f| customer_list::chip(scored, f, lang)).collect();
        Some(ListPage { seq, total: order.len(), offset, rows, chips })
    });
    if let Some(page) = page {
        post(&Response::List(Box::new(page)));
    }

}

/// One customer's card.
fn send_card(index: usize, lang: Lang, anonymise: bool) {
    let card = HELD.with_borrow(|h| {
        let table = &h.last.as_ref()?.table;
        let assumed = h.last.as_ref().and_then(|i| i.report.margin_source.assumed_rate());
        let card = customer_list::card(table, h.scored.as_ref()?, index, lang, assumed)?;
        Some(if anonymise { anonymise::card(card, table.customers.len(), lang) } else { card })
    });
    if let Some(card) = card {
        post(&Response::Card(Box::new(card)));
    }

}

/// The selection's customers with every score as CSV, and its side file: the file, the selection and
/// the settings it was made with.
fn send_export(selection: Selection, lang: Lang, anonymise: bool) {
    let out = HELD.with_borrow(|h| {
        let (table, scored) = (&h.last.as_ref()?.table, h.scored.as_ref()?);
        let indices = anonymise::select_shown(table, scored, &selection, anonymise);
        let file = if anonymise { crate::engine::views::anonymise::file_name(&h.file_name, lang) } else { h.file_name.clone() };
        let mut notes = vec![("file".to_string(), file), ("customers".to_string(), indices.len().to_string())];
        for f in &selection.filters {
            let c = customer_list::chip(scored, *f, lang);
            notes.push(("filter".into(), format!("{} = {}", c.dimension, c.class)));
        }
        if !selection.search.trim().is_empty() {
            notes.push(("search".into(), selection.search.trim().to_string()));
        }
        if anonymise {
            notes.push(("anonymised".into(), "ids replaced by pseudonyms".into()));
        }
        notes.extend(scored.settings.describe());
        let stem = crate::engine::views::anonymise::export_stem(&h.file_name, anonymise);
        let assumed = h.last.as_ref().and_then(|i| i.report.margin_source.assumed_rate());
        let csv = crate::engine::views::csv_export::scored_csv_of(table, scored, lang, &indices, assumed, anonymise);
        Some([(format!("{stem}_customers.csv"), csv), (format!("{stem}_customers_settings.txt"), crate::engine::views::csv_export::export_notes(&notes))])
    });
    // The list, then its side file: the file, the selection and the settings it was made with.
    for (file_name, text) in out.into_iter().flatten() {
        post(&Response::Csv { file_name, text });
    }

}

/// Takes the model to score imports with (or none), and says which.
fn use_model(file_name: String, json: Option<String>) -> ModelAnswer {
    let Some(json) = json else {
        MODEL.set(None);
        return ModelAnswer::Cleared;
    };
    match FittedModel::from_json(&json) {
        Ok(model) => {
            let info = ModelInfo { file_name, fitted_on: model.sample.fitted_on, customers_in_file: model.sample.customers_in_file, settings: model.settings.clone() };
            MODEL.set(Some(model));
            ModelAnswer::InUse(info)
        }
        Err(error) => ModelAnswer::Refused { file_name, error },
    }
}

/// Scores `imported` for the views: with the model in use, nothing is fitted (`FittedModel::score_for_views`).
fn score_for_views(imported: &Imported, settings: &Settings) -> (Scored, crate::engine::scoring::StageTimes) {
    let with_model = MODEL.with_borrow(|m| m.as_ref().map(|m| m.score_for_views(&imported.table, &now_ms)));
    match with_model {
        Some(Ok(scored)) => scored,
        // Cut values are checked when the model is read; were they unusable after all, fit.
        Some(Err(_)) | None => crate::engine::scoring::score_for_views(&imported.table, settings, &now_ms),
    }
}

/// Commits `fault` (tests only).
fn commit(fault: Fault) {
    match fault {
        Fault::Panic => panic!("a deliberate panic (fault test)"),
        Fault::HoldFits => checks_job::hold_next(),
        Fault::OutOfMemory => {
            // Keeps 256 MB blocks until the tab's wasm memory (4 GB at most) can grow no more.
            let mut kept: Vec<Vec<u8>> = Vec::new();
            loop {
                let mut block = Vec::<u8>::with_capacity(256 << 20);
                block.push(1);
                kept.push(block);
            }
        }
    }
}

/// Starts the fits worker (`fits_worker.rs`) on its channel from the main worker.
pub fn start_fits_worker(port: web_sys::MessagePort) {
    fits_worker::start(port);
}

/// Starts the worker: installs the panic reporter and the message handler, and takes the channel to
/// the fits worker (`checks_job.rs`).
pub fn start(fits_port: Option<web_sys::MessagePort>) {
    if let Some(port) = fits_port {
        checks_job::connect(port);
    }
    OOM_TO_REPORT.store(true, std::sync::atomic::Ordering::Relaxed);
    std::panic::set_hook(Box::new(|info| {
        post(&Response::Crashed { message: info.to_string() });
    }));
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(handle);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&Response::Ready { build: protocol::BUILD.into() });
    warm_up::begin();
}

fn handle(ev: MessageEvent) {
    warm_up::stop();
    let data = ev.data();
    let bytes = js_sys::Reflect::get(&data, &"request".into()).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok());
    let bytes = bytes.map(|b| b.to_vec()).unwrap_or_default();
    let file = js_sys::Reflect::get(&data, &"file".into()).ok().and_then(|v| v.dyn_into::<File>().ok());
    let request: Request = match protocol::decode(&bytes) {
        Ok(r) => r,
        Err(e) => {
            // Not as a `Response`: a page of another build might not read that either.
            let _ = scope().post_message(&JsValue::from_str(&format!("{} ({e})", protocol::UNREADABLE_REQUEST)));
            return;
        }
    };
    match &request {
        Request::Shown => {}
        // A new import replaces the one whose fits wait; any other request is about that one.
        Request::Import { .. } | Request::Demo { .. } => {
            pending_fits::drop_waiting();
            checks_job::forget();
        }
        _ => pending_fits::run(false),
    }
    match request {
        Request::Shown => pending_fits::run(true),
        Request::Import { file_name, mut options, settings } => {
            options.today = options.today.or_else(today);
            if let Some(file) = file {
                // The page checked already; a worker asked directly checks again before reading.
                if let Err(e) = memory_budget::check(file.size() as u64, memory_budget::budget(device_memory_gb())) {
                    post(&Response::Failed(FailureView::new(&file_name, &e, None)));
                    return;
                }
                HELD.with_borrow_mut(|h| *h = Held::holding(Input::File(file), file_name.clone(), 0.0));
            }
            run_import(&options, &settings);
        }
        Request::Demo { settings } => {
            let t0 = now_ms();
            let csv = generate(&DemoParams::default()).to_csv();
            HELD.with_borrow_mut(|h| *h = Held::holding(Input::Text(csv), DEMO_FILE_NAME.to_string(), now_ms() - t0));
            run_import(&ImportOptions::default(), &settings);
        }
        Request::Model { file_name, json } => post(&Response::Model(use_model(file_name, json))),
        Request::Fault(Fault::HoldFits) => checks_job::hold_next(),
        Request::Fault(fault) => commit(fault),
        Request::CancelChecks => checks_job::end(ChecksStop::Cancelled),
        Request::ChecksFailed => checks_job::end(ChecksStop::Failed),
        Request::WhatIf { levers, seq } => {
            let outcome = with_what_if_base(|b| Box::new(what_if::run(b, &levers)));
            post(&Response::WhatIf { outcome, seq });
        }
        Request::Scenarios { levers, seq } => {
            let outcomes = with_what_if_base(|b| levers.iter().map(|l| what_if::run(b, l)).collect());
            post(&Response::Scenarios { outcomes, seq });
        }
        Request::RejectsCsv { lang, anonymise } => send_rejects(lang, anonymise),
        Request::List { selection, offset, limit, lang, seq, anonymise } => send_list_page(selection, offset, limit, lang, seq, anonymise),
        Request::Card { index, lang, anonymise } => send_card(index, lang, anonymise),
        Request::ExportList { selection, lang, anonymise } => send_export(selection, lang, anonymise),
    }
}

/// A `File` read in order through `FileReaderSync` (a worker may read synchronously), adding up the
/// time spent reading. The file is read [`READ_AHEAD`] bytes at a time and handed out in the pieces
/// the import asks for: in Chromium each `readAsArrayBuffer` call costs more than its bytes, so fewer,
/// larger reads are faster (docs/performance.md, "Measurements behind the code"); the import's pieces
/// stay 4 MiB, so wasm memory does not grow, and the chunk waiting in JS is at most 16 MiB.
struct FileRead<'f> {
    file: &'f File,
    reader: FileReaderSync,
    /// Where the next chunk starts in the file.
    offset: u64,
    size: u64,
    /// The chunk read last, and how much of it has been handed out.
    chunk: Option<Uint8Array>,
    used: u32,
    ms: f64,
}

/// Bytes read from the file per `readAsArrayBuffer`.
const READ_AHEAD: u64 = 16 << 20;

impl<'f> FileRead<'f> {
    fn new(file: &'f File, reader: FileReaderSync) -> FileRead<'f> {
        FileRead { file, reader, offset: 0, size: file.size() as u64, chunk: None, used: 0, ms: 0.0 }
    }
}

impl std::io::Read for FileRead<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let t0 = now_ms();
        let left = self.chunk.as_ref().map_or(0, |c| c.length() - self.used);
        if left == 0 {
            if self.offset >= self.size {
                return Ok(0);
            }
            let end = (self.offset + READ_AHEAD).min(self.size);
            let fail = |e: JsValue| std::io::Error::other(js_error_text(&e));
            let blob = self.file.slice_with_f64_and_f64(self.offset as f64, end as f64).map_err(fail)?;
            let buffer: JsValue = self.reader.read_as_array_buffer(&blob).map_err(fail)?.into();
            let chunk = Uint8Array::new(&buffer);
            if chunk.length() == 0 {
                return Ok(0);
            }
            self.offset += u64::from(chunk.length());
            self.chunk = Some(chunk);
            self.used = 0;
        }
        let Some(chunk) = &self.chunk else { return Ok(0) };
        let n = (chunk.length() - self.used).min(buf.len() as u32);
        chunk.subarray(self.used, self.used + n).copy_to(&mut buf[..n as usize]);
        self.used += n;
        self.ms += now_ms() - t0;
        Ok(n as usize)
    }
}

/// A DOMException's name and message ("NotReadableError: …"), else its debug form.
fn js_error_text(e: &JsValue) -> String {
    let field = |k: &str| js_sys::Reflect::get(e, &k.into()).ok().and_then(|v| v.as_string());
    match (field("name"), field("message")) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        _ => format!("{e:?}"),
    }
}

fn run_import(options: &ImportOptions, settings: &Settings) {
    let t0 = now_ms();
    // When parsing and building the table started, from the progress reports (for the stage times).
    let (mut parse_at, mut build_at) = (None, None);
    let result = HELD.with_borrow(|h| {
        let mut report = |p: Progress| {
            match p.stage {
                Stage::Parsing => parse_at = parse_at.or_else(|| Some(now_ms())),
                Stage::Building => build_at = build_at.or_else(|| Some(now_ms())),
                Stage::Reading => {}
            }
            post(&Response::Progress(p))
        };
        let name = &h.file_name;
        // Time reading the file (during the import) and making the demo's text (before it).
        let (imported, read_ms, made_ms) = match &h.input {
            Input::File(file) => {
                let reader = FileReaderSync::new().map_err(|e| js_error_text(&e));
                match reader {
                    Ok(reader) => {
                        let size = file.size() as u64;
                        let mut read = FileRead::new(file, reader);
                        (import_reader(&mut read, size, name, options, settings, &mut report), read.ms, 0.0)
                    }
                    Err(detail) => (Err(ImportError::Read { detail }.into()), 0.0, 0.0),
                }
            }
            Input::Text(text) => {
                (import_reader(&mut text.as_bytes(), text.len() as u64, name, options, settings, &mut report), 0.0, h.make_ms)
            }
            Input::Nothing => (Err(ImportError::Empty.into()), 0.0, 0.0),
        };
        (name.clone(), (read_ms, made_ms), imported)
    });
    match result {
        (_, (read_ms, made_ms), Ok(imported)) => {
            let t1 = now_ms();
            let mut view = ImportView::new(&imported, settings);
            let (parse_at, build_at) = (parse_at.unwrap_or(t0), build_at.unwrap_or(t1));
            // The file is read as it is parsed: "read" is the time spent reading, taken out of the
            // stage it happened in ("import" is all of it).
            let read_in_parse = read_ms.min((build_at - parse_at).max(0.0));
            view.timings_ms = vec![
                (TimedStage::Read, read_ms + made_ms),
                (TimedStage::Import, t1 - t0),
                // import = decode (encoding, dialect, columns) + parse (rows) + table (customers).
                (TimedStage::Decode, parse_at - t0 - (read_ms - read_in_parse)),
                (TimedStage::Parse, build_at - parse_at - read_in_parse),
                (TimedStage::Table, t1 - build_at),
                (TimedStage::View, now_ms() - t1),
            ];
            // The warm-up before (worker/warm_up.rs): its time, 1 when it ran to its end, its longest step.
            let (warm_ms, warmed, longest) = warm_up::spent();
            view.timings_ms.extend([
                (TimedStage::WarmUp, warm_ms),
                (TimedStage::WarmedUp, f64::from(u8::from(warmed))),
                (TimedStage::WarmUpLongestStep, longest),
            ]);
            post(&Response::Imported(Box::new(view)));
            // The fits wait for the page to draw the import (worker/pending_fits.rs).
            pending_fits::hold(imported, settings.clone());
        }
        (name, _, Err(failure)) => post(&Response::Failed(FailureView::from_failure(&name, &failure))),
    }
}

/// The worker's wasm linear memory in bytes: it only grows, so this is the peak so far.
fn memory_bytes() -> u64 {
    wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64
}

/// `navigator.deviceMemory` (GB, Chromium; absent elsewhere).
fn device_memory_gb() -> Option<f64> {
    let nav = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    js_sys::Reflect::get(&nav, &"deviceMemory".into()).ok()?.as_f64()
}
