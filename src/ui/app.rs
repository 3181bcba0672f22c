//! The page: header with the language switch, the landing strip, progress, and the two tabs.

use leptos::prelude::*;

use super::clv_screen::ClvScreen;
use super::customers_screen::CustomersScreen;
use super::deep_link;
use super::rfm_screen::RfmScreen;
use super::scenario_screen::ScenarioScreen;
use super::report_screen::ReportScreen;
use super::settings_screen::SettingsScreen;
use super::import_screen::ImportScreen;
use super::landing::Landing;
use super::lifecycle_screen::LifecycleScreen;
use super::overview_screen::OverviewScreen;
use super::portfolio_screen::PortfolioScreen;
use super::state::{AppState, CrashKind, Tab};
use super::worker_client::{use_worker, WorkerClient};
use crate::engine::import::Stage;
use crate::engine::lang::Lang;

fn browser_lang() -> Lang {
    window().navigator().language().map(|l| Lang::from_tag(&l)).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(browser_lang(), super::settings_store::load());
    provide_context(state);
    let worker = WorkerClient::new(state);
    provide_context(worker);
    deep_link::start(state, worker);
    super::offline::register();
    // The outside world: the window's width, for the charts to redraw on resize.
    let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        state.viewport_width.set(window().inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0));
    });
    let _ = window().add_event_listener_with_callback("resize", wasm_bindgen::JsCast::unchecked_ref(on_resize.as_ref()));
    on_resize.forget();
    // The outside world: the keyboard moves the slides while presenting.
    let on_key = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        super::presentation::on_key(state, &ev.key());
    });
    let _ = window().add_event_listener_with_callback("keydown", wasm_bindgen::JsCast::unchecked_ref(on_key.as_ref()));
    on_key.forget();

    // The outside world: the document's language and title follow the switch.
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.pick("en", "zh-CN"));
        }
        document().set_title(super::i18n::tr(lang, "app.kezhi_customer_value"));
    });

    view! {
        <header class="top">
            <div class="brand">
                <span class="logo">"客值"</span>
                <span class="name">"Kezhi"</span>
                <span class="tagline">{move || state.tr("app.tagline")}</span>
            </div>
            <Show when=move || state.view.with(|v| v.is_some())>
                <button class="secondary print-button" data-testid="print-report" aria-label=move || state.tr("app.print")
                    on:click=move |_| {
                        // The report view holds every section; print once its charts are drawn.
                        state.tab.set(Tab::Report);
                        let print = wasm_bindgen::closure::Closure::once_into_js(|| { let _ = window().print(); });
                        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(wasm_bindgen::JsCast::unchecked_ref(&print), 900);
                    }>{move || state.tr("app.print")}</button>
            </Show>
            <Show when=move || state.scores.with(|v| v.is_some())>
                <button class="secondary present-button" data-testid="present" on:click=move |_| super::presentation::start(state)>
                    {move || state.tr("slide.present")}
                </button>
            </Show>
            <Show when=move || state.view.with(|v| v.is_some())>
                <button class="secondary anon-switch" data-testid="anonymise" class:on=move || state.anonymise.get()
                    aria-pressed=move || state.anonymise.get().to_string() title=move || state.tr("anon.hint")
                    on:click=move |_| toggle_anonymise(state)>
                    {move || state.tr(if state.anonymise.get() { "anon.on" } else { "anon.off" })}
                </button>
            </Show>
            <button class="lang-switch" data-testid="lang-switch"
                on:click=move |_| state.lang.update(|l| *l = match l { Lang::En => Lang::Zh, Lang::Zh => Lang::En })>
                {move || state.tr("app.switch_lang")}
            </button>
        </header>
        <Screens />
        <Show when=move || state.presenting.with(|p| p.is_some())>
            <super::presentation::Presentation />
        </Show>
        <footer class="privacy-foot">
            <span>{move || state.tr("privacy.line")}</span>
            <button class="link-button" data-testid="forget-everything" title=move || state.tr("privacy.forget_hint")
                on:click=move |_| worker.forget()>{move || state.tr("privacy.forget")}</button>
        </footer>
    }
}

/// Everything between the header and the footer: the landing strip, progress, notices, the tabs and
/// the open view. Apart from `App` so the page's warm-up (warm_up.rs) can draw it on its own state.
#[component]
pub fn Screens() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_data = move || state.view.with(|v| v.is_some()) || state.failure.with(|f| f.is_some());
    view! {
        <main>
            <Landing compact=Signal::derive(has_data) />
            <ProgressBar />
            <CrashNotice />
            <CancelledNotice />
            <ForgottenNotice />
            <Show when=has_data>
                <nav class="tabs">
                    <TabButton tab=Tab::Import key="tab.import" />
                    <Show when=move || state.view.with(|v| v.is_some())>
                        <TabButton tab=Tab::Overview key="tab.overview" />
                        <TabButton tab=Tab::Rfm key="tab.rfm" />
                        <TabButton tab=Tab::Clv key="tab.clv" />
                        <TabButton tab=Tab::Portfolio key="tab.portfolio" />
                        <TabButton tab=Tab::Lifecycle key="tab.lifecycle" />
                        <TabButton tab=Tab::Customers key="tab.customers" />
                        <TabButton tab=Tab::Scenarios key="tab.scenarios" />
                        <TabButton tab=Tab::Settings key="tab.settings" />
                        <TabButton tab=Tab::Report key="tab.report" />
                    </Show>
                </nav>
                {move || match state.tab.get() {
                    Tab::Import => view! { <ImportScreen /> }.into_any(),
                    Tab::Overview => view! { <OverviewScreen /> }.into_any(),
                    Tab::Clv => view! { <ClvScreen /> }.into_any(),
                    Tab::Portfolio => view! { <PortfolioScreen /> }.into_any(),
                    Tab::Lifecycle => view! { <LifecycleScreen /> }.into_any(),
                    Tab::Rfm => view! { <RfmScreen /> }.into_any(),
                    Tab::Customers => view! { <CustomersScreen /> }.into_any(),
                    Tab::Settings => view! { <SettingsScreen /> }.into_any(),
                    Tab::Scenarios => view! { <ScenarioScreen /> }.into_any(),
                    Tab::Report => view! { <ReportScreen /> }.into_any(),
                }}
            </Show>
        </main>
    }
}

#[component]
fn TabButton(tab: Tab, key: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <button class="tab" class:active=move || state.tab.get() == tab data-testid=format!("tab-{key}")
            on:click=move |_| state.tab.set(tab)>
            {move || state.tr(key)}
        </button>
    }
}

#[component]
fn ProgressBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    // After the import, while the worker fits the models: no fraction to show, so the bar runs
    // (CSS animation) and the fit can be cancelled from here, whichever view is open.
    let fitting = move || {
        state.busy.with(Option::is_none) && state.view.with(Option::is_some) && state.scores.with(Option::is_none) && state.failure.with(Option::is_none)
    };
    let fitting_bar = move || {
        fitting().then(|| {
            view! {
                <div class="progress" data-testid="fitting" role="progressbar">
                    <div class="progress-label">{state.tr("fit.working")}</div>
                    <div class="progress-track"><div class="progress-fill running"></div></div>
                    <button class="button cancel" data-testid="cancel-fit" on:click=move |_| use_worker().cancel()>{state.tr("busy.cancel")}</button>
                </div>
            }
        })
    };
    let import_bar = move || {
        state.busy.get().map(|b| {
            let (label, pct, rows) = match b.progress {
                None => ("busy.starting", 0.0, None),
                Some(p) => {
                    let key = match p.stage {
                        Stage::Reading => "busy.reading",
                        Stage::Parsing => "busy.parsing",
                        Stage::Building => "busy.building",
                    };
                    let pct = if p.total > 0 { 100.0 * p.done as f64 / p.total as f64 } else { 0.0 };
                    (key, pct, Some(p.rows))
                }
            };
            view! {
                <div class="progress" data-testid="progress" role="progressbar" aria-valuenow=format!("{pct:.0}")>
                    <div class="progress-label">
                        {state.file_label(&b.file_name)} " — " {state.tr(label)}
                        {rows.filter(|r| *r > 0).map(|r| format!(" · {} {}", super::format::int(r), state.tr("busy.rows")))}
                    </div>
                    <div class="progress-track"><div class="progress-fill" style=format!("width:{pct:.1}%")></div></div>
                    <button class="button cancel" data-testid="cancel" on:click=move |_| use_worker().cancel()>{state.tr("busy.cancel")}</button>
                </div>
            }
        })
    };
    // After the scores, while the fits worker runs the comparison and the checks: the views answer
    // meanwhile; this says what still runs and lets the user stop waiting for it.
    let checking = Memo::new(move |_| state.scores.with(|s| s.as_ref().is_some_and(|s| s.comparison_pending)));
    let checks_bar = move || {
        checking.get().then(|| {
            view! {
                <div class="progress slim" data-testid="checking" role="progressbar" aria-label=state.tr("fit.checks_working")>
                    <div class="progress-label">{state.tr("fit.checks_working")}</div>
                    <div class="progress-track"><div class="progress-fill running"></div></div>
                    <button class="button cancel" data-testid="cancel-checks" on:click=move |_| use_worker().cancel_checks()>{state.tr("busy.cancel")}</button>
                </div>
            }
        })
    };
    view! { {import_bar} {fitting_bar} {checks_bar} }
}

#[component]
fn CancelledNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || state.cancelled.get().then(|| view! { <div class="notice" data-testid="cancelled">{state.tr("busy.cancelled")}</div> })
}

#[component]
fn ForgottenNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || state.forgotten.get().then(|| view! { <div class="notice" data-testid="forgotten">{state.tr("privacy.forgotten")}</div> })
}

#[component]
fn CrashNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    move || {
        state.crash.get().map(|c| {
            let (title, hint) = match c.kind {
                CrashKind::Bug => ("crash.title", "crash.hint"),
                CrashKind::OutOfMemory => ("crash.oom_title", "crash.oom_hint"),
                CrashKind::GaveUp => ("crash.title", "crash.gave_up"),
                CrashKind::Mismatch => ("crash.mismatch_title", "crash.mismatch_hint"),
            };
            let retry = (!matches!(c.kind, CrashKind::GaveUp | CrashKind::Mismatch) && worker.can_retry()).then(|| {
                view! { <button class="button" data-testid="retry" on:click=move |_| worker.retry()>{state.tr("crash.retry")}</button> }
            });
            let reload = (c.kind == CrashKind::Mismatch).then(|| {
                view! { <button class="button" data-testid="reload" on:click=move |_| { let _ = window().location().reload(); }>{state.tr("crash.reload")}</button> }
            });
            view! {
                <div class="notice error" data-testid="crash" data-kind=format!("{:?}", c.kind)>
                    <strong>{state.tr(title)}</strong>
                    <p>{state.tr(hint)}</p>
                    {retry}
                    {reload}
                    <details><summary>{state.tr("crash.details")}</summary><code>{c.detail}</code></details>
                </div>
            }
        })
    }
}

/// The anonymise switch. Turning it on also clears the list's search, which may hold a customer's
/// name typed before (the search box would show it, and the address carry it).
fn toggle_anonymise(state: AppState) {
    let on = !state.anonymise.get_untracked();
    if on && !state.selection.with_untracked(|s| s.search.is_empty()) {
        state.selection.update(|s| s.search.clear());
    }
    state.anonymise.set(on);
}
