//! The drop zone, file picker, demo button, sample link and privacy line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement};

use crate::ui::state::AppState;
use crate::ui::worker_client::use_worker;

#[component]
pub fn Landing(compact: Signal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let (hover, set_hover) = signal(false);
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        set_hover.set(false);
        if let Some(file) = ev.data_transfer().and_then(|dt| dt.files()).and_then(|f| f.get(0)) {
            worker.import_file(file);
        }
    };
    let on_pick = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            worker.import_file(file);
        }
        input.set_value("");
    };
    view! {
        <section class="landing" class:compact=move || compact.get() class:hover=move || hover.get()
            data-testid="drop-zone"
            on:dragover=move |ev: DragEvent| { ev.prevent_default(); set_hover.set(true); }
            on:dragleave=move |_| set_hover.set(false)
            on:drop=on_drop>
            <h1 class="drop-title">{move || state.tr(if compact.get() { "landing.another" } else { "landing.drop" })}</h1>
            <Show when=move || !compact.get()>
                <p class="formats">{move || state.tr("landing.formats")}</p>
                <p class="formats" data-testid="model-hint">{move || state.tr("landing.model_hint")}</p>
            </Show>
            <div class="actions">
                <label class="button primary">
                    {move || state.tr("landing.pick")}
                    <input type="file" data-testid="file-input" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,.json" on:change=on_pick />
                </label>
                <button class="button" data-testid="demo-button" on:click=move |_| worker.demo()>
                    {move || state.tr("landing.demo")}
                </button>
                <a class="sample" href="public/sample_transactions.csv" download="sample_transactions.csv">
                    {move || state.tr("landing.sample")}
                </a>
            </div>
            <p class="privacy" data-testid="privacy-line">{move || state.tr("privacy.line")}</p>
        </section>
    }
}
