//! The model in use, said above every view: which `model.json` scores the file, how many customers
//! it was fitted on, and which figures are the whole population's and which rank this file's
//! customers; with a button to stop using it. Or why a dropped `.json` was refused.

use leptos::prelude::*;

use crate::ui::format::int;
use crate::ui::state::AppState;
use crate::ui::worker_client::use_worker;
use crate::worker_protocol::ModelAnswer;

#[component]
pub fn ModelNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    move || match state.model.get()? {
        ModelAnswer::InUse(m) => {
            let text = state
                .tr("model.in_use")
                .replace("{file}", &m.file_name)
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
        ModelAnswer::Refused { file_name, detail } => {
            let text = state.tr("model.refused").replace("{file}", &file_name).replace("{detail}", &detail);
            Some(view! { <div class="notice error" data-testid="model-refused" role="alert"><p>{text}</p></div> }.into_any())
        }
        ModelAnswer::Cleared => None,
    }
}
