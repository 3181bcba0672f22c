//! The page's state: signals only, shared through context.

use std::sync::Arc;

use leptos::prelude::*;


use crate::engine::import::{Detected, ImportOptions, Progress};
use crate::engine::lang::Lang;
use crate::engine::settings::Settings;
use crate::engine::settings_form::SettingsFileError;
use crate::engine::views::customer_list::{Card, Filter, Selection};
use crate::protocol::{ListPage, ModelAnswer};
use crate::engine::views::import_view::{FailureView, ImportView};
use crate::engine::views::score_view::ScoreView;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tab {
    Import,
    Overview,
    Rfm,
    Clv,
    Portfolio,
    Lifecycle,
    Customers,
    Settings,
    /// What-if scenarios on customer equity.
    Scenarios,
    /// Every view one after another, for printing ("Save as PDF").
    Report,
}

impl Tab {
    pub const ALL: [Tab; 10] = [Tab::Import, Tab::Overview, Tab::Rfm, Tab::Clv, Tab::Portfolio, Tab::Lifecycle, Tab::Customers, Tab::Scenarios, Tab::Settings, Tab::Report];

    /// The name in the URL (`#view=…`).
    pub fn key(self) -> &'static str {
        match self {
            Tab::Import => "import",
            Tab::Overview => "overview",
            Tab::Rfm => "rfm",
            Tab::Clv => "clv",
            Tab::Portfolio => "portfolio",
            Tab::Lifecycle => "lifecycle",
            Tab::Customers => "customers",
            Tab::Settings => "settings",
            Tab::Scenarios => "scenarios",
            Tab::Report => "report",
        }
    }

    pub fn from_key(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == s)
    }
}

/// Work under way in the worker.
#[derive(Clone, PartialEq, Debug)]
pub struct Busy {
    pub file_name: String,
    pub progress: Option<Progress>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub busy: RwSignal<Option<Busy>>,
    pub view: RwSignal<Option<Arc<ImportView>>>,
    /// The model fits of `view`, once the worker has them (`None` while it works).
    pub scores: RwSignal<Option<Arc<ScoreView>>>,
    pub failure: RwSignal<Option<FailureView>>,
    /// The worker stopped on a bug; the page restarted it.
    pub crash: RwSignal<Option<Crash>>,
    /// The user cancelled the work under way (cleared by the next import).
    pub cancelled: RwSignal<bool>,
    /// The user had the page forget everything it kept (cleared by the next import).
    pub forgotten: RwSignal<bool>,
    /// Options being edited on the mapping screen.
    pub options: RwSignal<ImportOptions>,
    pub settings: RwSignal<Settings>,
    pub tab: RwSignal<Tab>,
    /// What the importer detected, from the last import or the last failure.
    pub detected: Memo<Option<Detected>>,
    /// The customer list's filters, search and order (the URL remembers them).
    pub selection: RwSignal<Selection>,
    /// The window of the list the worker last sent.
    pub list: RwSignal<Option<Arc<ListPage>>>,
    /// The open customer card.
    pub card: RwSignal<Option<Arc<Card>>>,
    /// The what-if levers on the Scenarios view, the worker's answer for them, and the scenarios the
    /// user saved for the side-by-side table and the report (kept across imports and settings, and
    /// run again on each new scoring).
    pub levers: RwSignal<crate::engine::views::what_if::Levers>,
    pub what_if: RwSignal<Option<Arc<crate::engine::views::what_if::Outcome>>>,
    pub scenarios: RwSignal<Vec<SavedScenario>>,
    /// Customer ids shown as pseudonyms and names hidden, on screen and in exports (for demos).
    pub anonymise: RwSignal<bool>,
    /// The slide shown in presentation mode; `None` = not presenting.
    pub presenting: RwSignal<Option<usize>>,
    /// The window's inner width, so charts redraw on resize.
    pub viewport_width: RwSignal<f64>,
    /// Whether the settings are kept in this browser (the Settings view's check box).
    pub settings_kept: RwSignal<bool>,
    /// The model imports are scored with (a dropped `model.json`), or why a dropped one was refused.
    pub model: RwSignal<Option<ModelAnswer>>,
    /// Why the address's `?settings=` was not applied (the settings in force stay).
    pub settings_link: RwSignal<Option<SettingsLink>>,
}

impl AppState {
    /// `kept`: the settings the user chose to keep in this browser (`settings_store::load`, read by
    /// `App`).
    pub fn new(lang: Lang, kept: Option<Settings>) -> AppState {
        let settings_kept = RwSignal::new(kept.is_some());
        let view: RwSignal<Option<Arc<ImportView>>> = RwSignal::new(None);
        let failure: RwSignal<Option<FailureView>> = RwSignal::new(None);
        let detected = Memo::new(move |_| {
            failure
                .with(|f| f.as_ref().and_then(|f| f.detected.as_deref().cloned()))
                .or_else(|| view.with(|v| v.as_ref().map(|v| v.detected.clone())))
        });
        AppState {
            lang: RwSignal::new(lang),
            busy: RwSignal::new(None),
            view,
            scores: RwSignal::new(None),
            failure,
            crash: RwSignal::new(None),
            cancelled: RwSignal::new(false),
            forgotten: RwSignal::new(false),
            options: RwSignal::new(ImportOptions::default()),
            // The user's kept settings, when they opted in (Settings view).
            settings: RwSignal::new(kept.unwrap_or_default()),
            settings_kept,
            tab: RwSignal::new(Tab::Import),
            detected,
            selection: RwSignal::new(Selection { descending: true, ..Selection::default() }),
            list: RwSignal::new(None),
            card: RwSignal::new(None),
            levers: RwSignal::new(Default::default()),
            what_if: RwSignal::new(None),
            scenarios: RwSignal::new(Vec::new()),
            anonymise: RwSignal::new(false),
            presenting: RwSignal::new(None),
            viewport_width: RwSignal::new(0.0),
            model: RwSignal::new(None),
            settings_link: RwSignal::new(None),
        }
    }

    /// Drill-down: the customers of one class, in the customer list.
    pub fn drill(&self, filter: Filter) {
        self.selection.update(|s| {
            s.filters = vec![filter];
            s.search.clear();
        });
        self.card.set(None);
        self.tab.set(Tab::Customers);
    }

    pub fn tr(&self, key: &'static str) -> &'static str {
        crate::ui::i18n::tr(self.lang.get(), key)
    }

    /// The margin's rate of revenue when the file has no cost or profit column and the settings' rate
    /// stands in: every place that shows the margin says it is assumed.
    pub fn assumed_margin(&self) -> Option<f64> {
        self.view.with(|v| v.as_ref().and_then(|v| v.report.margin_source.assumed_rate()))
    }

    /// "assumed: 30% of revenue (no cost column)" when the margin is assumed.
    pub fn margin_note(&self) -> Option<String> {
        let rate = self.assumed_margin()?;
        Some(format!("{} {}{}", self.tr("margin.assumed"), crate::ui::format::percent(rate), self.tr("margin.assumed_tail")))
    }

    /// The dropped file's name as shown: its kind only while anonymised (`anonymise::file_name`).
    pub fn file_label(&self, name: &str) -> String {
        if self.anonymise.get() { crate::engine::views::anonymise::file_name(name, self.lang.get()) } else { name.to_string() }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

/// What stopped the worker, for the notice: the kind picks the plain-words title and advice, the
/// detail is the technical text for a bug report.
#[derive(Debug, Clone, PartialEq)]
pub struct Crash {
    pub kind: CrashKind,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashKind {
    /// A bug: a Rust panic, a trap, a message the page could not read.
    Bug,
    /// The worker's memory ran out.
    OutOfMemory,
    /// The worker failed to start several times in a row.
    GaveUp,
    /// The page and the worker could not read each other's messages: they come from different builds
    /// (the page was open while a new version was put on the server, and a restarted worker loaded
    /// it). Only a reload brings them together again.
    Mismatch,
}

impl Crash {
    pub fn bug(detail: impl Into<String>) -> Option<Crash> {
        Some(Crash { kind: CrashKind::Bug, detail: detail.into() })
    }
}

/// An address's `?settings=` that was not applied: the link as written, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsLink {
    pub link: String,
    pub why: SettingsLinkProblem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SettingsLinkProblem {
    /// The file is on another server (its address): never fetched.
    OtherServer { url: String },
    /// The file could not be fetched or read (the browser's words).
    Unreadable { detail: String },
    /// Read, but not settings, or with values out of range.
    Refused(SettingsFileError),
}

/// A scenario the user saved: its name, its levers, and what they give on the scores shown.
#[derive(Clone, Debug)]
pub struct SavedScenario {
    pub name: String,
    pub levers: crate::engine::views::what_if::Levers,
    pub result: ScenarioResult,
}

#[derive(Clone, Debug)]
pub enum ScenarioResult {
    /// To be run again on the scores under way (after an import or a change of settings).
    Pending,
    /// The scores have no CLVs to run it on.
    Unavailable,
    Ready(Arc<crate::engine::views::what_if::Outcome>),
}
