//! The five lifecycle stages as class cells: customers, shares and treatment; a click opens a stage's
//! customers. On the lifecycle view and in the slide deck.

use crate::engine::frameworks::lifecycle::{self};
use crate::engine::views::customer_list::{Dimension, Filter};
use crate::engine::views::strategy_texts::strategy;
use crate::ui::format::{int, percent};
use crate::ui::state::AppState;
use leptos::prelude::*;

use crate::ui::i18n::tr;

/// The five stages: customers, shares and treatment; a stage opens its customers.
#[component]
pub fn LifecycleStages() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let l = s.frameworks.lifecycle.clone()?;
        let lang = state.lang.get();
        let stages = l
            .table
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let shares = tr(lang, "portfolio.share_line").replace("{customers}", &percent(r.customer_share)).replace("{margin}", &percent(r.margin_share));
                let filter = Filter { dim: Dimension::Lifecycle, class: k };
                view! {
                    <div class="class-cell clickable" data-testid=format!("stage-{}", r.key) role="button" tabindex="0"
                        on:click=move |_| state.drill(filter) on:keydown=move |ev| if ev.key() == "Enter" { state.drill(filter) }>
                        <div class="class-name">{lifecycle::label(k, lang)}<span class="muted">{format!(" · {}", lifecycle::alternative_label(k))}</span></div>
                        <div class="class-count" data-testid="class-count">{int(r.customers)}</div>
                        <div class="class-shares">{shares}</div>
                        <p class="class-strategy">{strategy("lifecycle", &r.key, lang).unwrap_or_default()}</p>
                    </div>
                }
            })
            .collect_view();
        Some(view! { <div class="class-grid cols-3" data-testid="stages">{stages}</div> })
    }
}
