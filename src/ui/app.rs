//! The page: header with the language switch, the landing strip, progress, and the two tabs.

use leptos::prelude::*;

use crate::ui::deep_link;
use crate::ui::state::{AppState, Tab};
use crate::ui::tabs::Screens;
use crate::ui::worker_client::WorkerClient;
use crate::engine::lang::Lang;

fn browser_lang() -> Lang {
    window().navigator().language().map(|l| Lang::from_tag(&l)).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(browser_lang(), crate::ui::settings_store::load());
    provide_context(state);
    let worker = WorkerClient::new(state, crate::ui::warm_up::receive);
    provide_context(worker);
    deep_link::start(state, worker);
    crate::ui::offline::register();
    // The outside world: the window's width, for the charts to redraw on resize.
    let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        state.viewport_width.set(window().inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0));
    });
    let _ = window().add_event_listener_with_callback("resize", wasm_bindgen::JsCast::unchecked_ref(on_resize.as_ref()));
    on_resize.forget();
    // The outside world: the keyboard moves the slides while presenting.
    let on_key = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        crate::ui::documents::presentation::on_key(state, &ev.key());
    });
    let _ = window().add_event_listener_with_callback("keydown", wasm_bindgen::JsCast::unchecked_ref(on_key.as_ref()));
    on_key.forget();

    // The outside world: the document's language and title follow the switch.
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.pick("en", "zh-CN"));
        }
        document().set_title(crate::ui::i18n::tr(lang, "app.kezhi_customer_value"));
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
                <button class="secondary present-button" data-testid="present" on:click=move |_| crate::ui::documents::presentation::start(state)>
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
            <crate::ui::documents::presentation::Presentation />
        </Show>
        <footer class="privacy-foot">
            <span>{move || state.tr("privacy.line")}</span>
            <button class="link-button" data-testid="forget-everything" title=move || state.tr("privacy.forget_hint")
                on:click=move |_| worker.forget()>{move || state.tr("privacy.forget")}</button>
        </footer>
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
