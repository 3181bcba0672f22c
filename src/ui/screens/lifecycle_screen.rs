//! The lifecycle view: the stage distribution with each stage's treatment, the
//! lifecycle profit curve (mean margin per active customer by month of life, with the customers
//! behind each point), the cohort retention triangle and the stage flow from the earlier analysis
//! date. All numbers from the worker's framework summary.

use leptos::prelude::*;

use crate::ui::i18n::tr;

use crate::ui::format::{int, money, percent};
use crate::ui::widgets::plot_canvas::PlotCanvas;
use crate::ui::widgets::settings_line::SettingsLine;
use crate::ui::state::AppState;
use crate::charts::plot::Plot;
use crate::engine::frameworks::lifecycle::{self, STAGES};
use crate::engine::table::overview::MonthPoint;
use crate::ui::widgets::lifecycle_stages::LifecycleStages;

#[component]
pub fn LifecycleScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The profit curve: the monthly chart's bars-and-line layout, with month of life for calendar
    // month and mean margin per active customer for revenue.
    let curve = Signal::derive(move || {
        let lang = state.lang.get();
        let s = state.scores.get()?;
        let l = s.frameworks.lifecycle.as_ref()?;
        Some(Plot::Monthly {
            points: l.profit_curve.iter().map(|p| MonthPoint { month: p.month.to_string(), revenue: p.mean_margin, active_customers: p.active }).collect(),
            bars: crate::ui::i18n::tr(lang, "life.mean_margin").into(),
            line: crate::ui::i18n::tr(lang, "overview.active_axis").into(),
        })
    });
    move || {
        let Some(s) = state.scores.get() else {
            return view! { <section class="panel"><p class="muted">{state.tr("fit.working")}</p></section> }.into_any();
        };
        let Some(l) = s.frameworks.lifecycle.clone() else {
            return view! { <section class="panel" data-testid="lifecycle"><p class="muted">{state.tr("life.no_dates")}</p></section> }.into_any();
        };
        let lang = state.lang.get();
        let width = l.cohorts.iter().map(|c| c.retention.len()).max().unwrap_or(0);
        let cohort_head = (0..width).map(|k| view! { <th>{k}</th> }).collect_view();
        let cohort_rows = l
            .cohorts
            .iter()
            .map(|c| {
                let cells = c
                    .retention
                    .iter()
                    .map(|v| {
                        let light = 95.0 - 55.0 * v.min(1.0);
                        let ink = if *v > 0.6 { "#fff" } else { "#1a1a1a" };
                        view! { <td style=format!("background:hsl(160,60%,{light:.0}%);color:{ink}")>{format!("{:.0}%", v * 100.0)}</td> }
                    })
                    .collect_view();
                view! { <tr><th>{c.month.clone()}</th><th class="n">{int(c.customers)}</th>{cells}</tr> }
            })
            .collect_view();
        let labels: Vec<&str> = (0..STAGES.len()).map(|k| lifecycle::label(k, lang)).collect();
        let not_yet = state.tr("life.not_yet");
        let flow_head = labels.iter().map(|s| view! { <th>{s.to_string()}</th> }).collect_view();
        let flow_rows = l
            .flow
            .iter()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|&n| n > 0))
            .map(|(k, row)| {
                let name = labels.get(k).map_or(not_yet.to_string(), |s| s.to_string());
                view! { <tr><th>{name}</th>{row.iter().map(|&n| view! { <td>{int(n)}</td> }).collect_view()}</tr> }
            })
            .collect_view();
        let flow_from = l.flow_from.map(|d| d.to_string()).unwrap_or_default();
        let lost_rule = crate::engine::frameworks::lifecycle::lost_rule_text(l.lost_rule, l.second_gap_days, &state.settings.with(|s| s.lifecycle), state.lang.get());
        view! {
            <section class="panel lifecycle" data-testid="lifecycle">
                <h2>{state.tr("life.title")}</h2>
                <p class="muted lede" data-testid="view-lede">{state.tr("life.lede")}</p>
                <p class="muted">{lost_rule}</p>
                <LifecycleStages />
                <h3>{state.tr("life.curve")}</h3>
                <PlotCanvas testid="profit-curve" file="kezhi_lifecycle_profit_curve" plot=curve />
                <h3>{state.tr("life.cohorts")}</h3>
                <div class="heat-wrap"><table class="heat" data-testid="cohorts"><thead><tr><th></th><th class="n">{state.tr("overview.customers")}</th>{cohort_head}</tr></thead><tbody>{cohort_rows}</tbody></table></div>
                <h3>{state.tr("life.flow")}</h3>
                <p class="muted">{format!("{} {flow_from}", state.tr("life.flow_from"))}</p>
                <table class="flow" data-testid="stage-flow"><thead><tr><th></th>{flow_head}</tr></thead><tbody>{flow_rows}</tbody></table>
                <GroupModelsPanel />
                <SettingsLine keys=&["lifecycle", "lifecycle_flow_months", "group_period_months", "migration_lapsed_state", "discount_annual"] />
            </section>
        }
        .into_any()
    }
}

/// The retention and migration models over all customers (docs/methods.md §2e), as the engine fitted them.
#[component]
fn GroupModelsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let g = s.groups.clone();
        let retention = g.retention.map(|r| {
            let text = tr(lang, "lifecycle.retention_model")
                .replace("{rate}", &percent(r.retention_rate))
                .replace("{margin}", &money(r.margin_per_active_period))
                .replace("{clv}", &money(r.clv))
                .replace("{discount}", &percent(r.discount_per_period));
            view! { <p data-testid="retention-model">{text}</p> }
        });
        let migration = g.migration.map(|m| {
            let last = m.lapsed_state;
            let rows = (0..=last)
                .map(|j| {
                    let state_name = if j == last { format!("{j}+") } else { j.to_string() };
                    view! {
                        <tr>
                            <td>{state_name}</td>
                            <td class="num">{int(m.customers_now.get(j).copied().unwrap_or(0))}</td>
                            <td class="num">{format!("{:.3}", m.buy_probability.get(j).copied().unwrap_or(0.0))}</td>
                            <td class="num">{money(m.value.get(j).copied().unwrap_or(0.0))}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="data groups" data-testid="migration-model">
                    <thead><tr><th>{state.tr("life.periods_since")}</th><th class="num">{state.tr("life.customers_now")}</th><th class="num">{state.tr("life.buy_probability")}</th><th class="num">{state.tr("life.state_value")}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        });
        Some(view! {
            <h3>{state.tr("life.group_models")}</h3>
            {retention}
            {migration}
        })
    }
}

