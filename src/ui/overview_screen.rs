//! The first overview: KPI cards and the monthly revenue chart (plotters on a canvas).

use leptos::prelude::*;

use super::format::{int, money, percent};
use super::portfolio_screen::PyramidPair;
use crate::engine::views::customer_list::{Dimension, Filter};
use super::equity_panel::EquityPanel;
use super::model_fit_panel::ModelFitPanel;
use super::state::AppState;
use super::plot_canvas::{PlotCanvas, SvgExport};
use crate::charts::plot::Plot;

#[component]
pub fn OverviewScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The monthly chart's data, in the page's language.
    let monthly = Signal::derive(move || {
        let lang = state.lang.get();
        state.view.get().map(|v| Plot::Monthly {
            points: v.overview.monthly.clone(),
            bars: super::i18n::tr(lang, "overview.revenue_axis").into(),
            line: super::i18n::tr(lang, "overview.active_axis").into(),
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

/// The Pareto (Lorenz) curve of margin with the top-share figure, as SVG: customers ranked by
/// margin, from the best, against their cumulative share of the margin.
#[component]
pub fn ParetoCurve() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let sc = state.scores.get()?;
        let p = sc.frameworks.pareto.clone()?;
        let lang = state.lang.get();
        // Plot box 0..100 × 0..100 in SVG units, y up.
        let pts: Vec<String> = p.points.iter().map(|(x, y)| format!("{:.2},{:.2}", 100.0 * x, 100.0 - 100.0 * y)).collect();
        let (tx, ty) = (100.0 * p.top_share, 100.0 - 100.0 * p.top_margin_share);
        let caption = match lang {
            crate::engine::lang::Lang::En => format!("Top {:.0}% of customers: {} of the margin · Gini {:.2}", 100.0 * p.top_share, percent(p.top_margin_share), p.gini),
            crate::engine::lang::Lang::Zh => format!("前 {:.0}% 的客户：贡献 {} 的毛利 · 基尼系数 {:.2}", 100.0 * p.top_share, percent(p.top_margin_share), p.gini),
        };
        let tip = caption.clone();
        Some(view! {
            <figure class="pareto" data-testid="pareto-curve">
                <figcaption>{state.tr("overview.pareto")}</figcaption>
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="-12 -4 118 118" role="img" aria-label=caption.clone() class="chart-svg" font-family="sans-serif">
                    <title>{tip}</title>
                    <rect x="0" y="0" width="100" height="100" fill="#f7f9fc" stroke="#dfe4ea" stroke-width="0.4" />
                    <line x1="0" y1="100" x2="100" y2="0" stroke="#b9c3cf" stroke-width="0.5" stroke-dasharray="2 2" />
                    <polyline points=pts.join(" ") fill="none" stroke="#0072b2" stroke-width="1.4" />
                    <line x1=format!("{tx:.2}") y1="100" x2=format!("{tx:.2}") y2=format!("{ty:.2}") stroke="#e69f00" stroke-width="0.6" stroke-dasharray="1.5 1.5" />
                    <line x1="0" y1=format!("{ty:.2}") x2=format!("{tx:.2}") y2=format!("{ty:.2}") stroke="#e69f00" stroke-width="0.6" stroke-dasharray="1.5 1.5" />
                    <circle cx=format!("{tx:.2}") cy=format!("{ty:.2}") r="1.6" fill="#e69f00" />
                    <text x="0" y="108" font-size="5" fill="#5f6b7a">"0%"</text>
                    <text x="92" y="108" font-size="5" fill="#5f6b7a">"100%"</text>
                    <text x="-11" y="3" font-size="5" fill="#5f6b7a">"100%"</text>
                    <text x="50" y="113" font-size="5" fill="#5f6b7a" text-anchor="middle">{state.tr("overview.share_customers")}</text>
                </svg>
                <p class="muted small" data-testid="pareto-caption">{caption}</p>
                <SvgExport target="pareto-curve" file="kezhi_pareto_curve" />
            </figure>
        })
    }
}
