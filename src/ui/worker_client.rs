//! The page side of the Web Worker: spawns it, sends requests (with the dropped `File` attached, so the
//! worker reads it in chunks without a copy through the main thread), and turns responses into state.
//!
//! Hand-written on `web-sys` instead of `gloo-worker`: gloo-worker serialises every message with
//! serde, so a `File` cannot travel and a 50 MB file would be copied four times on the main thread
//! (read, encode, post, decode) before parsing starts. Here the `File` object itself is posted
//! (structured clone of a handle) and the worker reads it with `FileReaderSync`.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::ui::{download, probes};
use crate::ui::state::{AppState, Busy, Crash, CrashKind, ScenarioResult, Tab};
use crate::engine::import::memory_budget;
use crate::protocol::{self, ModelAnswer, Request, Response};
use crate::engine::views::import_view::{FailureView, ImportView};
use crate::engine::views::score_view::ScoreView;

/// The worker's entry (worker_loader.js, copied by index.html): it runs this page's own wasm module,
/// which the page posts to it first.
const WORKER_URL: &str = "./worker_loader.js";

/// The fits worker's entry: the same file and module (src/worker/fits_worker.rs); the query only
/// tells the two apart in the browser's tools and the tests.
const FITS_WORKER_URL: &str = "./worker_loader.js?fits";

/// Restarts in a row without a single answer from the worker before the page gives up (a worker that
/// cannot even start would otherwise be restarted forever).
const MAX_RESTARTS: u32 = 3;

#[derive(Clone, Copy)]
pub struct WorkerClient {
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// The second worker, which runs the Pareto/NBD comparison and the model checks for the first
    /// (src/worker/checks_job.rs); started and stopped with it.
    fits: StoredValue<Option<Worker>, LocalStorage>,
    /// The tab to open when the import under way succeeds (the demo opens the overview).
    /// `None` for a re-import: the page stays on whatever tab the user is on when it lands (they may
    /// have moved on while it ran).
    open_after: StoredValue<Option<Tab>>,
    /// Crashes since the worker last answered.
    restarts: StoredValue<u32>,
    /// Sequence number of the newest list request.
    list_seq: StoredValue<u64>,
    /// Sequence number of the newest what-if request.
    what_if_seq: StoredValue<u64>,
    /// Sequence number of the newest request to run the saved scenarios again.
    scenarios_seq: StoredValue<u64>,
    /// Requests made before the worker said it is ready (a module worker's handler is installed
    /// only after its wasm has loaded; earlier messages could be lost).
    pending: StoredValue<Option<Vec<js_sys::Object>>, LocalStorage>,
    /// Counts the workers started; a worker's events count only while it is the current one (a
    /// stopped worker's late error event must not restart its successor).
    generation: StoredValue<u64>,
    /// The last import or demo asked for, with its file, so a crash can be retried.
    last_job: StoredValue<Option<(Request, Option<File>)>, LocalStorage>,
    /// Draws the worker's warm-up where nobody sees it (ui/warm_up.rs, which draws the screens and so
    /// comes after this file: the app passes it in).
    draw_warm_up: DrawWarmUp,
    state: AppState,
}

/// What the page does with a `Response::WarmUp`: its import and scores, drawn and thrown away.
pub type DrawWarmUp = fn(AppState, WorkerClient, Arc<ImportView>, Arc<ScoreView>);

impl WorkerClient {
    pub fn new(state: AppState, draw_warm_up: DrawWarmUp) -> WorkerClient {
        let client = WorkerClient {
            worker: StoredValue::new_local(None),
            fits: StoredValue::new_local(None),
            open_after: StoredValue::new(Some(Tab::Import)),
            restarts: StoredValue::new(0),
            list_seq: StoredValue::new(0),
            what_if_seq: StoredValue::new(0),
            scenarios_seq: StoredValue::new(0),
            pending: StoredValue::new_local(Some(Vec::new())),
            generation: StoredValue::new(0),
            last_job: StoredValue::new_local(None),
            draw_warm_up,
            state,
        };
        client.spawn();
        client
    }

    fn spawn(self) {
        self.pending.set_value(Some(Vec::new()));
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let current = move || self.generation.get_value() == generation;
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = match Worker::new_with_options(WORKER_URL, &opts) {
            Ok(w) => w,
            Err(e) => {
                self.state.crash.set(Crash::bug(format!("{e:?}")));
                return;
            }
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if !current() {
                return;
            }
            let t0 = probes::page_now();
            let data = ev.data();
            if let Some(text) = data.as_string() {
                // The worker could not read a request (protocol::UNREADABLE_REQUEST).
                self.mismatch(text);
                return;
            }
            let bytes = data.dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
            match protocol::decode::<Response>(&bytes) {
                Ok(resp) => {
                    let t1 = probes::page_now();
                    // The warm-up's messages are not the work's (the benchmarks read the largest).
                    let counted = !matches!(resp, Response::WarmUp { .. });
                    self.receive(resp);
                    if counted {
                        probes::note_message(bytes.len(), t1 - t0, probes::page_now() - t1);
                    }
                }
                Err(e) => self.mismatch(format!("a message from the worker could not be read ({} bytes): {e}", bytes.len())),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if !current() {
                return;
            }
            let message = ev
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the worker stopped".to_string());
            self.crashed(CrashKind::Bug, message);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        // The compiled module itself, not its URL: structured cloning shares the compiled code, so
        // the worker neither downloads nor compiles the wasm again (worker_loader.js). With it, the
        // worker's end of the channel to the fits worker.
        let channel = web_sys::MessageChannel::new().ok();
        let fits = channel.as_ref().and_then(|c| self.spawn_fits(c.port2(), current));
        let first = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&first, &"module".into(), &wasm_bindgen::module());
        let transfer = js_sys::Array::new();
        if let (Some(c), Some(_)) = (&channel, &fits) {
            let _ = js_sys::Reflect::set(&first, &"port".into(), &c.port1());
            transfer.push(&c.port1());
        }
        if let Err(e) = worker.post_message_with_transfer(&first, &transfer) {
            self.state.crash.set(Crash::bug(format!("{e:?}")));
            return;
        }
        self.worker.set_value(Some(worker));
        self.fits.set_value(fits);
    }

    /// Starts the fits worker on `port`. Without it (it could not start) the worker ends every
    /// comparison as failed and the views go on.
    fn spawn_fits(self, port: web_sys::MessagePort, current: impl Fn() -> bool + 'static) -> Option<Worker> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let fits = Worker::new_with_options(FITS_WORKER_URL, &opts).ok()?;
        // An error in the fits worker ends the comparison it ran; the data and views stay.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            if current() {
                self.tell(&Request::ChecksFailed);
            }
        });
        fits.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        let first = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&first, &"module".into(), &wasm_bindgen::module());
        let _ = js_sys::Reflect::set(&first, &"role".into(), &"fits".into());
        let _ = js_sys::Reflect::set(&first, &"port".into(), &port);
        fits.post_message_with_transfer(&first, &js_sys::Array::of1(&port)).ok()?;
        Some(fits)
    }

    /// Stops waiting for the Pareto/NBD comparison and the model checks (the fit report's Cancel).
    pub fn cancel_checks(self) {
        self.tell(&Request::CancelChecks);
    }

    /// The worker died, panicked or ran out of memory: what it held is gone, so the views of that
    /// data go too; tell the user in plain words, start a fresh worker, offer to retry.
    fn crashed(self, kind: CrashKind, detail: String) {
        self.terminate_and_close_views();
        let s = self.state;
        let restarts = self.restarts.get_value() + 1;
        self.restarts.set_value(restarts);
        if restarts > MAX_RESTARTS {
            s.crash.set(Some(Crash { kind: CrashKind::GaveUp, detail }));
            return;
        }
        s.crash.set(Some(Crash { kind, detail }));
        self.spawn();
    }

    /// The page and the worker do not read each other's messages: different builds (see
    /// `CrashKind::Mismatch`). The worker is stopped and the views of its data closed; restarting it
    /// would load the same other build, so the notice asks for a reload instead.
    fn mismatch(self, detail: String) {
        self.terminate_and_close_views();
        self.state.crash.set(Some(Crash { kind: CrashKind::Mismatch, detail }));
    }

    /// Whether there is a job to retry after a crash.
    pub fn can_retry(self) -> bool {
        self.last_job.with_value(Option::is_some)
    }

    /// Runs the last import or demo again (after a crash).
    pub fn retry(self) {
        let Some((request, file)) = self.last_job.get_value() else { return };
        let s = self.state;
        s.crash.set(None);
        let name = match &request {
            Request::Import { file_name, .. } => file_name.clone(),
            _ => "demo".into(),
        };
        s.busy.set(Some(Busy { file_name: name, progress: None }));
        self.post(&request, file.as_ref());
    }

    fn receive(self, resp: Response) {
        let s = self.state;
        if !matches!(resp, Response::Crashed { .. }) {
            self.restarts.set_value(0);
        }
        match resp {
            Response::Ready { build } if build != protocol::BUILD => {
                self.mismatch(format!("the worker is of build {build}, this page of build {}", protocol::BUILD));
            }
            Response::Ready { .. } => {
                let queued = self.pending.try_update_value(|p| p.take()).flatten().unwrap_or_default();
                for msg in queued {
                    self.send(&msg);
                }
            }
            Response::Progress(p) => s.busy.update(|b| {
                if let Some(b) = b {
                    b.progress = Some(p);
                }
            }),
            Response::Imported(view) => self.imported(view),
            Response::Scored(scores) => {
                probes::scored(&scores);
                if s.view.with_untracked(|v| v.as_ref().is_some_and(|v| v.report.file_name == scores.file_name)) {
                    s.scores.set(Some(Arc::new(*scores)));
                    self.rerun_scenarios();
                }
            }
            Response::Checks(c) => {
                probes::checks(&c);
                s.scores.update(|v| {
                    if let Some(view) = v.as_mut().filter(|v| v.file_name == c.file_name && v.comparison_pending) {
                        *view = Arc::new(view.with_checks(&c));
                    }
                });
            }
            Response::Failed(f) => self.failed(f),
            Response::Csv { file_name, text } => download::download(&file_name, &text),
            Response::List(page) => {
                // Only the newest request's answer counts (scrolling sends many).
                if page.seq == self.list_seq.get_value() {
                    s.list.set(Some(Arc::new(*page)));
                }
            }
            Response::Card(card) => s.card.set(Some(Arc::new(*card))),
            Response::WhatIf { outcome, seq } => {
                if seq == self.what_if_seq.get_value() {
                    s.what_if.set(outcome.map(|o| Arc::new(*o)));
                }
            }
            Response::Scenarios { outcomes, seq } => self.scenarios(outcomes, seq),
            Response::Crashed { message } => self.crashed(CrashKind::Bug, message),
            Response::OutOfMemory { wanted_bytes, memory_bytes } => {
                let mb = |b: u64| format!("{:.0} MB", b as f64 / 1e6);
                self.crashed(CrashKind::OutOfMemory, format!("{} more were needed with {} in use", mb(wanted_bytes), mb(memory_bytes)));
            }
            Response::Model(answer) => self.model(answer),
            Response::WarmUp { import, scores } => (self.draw_warm_up)(s, self, Arc::new(*import), Arc::new(*scores)),
        }
    }

    /// A new import: the state of the one before goes; the saved scenarios wait for the new scores.
    fn imported(self, view: Box<ImportView>) {
        let s = self.state;
        probes::imported(&view);
        s.busy.set(None);
        s.failure.set(None);
        s.crash.set(None);
        s.options.set(view.options.clone());
        s.settings.set(view.settings.clone());
        s.scores.set(None);
        s.list.set(None);
        s.card.set(None);
        // Scenarios were computed on the data and settings before this import: the saved ones
        // keep their levers and are run again when the scores come.
        s.what_if.set(None);
        s.scenarios.update(|v| v.iter_mut().for_each(|x| x.result = ScenarioResult::Pending));
        s.view.set(Some(Arc::new(*view)));
        if let Some(tab) = self.open_after.get_value() {
            s.tab.set(tab);
        }
        // The worker holds the fits until the import is drawn (worker/pending_fits.rs) and
        // laid out.
        crate::ui::frames::after_next_frame(move || self.send_shown());

    }

    /// An import that could not be read: the mapping screen shows what was detected, to fix it.
    fn failed(self, f: FailureView) {
        let s = self.state;
        s.busy.set(None);
        s.crash.set(None);
        if let Some(d) = &f.detected {
            let mut o = d.as_options();
            if d.date_order_ambiguous {
                o.date_format = None;
            }
            s.options.set(o);
        }
        s.view.set(None);
        s.scores.set(None);
        s.failure.set(Some(f));
        s.tab.set(Tab::Import);

    }

    /// The saved scenarios run again on the newest scores (an older request's answer is dropped).
    fn scenarios(self, outcomes: Option<Vec<crate::engine::views::what_if::Outcome>>, seq: u64) {
        let s = self.state;
        if seq == self.scenarios_seq.get_value() {
            let mut outcomes = outcomes.map(|v| v.into_iter());
            s.scenarios.update(|saved| {
                for x in saved.iter_mut().filter(|x| matches!(x.result, ScenarioResult::Pending)) {
                    x.result = match outcomes.as_mut() {
                        Some(o) => o.next().map_or(ScenarioResult::Pending, |o| ScenarioResult::Ready(Arc::new(o))),
                        None => ScenarioResult::Unavailable,
                    };
                }
            });
        }

    }

    /// The model in use (or none, or refused): the model's settings are the ones it scores with, and the file on screen is scored again with it (or fitted again without it).
    fn model(self, answer: ModelAnswer) {
        let s = self.state;
        // The model's settings are the ones it scores with; the file on screen is scored
        // again with it (or fitted again without it).
        let rescore = !matches!(answer, ModelAnswer::Refused { .. }) && s.view.with_untracked(Option::is_some);
        if let ModelAnswer::InUse(info) = &answer {
            s.settings.set(info.settings.clone());
        }
        s.model.set(Some(answer));
        if rescore {
            self.reimport();
        }

    }

    fn post(self, request: &Request, file: Option<&File>) {
        self.state.cancelled.set(false);
        self.state.forgotten.set(false);
        if self.worker.with_value(|w| w.is_none()) {
            // Gave up after repeated crashes: one more try on the user's explicit action.
            self.restarts.set_value(MAX_RESTARTS - 1);
            self.spawn();
        }
        let msg = js_sys::Object::new();
        let bytes = js_sys::Uint8Array::from(protocol::encode(request).as_slice());
        let _ = js_sys::Reflect::set(&msg, &"request".into(), &bytes);
        if let Some(f) = file {
            let _ = js_sys::Reflect::set(&msg, &"file".into(), f);
        }
        let queued = self.pending.try_update_value(|p| match p {
            Some(q) => {
                q.push(msg.clone());
                true
            }
            None => false,
        });
        if queued != Some(true) {
            self.send(&msg);
        }
    }

    /// Tells the worker the import is on screen. Not through [`Self::post`]: that starts a request
    /// (it clears the cancelled state and may start a new worker), and a worker that
    /// is gone has nothing to start.
    fn send_shown(self) {
        if self.tell(&Request::Shown) {
            probes::shown();
        }
    }

    /// Sends `request` to the running worker, if there is one: a word about the work under way, not
    /// new work. Whether it was sent.
    fn tell(self, request: &Request) -> bool {
        let msg = js_sys::Object::new();
        let bytes = js_sys::Uint8Array::from(protocol::encode(request).as_slice());
        let _ = js_sys::Reflect::set(&msg, &"request".into(), &bytes);
        self.worker.get_value().is_some_and(|w| w.post_message(&msg).is_ok())
    }

    fn send(self, msg: &js_sys::Object) {
        let Some(worker) = self.worker.get_value() else {
            self.state.busy.set(None);
            return;
        };
        if let Err(e) = worker.post_message(msg) {
            self.crashed(CrashKind::Bug, format!("{e:?}"));
        }
    }

    /// Stops the import or the fits under way: the worker is terminated (it cannot be interrupted
    /// mid-computation) and a fresh one started. What the old worker held is gone with it, so the
    /// page forgets the file too and says so; the next drop starts afresh.
    pub fn cancel(self) {
        self.reset();
        self.state.cancelled.set(true);
    }

    /// "Forget everything": the loaded data goes with the worker, the settings return to their
    /// defaults, and what the page kept in the browser (remembered settings, the offline copy of the
    /// app, its service worker) is removed. The fresh worker starts only afterwards, so its files are
    /// not cached again on the way.
    pub fn forget(self) {
        self.stop();
        self.state.settings.set(Default::default());
        self.state.settings_kept.set(false);
        let state = self.state;
        wasm_bindgen_futures::spawn_local(async move {
            let result = crate::ui::offline::forget_everything().await;
            self.spawn();
            match result {
                Ok(()) => state.forgotten.set(true),
                Err(e) => state.crash.set(Crash::bug(format!("{e:?}"))),
            }
        });
    }

    /// Terminates the worker, clears every view of the data, and starts a fresh worker.
    fn reset(self) {
        self.stop();
        self.spawn();
    }

    /// Terminates the worker and closes the views of the data it held.
    fn terminate_and_close_views(self) {
        for w in [self.worker.get_value(), self.fits.get_value()].into_iter().flatten() {
            w.terminate();
        }
        self.worker.set_value(None);
        self.fits.set_value(None);
        let s = self.state;
        s.busy.set(None);
        s.view.set(None);
        s.scores.set(None);
        s.list.set(None);
        s.card.set(None);
        s.what_if.set(None);
        s.tab.set(Tab::Import);
    }

    /// Terminates the worker and clears everything of the data it held.
    fn stop(self) {
        self.terminate_and_close_views();
        let s = self.state;
        s.scenarios.set(Vec::new());
        s.failure.set(None);
        s.crash.set(None);
        s.cancelled.set(false);
        s.forgotten.set(false);
        self.restarts.set_value(0);
    }

    /// Imports a dropped or picked file with everything detected afresh.
    pub fn import_file(self, file: File) {
        self.import_file_opening(file, Tab::Import);
    }

    /// Imports `file` and opens `tab` when it is in (the import screen shows the mapping and report;
    /// a file loaded by `?src=` opens the view the link names).
    pub fn import_file_opening(self, file: File, tab: Tab) {
        let name = file.name();
        // A `.json` is a model from `kezhi fit`: used for the files after it, not imported.
        if name.to_lowercase().ends_with(".json") {
            self.use_model_file(file);
            return;
        }
        let size = file.size() as u64;
        let s = self.state;
        // Refused before a byte is read when the tab could not hold it (docs/performance.md).
        let device_gb = js_sys::Reflect::get(&window().navigator(), &"deviceMemory".into()).ok().and_then(|v| v.as_f64());
        if let Err(e) = memory_budget::check(size, memory_budget::budget(device_gb)) {
            s.view.set(None);
            s.scores.set(None);
            s.failure.set(Some(FailureView::new(&name, &e, None)));
            s.tab.set(Tab::Import);
            return;
        }
        s.crash.set(None);
        s.busy.set(Some(Busy { file_name: name.clone(), progress: None }));
        s.options.set(Default::default());
        self.open_after.set_value(Some(tab));
        let mut settings = s.settings.get_untracked();
        settings.analysis_date = None;
        let request = Request::Import { file_name: name, options: Default::default(), settings };
        self.post(&request, Some(&file));
        probes::import_posted();
        self.last_job.set_value(Some((request, Some(file))));
    }

    /// Reads a dropped model file and hands it to the worker, which scores the next imports with it.
    pub fn use_model_file(self, file: File) {
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
            self.post(&Request::Model { file_name: name, json: Some(text) }, None);
        });
    }

    /// Scores the next imports by fitting again.
    pub fn stop_using_model(self) {
        self.post(&Request::Model { file_name: String::new(), json: None }, None);
    }

    /// Re-imports the file the worker holds, with the options and settings on screen.
    pub fn reimport(self) {
        let s = self.state;
        let name = s.detected.get_untracked().map(|d| d.file_name).unwrap_or_default();
        s.crash.set(None);
        s.busy.set(Some(Busy { file_name: name.clone(), progress: None }));
        self.open_after.set_value(None);
        let request = Request::Import { file_name: name, options: s.options.get_untracked(), settings: s.settings.get_untracked() };
        self.post(&request, None);
        // A retry re-reads the file (a fresh worker holds none), with these options.
        let file = self.last_job.with_value(|j| j.as_ref().and_then(|(_, f)| f.clone()));
        self.last_job.set_value(Some((request, file)));
    }

    pub fn demo(self) {
        self.demo_opening(Tab::Overview);
    }

    /// Loads the demo data and opens `tab` when it is in.
    pub fn demo_opening(self, tab: Tab) {
        let s = self.state;
        s.crash.set(None);
        s.busy.set(Some(Busy { file_name: "demo".into(), progress: None }));
        self.open_after.set_value(Some(tab));
        let mut settings = s.settings.get_untracked();
        settings.analysis_date = None;
        let request = Request::Demo { settings };
        self.post(&request, None);
        self.last_job.set_value(Some((request, None)));
    }

    /// Asks for the list's rows `offset..offset + limit` of the selection on screen.
    pub fn list(self, offset: usize, limit: usize) {
        let seq = self.list_seq.get_value() + 1;
        self.list_seq.set_value(seq);
        let s = self.state;
        let anonymise = s.anonymise.get_untracked();
        self.post(&Request::List { selection: s.selection.get_untracked(), offset, limit, lang: s.lang.get_untracked(), seq, anonymise }, None);
    }

    pub fn card(self, index: usize) {
        let s = self.state;
        self.post(&Request::Card { index, lang: s.lang.get_untracked(), anonymise: s.anonymise.get_untracked() }, None);
    }

    /// Asks for customer equity under `levers` (the newest request's answer is kept).
    /// Asks for the saved scenarios that wait for new scores (in the order saved) to be run on them.
    fn rerun_scenarios(self) {
        let levers: Vec<_> =
            self.state.scenarios.with_untracked(|v| v.iter().filter(|x| matches!(x.result, ScenarioResult::Pending)).map(|x| x.levers).collect());
        if levers.is_empty() {
            return;
        }
        let seq = self.scenarios_seq.get_value() + 1;
        self.scenarios_seq.set_value(seq);
        self.post(&Request::Scenarios { levers, seq }, None);
    }

    pub fn what_if(self, levers: crate::engine::views::what_if::Levers) {
        let seq = self.what_if_seq.get_value() + 1;
        self.what_if_seq.set_value(seq);
        self.post(&Request::WhatIf { levers, seq }, None);
    }

    pub fn export_list(self) {
        let s = self.state;
        self.post(&Request::ExportList { selection: s.selection.get_untracked(), lang: s.lang.get_untracked(), anonymise: s.anonymise.get_untracked() }, None);
    }

    pub fn download_rejects(self) {
        self.post(&Request::RejectsCsv { lang: self.state.lang.get_untracked(), anonymise: self.state.anonymise.get_untracked() }, None);
    }
}

pub fn use_worker() -> WorkerClient {
    expect_context::<WorkerClient>()
}
