//! The Scenarios view: sliders for the levers of `engine::views::what_if`, the worker's answer as a
//! waterfall from the baseline equity to the scenario's, the new/veteran mix before and after, and
//! scenarios saved by name, compared side by side (also in the printed report).


use leptos::prelude::*;

use crate::ui::format::{int, money, percent};
use crate::ui::state::{AppState, SavedScenario, ScenarioResult};
use crate::ui::worker_client::use_worker;
use crate::engine::views::what_if::{Levers, RetentionSource};
use crate::ui::widgets::scenario_panels::{sentences, signed, ScenarioTable, Waterfall};

/// One slider: the lever's value shown as a percentage (or points), kept as a fraction.
#[component]
fn Slider(
    key: &'static str,
    testid: &'static str,
    min: f64,
    max: f64,
    get: fn(&Levers) -> f64,
    set: fn(&mut Levers, f64),
    #[prop(optional)] points: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let value = move || state.levers.with(get) * 100.0;
    let shown = move || {
        let v = value();
        if points {
            format!("{v:+.1} {}", state.tr("scenario.points"))
        } else {
            format!("{v:+.0}%")
        }
    };
    view! {
        <label class="lever">
            <span class="lever-name">{move || state.tr(key)}</span>
            <input type="range" data-testid=testid min=min * 100.0 max=max * 100.0 step="1" prop:value=move || format!("{:.0}", value())
                on:input=move |ev| {
                    let v: f64 = event_target_value(&ev).parse().unwrap_or(0.0);
                    state.levers.update(|l| set(l, v / 100.0));
                } />
            <span class="lever-value" data-testid=format!("{testid}-value")>{shown}</span>
        </label>
    }
}

/// The worker's answer for the levers: the scenario's equity and change, in sentences and as a
/// waterfall, where the retention comes from, and the new/veteran mix before and after.
#[component]
fn ScenarioOutcome() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match (state.what_if.get(), state.scores.with(Option::is_some)) {
        (Some(o), _) => {
            let mix = [0usize, 1].map(|k| {
                let (b, a) = (&o.tenure_before[k], &o.tenure_after[k]);
                let name = state.tr(if k == 0 { "equity.new" } else { "equity.veteran" });
                view! { <tr><th>{name}</th><td class="num">{int(b.customers)}</td><td class="num">{int(a.customers)}</td><td class="num">{money(b.equity)}</td><td class="num">{money(a.equity)}</td></tr> }
            });
            let said = sentences(&o, state.lang.get()).into_iter().map(|s| view! { <li>{s}</li> }).collect_view();
            let source_key = match o.retention_source {
                RetentionSource::Measured => "scenario.retention_measured",
                _ => "scenario.retention_fitted",
            };
            let source = state.tr(source_key).replace("{rate}", &percent(o.retention));
            view! {
                <div class="scenario-result" data-testid="scenario-result">
                    <div class="scenario-head">
                        <span data-testid="scenario-equity">{money(o.scenario)}</span>
                        <span class="muted" data-testid="scenario-change">{format!(" {} ({})", signed(o.change), percent(o.change_share))}</span>
                    </div>
                    <ul class="scenario-sentences" data-testid="scenario-sentences">{said}</ul>
                    <Waterfall outcome=o.clone() />
                    <p class="muted small">{source}</p>
                    <h4>{state.tr("scenario.mix")}</h4>
                    <table class="mix" data-testid="scenario-mix">
                        <thead><tr><th></th><th>{state.tr("scenario.customers_before")}</th><th>{state.tr("scenario.customers_after")}</th><th>{state.tr("scenario.equity_before")}</th><th>{state.tr("scenario.equity_after")}</th></tr></thead>
                        <tbody>{mix}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        (None, true) => view! { <p class="muted">{state.tr("fit.working")}</p> }.into_any(),
        (None, false) => view! { <p class="muted">{state.tr("equity.none")}</p> }.into_any(),
    }
}

#[component]
pub fn ScenarioScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    // The outside world: the worker computes each new set of levers (and again on new scores).
    Effect::new(move |_| {
        let levers = state.levers.get();
        if state.scores.with(Option::is_some) {
            worker.what_if(levers);
        }
    });
    let (name, set_name) = signal(String::new());
    let save = move |_| {
        let Some(o) = state.what_if.get_untracked() else { return };
        let n = state.scenarios.with_untracked(Vec::len) + 1;
        let label = Some(name.get_untracked().trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("{} {n}", state.tr("scenario.default_name")));
        state.scenarios.update(|v| v.push(SavedScenario { name: label, levers: o.levers, result: ScenarioResult::Ready(o) }));
        set_name.set(String::new());
    };
    view! {
        <section class="panel scenarios" data-testid="scenarios">
            <h2>{move || state.tr("scenario.title")}</h2>
            <p class="muted">{move || state.tr("scenario.intro")}</p>
            <div class="levers">
                <Slider key="scenario.retention" testid="lever-retention" min=-0.2 max=0.2 points=true get=|l| l.retention set=|l, v| l.retention = v />
                <Slider key="scenario.frequency" testid="lever-frequency" min=-0.5 max=0.5 get=|l| l.frequency set=|l, v| l.frequency = v />
                <Slider key="scenario.spend" testid="lever-spend" min=-0.5 max=0.5 get=|l| l.spend set=|l, v| l.spend = v />
                <Slider key="scenario.margin" testid="lever-margin" min=-0.2 max=0.2 points=true get=|l| l.margin set=|l, v| l.margin = v />
                <Slider key="scenario.convert" testid="lever-convert" min=0.0 max=1.0 get=|l| l.convert_potential set=|l, v| l.convert_potential = v />
                <label class="lever">
                    <span class="lever-name">{move || state.tr("scenario.discount")}</span>
                    <input type="number" data-testid="lever-discount" min="0" max="100" step="0.5"
                        placeholder=move || format!("{:.1}", state.settings.with(|s| s.discount_annual) * 100.0)
                        prop:value=move || state.levers.with(|l| l.discount_annual.map(|d| format!("{:.1}", d * 100.0)).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0);
                            state.levers.update(|l| l.discount_annual = v.map(|v| v / 100.0));
                        } />
                    <span class="lever-value">"%"</span>
                </label>
                <button class="secondary" data-testid="lever-reset" on:click=move |_| state.levers.set(Levers::default())>{move || state.tr("scenario.reset")}</button>
            </div>
            <ScenarioOutcome />
            <div class="scenario-save">
                <input type="text" data-testid="scenario-name" placeholder=move || state.tr("scenario.name_hint") prop:value=name
                    on:input=move |ev| set_name.set(event_target_value(&ev)) />
                <button class="button" data-testid="scenario-save" on:click=save>{move || state.tr("scenario.save")}</button>
            </div>
            <ScenarioTable />
        </section>
    }
}
