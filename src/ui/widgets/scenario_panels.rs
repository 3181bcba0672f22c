//! A scenario's answer drawn: the waterfall from the baseline equity to the scenario's, its sentences,
//! and the table of saved scenarios side by side. On the Scenarios view, in the slide deck and the report.

use crate::engine::lang::Lang;
use crate::engine::views::what_if::{Lever, Levers, Outcome};
use crate::ui::format::{int, money, percent};
use crate::ui::state::{AppState, ScenarioResult};
use leptos::prelude::*;

use crate::ui::i18n::tr;
use std::sync::Arc;

pub fn lever_label(lever: Option<Lever>, lang: Lang, baseline: bool) -> String {
    match lever {
        Some(l) => l.label(lang).into(),
        None if baseline => crate::ui::i18n::tr(lang, "scenario.baseline_equity").into(),
        None => crate::ui::i18n::tr(lang, "scenario.scenario_equity").into(),
    }
}

pub fn signed(v: f64) -> String {
    // A lever left at zero adds nothing: "0", not "+0.00" beside "+47,030".
    if v == 0.0 {
        "0".to_string()
    } else if v > 0.0 {
        format!("+{}", money(v))
    } else {
        money(v)
    }
}

#[component]
pub fn Waterfall(outcome: Arc<Outcome>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get_untracked();
    let bars = outcome.bars();
    let last = bars.len() - 1;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let class = match (b.lever, b.value >= 0.0) {
                (None, _) => "wf-bar total",
                (Some(_), true) => "wf-bar up",
                (Some(_), false) => "wf-bar down",
            };
            let value = if b.lever.is_some() { signed(b.value) } else { money(b.value) };
            view! {
                <div class="wf-row" data-testid=format!("wf-{i}")>
                    <span class="wf-label">{lever_label(b.lever, lang, i == 0)}</span>
                    <span class="wf-track"><span class=class style=format!("left:{:.2}%;width:{:.2}%", b.left * 100.0, (b.width * 100.0).max(0.3))></span></span>
                    <span class="wf-value" class:total=i == 0 || i == last>{value}</span>
                </div>
            }
        })
        .collect_view();
    view! { <div class="waterfall" data-testid="waterfall">{rows}</div> }
}

/// "Raising retention 5 points adds ¥196,169 of customer equity" for each lever that moved.
pub fn sentences(o: &Outcome, lang: Lang) -> Vec<String> {
    let l = &o.levers;
    o.steps
        .iter()
        .filter(|s| s.delta.abs() >= 0.005)
        .map(|s| {
            let (key, v) = match s.lever {
                Lever::Retention => ("scenario.lever_retention", format!("{:.1}", l.retention * 100.0)),
                Lever::Frequency => ("scenario.lever_frequency", format!("{:+.0}", l.frequency * 100.0)),
                Lever::Spend => ("scenario.lever_spend", format!("{:+.0}", l.spend * 100.0)),
                Lever::Margin => ("scenario.lever_margin", format!("{:+.1}", l.margin * 100.0)),
                Lever::Discount => ("scenario.lever_discount", format!("{:.1}", l.discount_annual.unwrap_or(0.0) * 100.0)),
                Lever::Conversion => ("scenario.lever_conversion", format!("{:.0}", l.convert_potential * 100.0)),
            };
            let what = tr(lang, key).replace("{v}", &v).replace("{n}", &int(o.converted));
            let (key, amount) = if s.delta >= 0.0 { ("scenario.adds", s.delta) } else { ("scenario.takes", -s.delta) };
            tr(lang, key).replace("{what}", &what).replace("{amount}", &money(amount))
        })
        .collect()
}

/// The saved scenarios (and the one on screen) side by side.
#[component]
pub fn ScenarioTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let saved = state.scenarios.get();
        if saved.is_empty() {
            return None;
        }
        let lang = state.lang.get();
        let head = saved.iter().map(|x| view! { <th>{x.name.clone()}</th> }).collect_view();
        // A lever's row reads the levers; the others the outcome, "…" while it is run again on new
        // scores and "—" when they have no CLVs.
        let lever_row = |label: String, cell: &dyn Fn(&Levers) -> String| {
            let cells = saved.iter().map(|x| view! { <td class="num">{cell(&x.levers)}</td> }).collect_view();
            view! { <tr><th>{label}</th>{cells}</tr> }
        };
        let row = |label: String, testid: &'static str, cell: &dyn Fn(&Outcome) -> String| {
            let cells = saved
                .iter()
                .map(|x| {
                    let shown = match &x.result {
                        ScenarioResult::Ready(o) => cell(o),
                        ScenarioResult::Pending => "…".to_string(),
                        ScenarioResult::Unavailable => "—".to_string(),
                    };
                    view! { <td class="num">{shown}</td> }
                })
                .collect_view();
            view! { <tr data-testid=testid><th>{label}</th>{cells}</tr> }
        };
        let pct = |v: f64| format!("{:+.0}%", v * 100.0);
        let pts = |v: f64| format!("{:+.1}", v * 100.0);
        Some(view! {
            <section class="scenario-table" data-testid="scenario-table">
                <h3>{state.tr("scenario.compare")}</h3>
                <table>
                    <thead><tr><th></th>{head}</tr></thead>
                    <tbody>
                        {lever_row(lever_label(Some(Lever::Retention), lang, false), &|l| pts(l.retention))}
                        {lever_row(lever_label(Some(Lever::Frequency), lang, false), &|l| pct(l.frequency))}
                        {lever_row(lever_label(Some(Lever::Spend), lang, false), &|l| pct(l.spend))}
                        {lever_row(lever_label(Some(Lever::Margin), lang, false), &|l| pts(l.margin))}
                        {lever_row(lever_label(Some(Lever::Discount), lang, false), &|l| l.discount_annual.map_or("—".into(), |d| format!("{:.1}%", d * 100.0)))}
                        {lever_row(lever_label(Some(Lever::Conversion), lang, false), &|l| format!("{:.0}%", l.convert_potential * 100.0))}
                        {row(lever_label(None, lang, true), "saved-baseline", &|o| money(o.baseline))}
                        {row(lever_label(None, lang, false), "saved-scenario", &|o| money(o.scenario))}
                        {row(state.tr("scenario.change").into(), "saved-change", &|o| format!("{} ({})", signed(o.change), percent(o.change_share)))}
                        {row(state.tr("equity.new").into(), "saved-new", &|o| money(o.tenure_after[0].equity))}
                        {row(state.tr("equity.veteran").into(), "saved-veteran", &|o| money(o.tenure_after[1].equity))}
                    </tbody>
                </table>
            </section>
        })
    }
}
