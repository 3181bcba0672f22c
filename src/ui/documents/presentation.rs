//! Presentation mode, for a consultant in front of a client: full screen, large type, one chart or
//! table per slide in the order of the story — a title slide with the file's period and counts →
//! customer equity → the 80/20 → the value pyramid → RFM segments → the R×F heatmap →
//! gold/meteor/creek/burden → the veteran matrix → the lifecycle → the scenario → an appendix with the
//! settings. Titles state the finding (the insights engine's sentences where it has one). Each slide's
//! content is scaled to fit the window (never scrolled); "Print slides" gives one 16:9 page per slide.
//! Arrow keys, Page Up/Down and Space move; Escape leaves.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::widgets::equity_panel::EquityPanel;
use crate::ui::format::{int, money, percent};
use crate::ui::widgets::lifecycle_stages::LifecycleStages;
use crate::ui::widgets::pareto_curve::ParetoCurve;
use crate::ui::widgets::portfolio_panels::{GmcbPanel, PyramidPair, VeteranPanel};
use crate::ui::widgets::rfm_panels::{RfmHeatmap, SegmentBars};
use crate::ui::widgets::scenario_panels::{ScenarioTable, Waterfall};
use crate::ui::state::{AppState, ScenarioResult};
use crate::ui::worker_client::use_worker;
use crate::engine::lang::Lang;
use crate::engine::views::score_view::ScoreView;

/// The slides, in the story's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    Title,
    Equity,
    Pareto,
    Pyramid,
    Segments,
    Heatmap,
    Gmcb,
    Veteran,
    Lifecycle,
    Scenario,
    Appendix,
}

impl Slide {
    const ALL: [Slide; 11] = [
        Slide::Title,
        Slide::Equity,
        Slide::Pareto,
        Slide::Pyramid,
        Slide::Segments,
        Slide::Heatmap,
        Slide::Gmcb,
        Slide::Veteran,
        Slide::Lifecycle,
        Slide::Scenario,
        Slide::Appendix,
    ];

    /// Whether the scores have what the slide shows (a summary file has no lifecycle or veterans,
    /// an RFM table no equity or scenario).
    fn applies(self, s: &ScoreView) -> bool {
        match self {
            Slide::Equity | Slide::Scenario => s.equity.is_some(),
            Slide::Pareto => s.frameworks.pareto.is_some(),
            Slide::Veteran => s.frameworks.veteran.is_some(),
            Slide::Lifecycle => s.frameworks.lifecycle.is_some(),
            _ => true,
        }
    }

    /// The slide's title: the finding where the scores state one, else what it shows.
    fn title(self, s: &ScoreView, lang: Lang) -> String {
        let insight = |key: &str| s.insights.iter().find(|i| i.key == key).map(|i| lang.pick(i.en.as_str(), i.zh.as_str()).to_string());
        match self {
            Slide::Title => crate::ui::i18n::tr(lang, "slide.deck_title").into(),
            Slide::Equity => s.equity.as_ref().map_or_else(
                || crate::ui::i18n::tr(lang, "slide.equity").into(),
                |e| {
                    let vet = e.by_tenure.get(1).map_or(0.0, |v| v.share);
                    crate::ui::i18n::tr(lang, "slide.equity_title")
                        .replace("{total}", &money(e.total))
                        .replace("{months}", &e.horizon_months.to_string())
                        .replace("{veteran}", &percent(vet))
                },
            ),
            Slide::Pareto => insight("pareto").unwrap_or_else(|| crate::ui::i18n::tr(lang, "slide.pyramid").into()),
            Slide::Pyramid => insight("pyramid_surprise").unwrap_or_else(|| {
                let a = s.frameworks.pyramid.first();
                match a {
                    Some(a) => shares_title(lang, "slide.pyramid_title", a),
                    None => crate::ui::i18n::tr(lang, "slide.pyramid").into(),
                }
            }),
            Slide::Segments => insight("best_segment").unwrap_or_else(|| crate::ui::i18n::tr(lang, "slide.rfm").into()),
            Slide::Heatmap => crate::ui::i18n::tr(lang, "slide.heatmap").into(),
            Slide::Gmcb => {
                let gold = s.frameworks.gmcb.first();
                match gold {
                    Some(g) => shares_title(lang, "slide.gmcb_title", g),
                    None => crate::ui::i18n::tr(lang, "slide.portfolio").into(),
                }
            }
            Slide::Veteran => insight("veteran_surprise").unwrap_or_else(|| crate::ui::i18n::tr(lang, "slide.veteran").into()),
            Slide::Lifecycle => insight("decline").unwrap_or_else(|| crate::ui::i18n::tr(lang, "slide.lifecycle").into()),
            Slide::Scenario => crate::ui::i18n::tr(lang, "slide.scenarios").into(),
            Slide::Appendix => crate::ui::i18n::tr(lang, "slide.appendix").into(),
        }
    }

    fn content(self) -> AnyView {
        match self {
            Slide::Title => view! { <TitleSlide /> }.into_any(),
            Slide::Equity => view! { <EquityPanel /> }.into_any(),
            Slide::Pareto => view! { <div class="slide-chart"><ParetoCurve /></div> }.into_any(),
            Slide::Pyramid => view! { <PyramidPair /> }.into_any(),
            Slide::Segments => view! { <SegmentBars /> }.into_any(),
            Slide::Heatmap => view! { <RfmHeatmap /> }.into_any(),
            Slide::Gmcb => view! { <GmcbPanel /> }.into_any(),
            Slide::Veteran => view! { <VeteranPanel /> }.into_any(),
            Slide::Lifecycle => view! { <LifecycleStages /> }.into_any(),
            Slide::Scenario => view! { <ScenarioSlide /> }.into_any(),
            Slide::Appendix => view! { <AppendixSlide /> }.into_any(),
        }
    }
}

/// The slides the current scores have.
fn deck(state: AppState) -> Vec<Slide> {
    state.scores.with(|s| match s {
        Some(s) => Slide::ALL.into_iter().filter(|k| k.applies(s)).collect(),
        None => vec![Slide::Title],
    })
}

/// The file, its period and its counts.
#[component]
fn TitleSlide() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let v = state.view.get()?;
        let o = &v.overview;
        let period = match (o.date_min, o.date_max) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "—".into(),
        };
        let figure = |key: &'static str, value: String| {
            view! { <div class="title-figure"><div class="title-value">{value}</div><div class="title-label">{state.tr(key)}</div></div> }
        };
        Some(view! {
            <div class="title-slide" data-testid="slide-title-page">
                <p class="title-file">{state.file_label(&v.report.file_name)}</p>
                <p class="title-period" data-testid="slide-period">{period}</p>
                <div class="title-figures">
                    {figure("overview.customers", int(o.customers))}
                    {figure("overview.transactions", int(o.transactions))}
                    {figure("overview.revenue", money(o.revenue))}
                    {figure("overview.margin", money(o.margin))}
                </div>
                {state.margin_note().map(|n| view! { <p class="title-note">{format!("{} {n}", state.tr("overview.margin"))}</p> })}
                <p class="title-foot">{state.tr("slide.made_with")}</p>
            </div>
        })
    }
}

/// The settings behind every figure, and the models' verdict.
#[component]
fn AppendixSlide() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        let lines = state.settings.with(|s| crate::engine::settings_form::short_lines(s, lang));
        let verdict = state.scores.with(|s| s.as_ref().map(|s| s.report.verdict.text(lang)));
        Some(view! {
            <div class="appendix" data-testid="slide-appendix">
                <p class="appendix-verdict">{verdict}</p>
                <ul class="appendix-settings">{lines.into_iter().map(|(_, l)| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        })
    }
}

/// The scenario on the Scenarios view, or else the last saved one with a result, or else the
/// baseline (no lever moved), as a waterfall.
#[component]
fn ScenarioSlide() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The outside world: with nothing to show, ask the worker for the baseline once.
    Effect::new(move |_| {
        let none_saved = state.scenarios.with(|v| v.iter().all(|x| !matches!(x.result, ScenarioResult::Ready(_))));
        if state.what_if.with_untracked(Option::is_none) && none_saved && state.scores.with(Option::is_some) {
            use_worker().what_if(Default::default());
        }
    });
    move || {
        let last_saved = || {
            state.scenarios.with(|v| {
                v.iter().rev().find_map(|x| match &x.result {
                    ScenarioResult::Ready(o) => Some((Some(x.name.clone()), o.clone())),
                    _ => None,
                })
            })
        };
        let saved = state.scenarios.with(|v| !v.is_empty());
        match state.what_if.get().map(|o| (None, o)).or_else(last_saved) {
            Some((name, o)) => {
                let baseline = name.is_none() && o.levers == Default::default();
                let name = name.map(|n| view! { <h3 data-testid="slide-scenario-name">{n}</h3> });
                let note = baseline.then(|| view! { <p class="slide-note" data-testid="slide-baseline">{state.tr("slide.baseline_note")}</p> });
                view! { {name}{note}<Waterfall outcome=o />{saved.then(|| view! { <ScenarioTable /> })} }.into_any()
            }
            None => view! { <p class="muted">{state.tr("fit.working")}</p> }.into_any(),
        }
    }
}

/// A finding too long for one title line splits at its colon: the claim as the title, the why below
/// it ("D maintain holds 26.3% of past margin" / "customers who spent much in the past …").
fn split_title(title: &str) -> (String, Option<String>) {
    const LONG: usize = 60;
    if title.chars().count() <= LONG {
        return (title.to_string(), None);
    }
    match title.split_once(": ").or_else(|| title.split_once('：')) {
        Some((claim, why)) => (claim.to_string(), Some(why.trim_end_matches(['.', '。']).to_string())),
        None => (title.to_string(), None),
    }
}

/// Moves to slide `to` (clamped), or leaves with `None`.
pub fn go(state: AppState, to: Option<isize>) {
    let last = deck(state).len() as isize - 1;
    state.presenting.set(to.map(|k| k.clamp(0, last.max(0)) as usize));
}

/// The keyboard while presenting (installed once by the app).
pub fn on_key(state: AppState, key: &str) {
    let Some(k) = state.presenting.get_untracked() else { return };
    let k = k as isize;
    match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | " " => go(state, Some(k + 1)),
        "ArrowLeft" | "ArrowUp" | "PageUp" => go(state, Some(k - 1)),
        "Home" => go(state, Some(0)),
        "End" => go(state, Some(isize::MAX)),
        "Escape" => go(state, None),
        _ => {}
    }
}

/// Starts presenting, full screen when the browser allows it.
pub fn start(state: AppState) {
    if let Some(el) = document().document_element() {
        let _ = js_sys::Reflect::get(&el, &"requestFullscreen".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|f| f.call0(&el));
    }
    go(state, Some(0));
}

/// Scales each slide's content down to fit its box (never up): the content keeps its layout width,
/// and a `transform` shrinks it until its height and width fit. Run after layout (an animation
/// frame), again when the window is resized.
fn fit_slides(root: &web_sys::Element) {
    let Ok(contents) = root.query_selector_all(".slide-content") else { return };
    for k in 0..contents.length() {
        let Some(content) = contents.item(k).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        let Some(frame) = content.parent_element() else { continue };
        let _ = content.style().set_property("transform", "none");
        let (h, w) = (f64::from(content.scroll_height()), f64::from(content.scroll_width()));
        let (fh, fw) = (f64::from(frame.client_height()), f64::from(frame.client_width()));
        if h <= 0.0 || w <= 0.0 || fh <= 0.0 {
            continue;
        }
        let scale = (fh / h).min(fw / w).min(1.0);
        let _ = content.style().set_property("transform", &format!("scale({scale:.4})"));
        let _ = content.set_attribute("data-scale", &format!("{scale:.3}"));
    }
}

#[component]
pub fn Presentation() -> impl IntoView {
    let state = expect_context::<AppState>();
    let printing = RwSignal::new(false);
    let root = NodeRef::<html::Div>::new();
    let print = move |_| {
        printing.set(true);
        let done = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = window().print();
            printing.set(false);
        });
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(done.unchecked_ref(), 900);
    };
    let leave = move |_| {
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        go(state, None);
    };
    let refit = move || {
        let Some(el) = root.get_untracked() else { return };
        let el: web_sys::Element = el.into();
        // Twice: after this frame's layout, and once more when late content (a chart) has drawn.
        for delay in [0, 250] {
            let el = el.clone();
            let f = wasm_bindgen::closure::Closure::once_into_js(move || fit_slides(&el));
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), delay);
        }
    };
    // The outside world: the slides' sizes in the window. Refit whenever what is shown changes.
    Effect::new(move |_| {
        state.presenting.track();
        state.scores.track();
        state.what_if.track();
        state.lang.track();
        printing.track();
        refit();
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| refit());
    on_cleanup(move || resize.remove());
    let count = move || deck(state).len();
    let slides = move || {
        let all = deck(state);
        let current = state.presenting.get().unwrap_or(0).min(all.len().saturating_sub(1));
        let shown: Vec<(usize, Slide)> = if printing.get() { all.into_iter().enumerate().collect() } else { vec![(current, all[current])] };
        let lang = state.lang.get();
        shown
            .into_iter()
            .map(|(k, slide)| {
                let title = state.scores.with(|s| s.as_ref().map(|s| slide.title(s, lang))).unwrap_or_default();
                let (title, subtitle) = split_title(&title);
                view! {
                    <section class="slide" data-testid=format!("slide-{k}") data-slide=format!("{slide:?}")>
                        <h1 class="slide-title">{title}</h1>
                        {subtitle.map(|s| view! { <p class="slide-subtitle">{s}</p> })}
                        <div class="slide-frame"><div class="slide-content">{slide.content()}</div></div>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="presentation" class:printing=move || printing.get() data-testid="presentation" node_ref=root>
            <nav class="slide-nav no-print">
                <button class="secondary" data-testid="slide-prev" on:click=move |_| go(state, state.presenting.get_untracked().map(|k| k as isize - 1))>"←"</button>
                <span data-testid="slide-counter">{move || format!("{} / {}", state.presenting.get().unwrap_or(0) + 1, count())}</span>
                <button class="secondary" data-testid="slide-next" on:click=move |_| go(state, state.presenting.get_untracked().map(|k| k as isize + 1))>"→"</button>
                <span class="spacer"></span>
                <button class="secondary" data-testid="slides-print" on:click=print>{move || state.tr("slide.print")}</button>
                <button class="secondary" data-testid="slides-exit" on:click=leave>{move || state.tr("slide.exit")}</button>
            </nav>
            {slides}
        </div>
    }
}

/// A slide title that gives a class's share of the customers and of the margin (`key`'s text with
/// `{customers}` and `{margin}`).
fn shares_title(lang: Lang, key: &'static str, row: &crate::engine::frameworks::class_table::ClassRow) -> String {
    crate::ui::i18n::tr(lang, key).replace("{customers}", &percent(row.customer_share)).replace("{margin}", &percent(row.margin_share))
}
