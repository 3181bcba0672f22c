//! Presentation mode (issue 8), for a consultant in front of a client: full screen, large type, one
//! chart per slide in the order of the story — customer equity → the value pyramid and the 80/20 →
//! RFM → the portfolio matrices → the lifecycle → the scenarios — in the page's language, without
//! settings or editing controls. Arrow keys, Page Up/Down and Space move; Escape leaves. "Print slides"
//! prints the same slides one per page (the browser's "Save as PDF" makes the deck).

use leptos::prelude::*;

use super::equity_panel::EquityPanel;
use super::lifecycle_screen::LifecycleScreen;
use super::overview_screen::ParetoCurve;
use super::portfolio_screen::{PortfolioScreen, PyramidPair};
use super::rfm_screen::RfmScreen;
use super::scenario_screen::{ScenarioTable, Waterfall};
use super::state::{AppState, ScenarioResult};

/// Slide titles, in the story's order.
pub const SLIDES: [&str; 6] = ["slide.equity", "slide.pyramid", "slide.rfm", "slide.portfolio", "slide.lifecycle", "slide.scenarios"];

fn slide(k: usize) -> AnyView {
    match k {
        0 => view! { <EquityPanel /> }.into_any(),
        1 => view! { <div class="overview-pair"><ParetoCurve /><PyramidPair /></div> }.into_any(),
        2 => view! { <RfmScreen /> }.into_any(),
        3 => view! { <PortfolioScreen /> }.into_any(),
        4 => view! { <LifecycleScreen /> }.into_any(),
        _ => view! { <ScenarioSlide /> }.into_any(),
    }
}

/// The scenario on the Scenarios view, or else the last saved one with a result (saved scenarios
/// outlive an import, the one on the view does not), as a waterfall above the saved ones.
#[component]
fn ScenarioSlide() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let last_saved = || {
            state.scenarios.with(|v| {
                v.iter().rev().find_map(|x| match &x.result {
                    ScenarioResult::Ready(o) => Some((Some(x.name.clone()), o.clone())),
                    _ => None,
                })
            })
        };
        match state.what_if.get().map(|o| (None, o)).or_else(last_saved) {
            Some((name, o)) => {
                let name = name.map(|n| view! { <h3 data-testid="slide-scenario-name">{n}</h3> });
                view! { {name}<Waterfall outcome=o /><ScenarioTable /> }.into_any()
            }
            None if state.scenarios.with(|v| !v.is_empty()) => view! { <ScenarioTable /> }.into_any(),
            None => view! { <p>{state.tr("slide.no_scenario")}</p> }.into_any(),
        }
    }
}

/// Moves to slide `to` (clamped), or leaves with `None`.
pub fn go(state: AppState, to: Option<isize>) {
    state.presenting.set(to.map(|k| k.clamp(0, SLIDES.len() as isize - 1) as usize));
}

/// The keyboard while presenting (installed once by the app).
pub fn on_key(state: AppState, key: &str) {
    let Some(k) = state.presenting.get_untracked() else { return };
    let k = k as isize;
    match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | " " => go(state, Some(k + 1)),
        "ArrowLeft" | "ArrowUp" | "PageUp" => go(state, Some(k - 1)),
        "Home" => go(state, Some(0)),
        "End" => go(state, Some(SLIDES.len() as isize - 1)),
        "Escape" => go(state, None),
        _ => {}
    }
}

/// Starts presenting, full screen when the browser allows it.
pub fn start(state: AppState) {
    if let Some(el) = document().document_element() {
        let _ = js_sys::Reflect::get(&el, &"requestFullscreen".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
            .map(|f| f.call0(&el));
    }
    go(state, Some(0));
}

#[component]
pub fn Presentation() -> impl IntoView {
    let state = expect_context::<AppState>();
    let printing = RwSignal::new(false);
    let print = move |_| {
        printing.set(true);
        let done = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = window().print();
            printing.set(false);
        });
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(wasm_bindgen::JsCast::unchecked_ref(&done), 900);
    };
    let leave = move |_| {
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        go(state, None);
    };
    let slides = move || {
        let current = state.presenting.get().unwrap_or(0);
        let shown: Vec<usize> = if printing.get() { (0..SLIDES.len()).collect() } else { vec![current] };
        shown
            .into_iter()
            .map(|k| {
                view! {
                    <section class="slide" data-testid=format!("slide-{k}")>
                        <h1 class="slide-title">{state.tr(SLIDES[k])}</h1>
                        {slide(k)}
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="presentation" data-testid="presentation">
            <nav class="slide-nav no-print">
                <button class="secondary" data-testid="slide-prev" on:click=move |_| go(state, state.presenting.get_untracked().map(|k| k as isize - 1))>"←"</button>
                <span data-testid="slide-counter">{move || format!("{} / {}", state.presenting.get().unwrap_or(0) + 1, SLIDES.len())}</span>
                <button class="secondary" data-testid="slide-next" on:click=move |_| go(state, state.presenting.get_untracked().map(|k| k as isize + 1))>"→"</button>
                <span class="spacer"></span>
                <button class="secondary" data-testid="slides-print" on:click=print>{move || state.tr("slide.print")}</button>
                <button class="secondary" data-testid="slides-exit" on:click=leave>{move || state.tr("slide.exit")}</button>
            </nav>
            {slides}
        </div>
    }
}
