//! The first overview: KPI cards and the monthly revenue chart (plotters on a canvas).

use leptos::prelude::*;

use crate::ui::format::{int, money, percent};
use crate::ui::widgets::portfolio_panels::PyramidPair;
use crate::engine::views::customer_list::{Dimension, Filter};
use crate::ui::widgets::equity_panel::EquityPanel;
use crate::ui::widgets::model_fit_panel::ModelFitPanel;
use crate::ui::state::AppState;
use crate::ui::widgets::plot_canvas::PlotCanvas;
use crate::charts::plot::Plot;
use crate::ui::widgets::pareto_curve::ParetoCurve;

#[component]
pub fn OverviewScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The monthly chart's data, in the page's language.
    let monthly = Signal::derive(move || {
        let lang = state.lang.get();
        state.view.get().map(|v| Plot::Monthly {
            points: v.overview.monthly.clone(),
            bars: crate::ui::i18n::tr(lang, "overview.revenue_axis").into(),
            line: crate::ui::i18n::tr(lang, "overview.active_axis").into(),
        })
    });

    move || {
        let v = state.view.get()?;
        let o = v.overview.clone();
        let range = match (o.date_min, o.date_max) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "—".into(),
        };
        let lang = state.lang.get();
        let settings: Vec<String> = crate::engine::settings_form::short_lines(&v.settings, lang).into_iter().map(|(_, line)| line).collect();
        Some(view! {
            <section class="panel overview" data-testid="overview">
                <h2>{state.tr("overview.title")}</h2>
                <div class="kpis">
                    <Kpi key="overview.customers" value=int(o.customers) testid="kpi-customers" />
                    <Kpi key="overview.transactions" value=int(o.transactions) testid="kpi-transactions" />
                    <Kpi key="overview.revenue" value=money(o.revenue) testid="kpi-revenue" />
                    <Kpi key="overview.margin" value=money(o.margin) testid="kpi-margin" note=state.margin_note() />
                    <Kpi key="overview.repeat" value=percent(o.repeat_share) testid="kpi-repeat" />
                    <Kpi key="overview.range" value=range testid="kpi-range" small=true />
                    {move || state.scores.get().map(|sc| view! {
                        <Kpi key="overview.clv_mean" value=sc.kpis.clv_mean.map(money).unwrap_or_else(|| "—".into()) testid="kpi-clv" />
                        <button class="kpi clickable" data-testid="kpi-at-risk"
                            on:click=move |_| state.drill(Filter { dim: Dimension::AtRisk, class: 0 })>
                            <div class="kpi-label">{move || state.tr("overview.at_risk")}</div>
                            <div class="kpi-value">{int(sc.kpis.at_risk)}</div>
                        </button>
                    })}
                </div>
                <EquityPanel />
                <Insights />
                <div class="overview-pair">
                    <ParetoCurve />
                    <PyramidPair />
                </div>
                <h3>{state.tr("overview.monthly")}</h3>
                {if o.from_summary {
                    view! { <p class="muted">{state.tr("overview.summary_note")}</p> }.into_any()
                } else {
                    view! { <PlotCanvas testid="monthly-chart" file="kezhi_monthly_revenue" height=300 plot=monthly /> }.into_any()
                }}
                <ModelFitPanel />
                <p class="covers muted">
                    {format!("{} {} {} · {} {} · {}: {}",
                        state.tr("overview.covers"), int(o.customers), state.tr("overview.customers_word"), int(v.report.rows_in_window), state.tr("busy.rows"),
                        state.tr("overview.settings"), settings[..settings.len().min(5)].join("; "))}
                </p>
                // Every other setting, one per line, behind a disclosure (the key five are above).
                <details class="all-settings muted" data-testid="all-settings">
                    <summary>{state.tr("overview.all_settings")}</summary>
                    <ul>{settings.iter().skip(5).map(|line| view! { <li>{line.clone()}</li> }).collect_view()}</ul>
                </details>
            </section>
        })
    }
}

#[component]
fn Kpi(
    key: &'static str,
    value: String,
    testid: &'static str,
    #[prop(optional)] small: bool,
    /// A line under the value (the margin: "assumed: 30% of revenue").
    #[prop(optional_no_strip)]
    note: Option<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="kpi">
            <div class="kpi-label">{move || state.tr(key)}</div>
            <div class="kpi-value" class:small=small data-testid=testid>{value}</div>
            {note.map(|n| view! { <div class="kpi-note" data-testid=format!("{testid}-note")>{n}</div> })}
        </div>
    }
}

/// The generated sentences, each opening the customers it speaks of.
#[component]
fn Insights() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let sc = state.scores.get()?;
        let lang = state.lang.get();
        let items = sc
            .insights
            .iter()
            .map(|i| {
                let text = lang.pick(i.en.as_str(), i.zh.as_str()).to_string();
                let filter = i.filter;
                view! {
                    <li data-testid=format!("insight-{}", i.key)>
                        {text}
                        {filter.map(|f| view! { " " <button class="link" on:click=move |_| state.drill(f)>{move || state.tr("overview.show_customers")}</button> })}
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul class="insights" data-testid="insights">{items}</ul> })
    }
}

