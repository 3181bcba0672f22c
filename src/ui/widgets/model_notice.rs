//! The model in use, said above every view: which `model.json` scores the file, how many customers
//! it was fitted on, and which figures are the whole population's and which rank this file's
//! customers; with a button to stop using it. Or why a dropped `.json` was refused. Anonymised, the
//! model's file name shows as its kind only (a file is often named for the client).

use leptos::prelude::*;

use crate::engine::views::anonymise;
use crate::ui::format::int;
use crate::ui::state::AppState;
use crate::ui::worker_client::use_worker;
use crate::protocol::ModelAnswer;

#[component]
pub fn ModelNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let shown_name = move |name: &str| {
        if state.anonymise.get() { anonymise::file_name(name, state.lang.get()) } else { name.to_string() }
    };
    move || match state.model.get()? {
        ModelAnswer::InUse(m) => {
            let text = state
                .tr("model.in_use")
                .replace("{file}", &shown_name(&m.file_name))
                .replace("{n}", &int(m.fitted_on as u64))
                .replace("{all}", &int(m.customers_in_file as u64));
            Some(
                view! {
                    <div class="notice" data-testid="model-in-use" role="status">
                        <p>{text}</p>
                        <button class="button" data-testid="model-stop" on:click=move |_| worker.stop_using_model()>{state.tr("model.stop")}</button>
                    </div>
                }
                .into_any(),
            )
        }
        ModelAnswer::Refused { file_name, error } => {
            let text = state.tr("model.refused").replace("{file}", &shown_name(&file_name)).replace("{detail}", &error.text(state.lang.get()));
            Some(view! { <div class="notice error" data-testid="model-refused" role="alert"><p>{text}</p></div> }.into_any())
        }
        ModelAnswer::Cleared => None,
    }
}
