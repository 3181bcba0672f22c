//! The CLV view: the fit report, then the model checks of docs/methods.md §2d drawn
//! from the worker's numbers — repeat-purchase histogram, calibration/holdout by calibration
//! frequency, cumulative repeat purchases over time — and the P(alive) matrix as a heat map.

use leptos::prelude::*;

use crate::ui::format::{int, money};
use crate::ui::widgets::model_fit_panel::ModelFitPanel;
use crate::ui::widgets::settings_line::SettingsLine;
use crate::ui::state::AppState;
use crate::ui::widgets::plot_canvas::PlotCanvas;
use crate::charts::actual_vs_model::Style;
use crate::charts::plot::Plot;
use crate::engine::models::model_checks::{ModelChecks, TOP_BIN};

/// What one canvas shows, from the checks: categories, actual, model.
type Series = (Vec<String>, Vec<f64>, Vec<f64>);

fn bin_label(k: u32) -> String {
    if k == TOP_BIN { format!("{k}+") } else { k.to_string() }
}

fn histogram(c: &ModelChecks) -> Series {
    (c.repeat_histogram.iter().map(|b| bin_label(b.repeats)).collect(), c.repeat_histogram.iter().map(|b| b.actual).collect(), c.repeat_histogram.iter().map(|b| b.expected).collect())
}

fn holdout(c: &ModelChecks) -> Option<Series> {
    let h = c.holdout.as_ref()?;
    Some((h.bins.iter().map(|b| bin_label(b.calibration_repeats)).collect(), h.bins.iter().map(|b| b.actual_mean).collect(), h.bins.iter().map(|b| b.predicted_mean).collect()))
}

fn tracking(c: &ModelChecks) -> Option<Series> {
    let t = c.cumulative.as_ref()?;
    Some((t.iter().map(|p| p.date.to_string()).collect(), t.iter().map(|p| p.actual_cumulative).collect(), t.iter().map(|p| p.expected_cumulative).collect()))
}

#[component]
fn CheckChart(testid: &'static str, title: &'static str, y: &'static str, style: Style, pick: fn(&ModelChecks) -> Option<Series>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plot = Signal::derive(move || {
        let lang = state.lang.get();
        let (categories, actual, model) = state.scores.with(|s| s.as_ref().and_then(|s| s.checks.as_ref()).and_then(pick))?;
        Some(Plot::ActualVsModel {
            categories,
            actual,
            model,
            style,
            actual_label: crate::ui::i18n::tr(lang, "clv.actual").into(),
            model_label: crate::ui::i18n::tr(lang, "clv.model").into(),
            y: crate::ui::i18n::tr(lang, y).into(),
        })
    });
    let shown = move || state.scores.with(|s| s.as_ref().and_then(|s| s.checks.as_ref()).and_then(pick).is_some());
    view! {
        <Show when=shown>
            <h3>{move || state.tr(title)}</h3>
            <PlotCanvas testid=testid file=testid plot=plot />
        </Show>
    }
}

#[component]
pub fn ClvScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let matrix = move || {
        let s = state.scores.get()?;
        let m = s.checks.as_ref()?.p_alive_matrix.clone();
        let header = m.recencies.iter().map(|r| view! { <th>{format!("{r:.0}")}</th> }).collect_view();
        let rows = m
            .frequencies
            .iter()
            .zip(&m.values)
            .rev()
            .map(|(x, row)| {
                let cells = row
                    .iter()
                    .map(|v| {
                        // Light for likely gone, dark blue for surely alive (one hue: colour-blind safe).
                        let light = 95.0 - 60.0 * v;
                        let ink = if *v > 0.55 { "#fff" } else { "#1a1a1a" };
                        view! { <td style=format!("background:hsl(205,70%,{light:.0}%);color:{ink}")>{format!("{:.2}", v)}</td> }
                    })
                    .collect_view();
                view! { <tr><th>{format!("{x:.0}")}</th>{cells}</tr> }
            })
            .collect_view();
        Some(view! {
            <h3>{state.tr("clv.p_alive")}</h3>
            <p class="muted">{format!("{} T = {:.1}", state.tr("clv.p_alive_axes"), m.t)}</p>
            <div class="heat-wrap"><table class="heat" data-testid="p-alive-matrix"><thead><tr><th></th>{header}</tr></thead><tbody>{rows}</tbody></table></div>
        })
    };
    view! {
        <section class="panel clv" data-testid="clv">
            <h2>{move || state.tr("clv.title")}</h2>
            <p class="muted lede" data-testid="view-lede">{move || state.tr("clv.lede")}</p>
            <ModelFitPanel />
            <ClvExtras />
            <SettingsLine keys=&["time_unit", "horizon_months", "discount_annual", "margin_rate", "holdout_share"] />
            <CheckChart testid="repeat-histogram" title="clv.histogram" y="clv.customers" style=Style::Bars pick=|c| Some(histogram(c)) />
            <CheckChart testid="holdout-chart" title="clv.holdout" y="clv.mean_purchases" style=Style::Lines pick=holdout />
            <CheckChart testid="tracking-chart" title="clv.tracking" y="clv.repeat_purchases" style=Style::Lines pick=tracking />
            {matrix}
        </section>
    }
}

/// The CLV distribution, each segment's historical, future and potential value stacked, and BG/NBD
/// against Pareto/NBD, from the worker's `ClvOverview`. Bars are HTML (a tooltip on each).
#[component]
fn ClvExtras() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let o = s.clv.clone();
        let most = o.histogram.iter().map(|b| b.customers).max().unwrap_or(1).max(1) as f64;
        let bars = o
            .histogram
            .iter()
            .map(|b| {
                let range = match b.to {
                    Some(t) => format!("{} – {}", money(b.from), money(t)),
                    None => format!("≥ {}", money(b.from)),
                };
                let tip = format!("CLV {range}: {} {}", int(b.customers), state.tr("overview.customers_word"));
                let h = 100.0 * b.customers as f64 / most;
                view! { <div class="vbar" title=tip.clone() aria-label=tip><span style=format!("height:{h:.1}%")></span></div> }
            })
            .collect_view();
        let (lo, hi) = (o.histogram.first().map(|b| money(b.from)).unwrap_or_default(), o.histogram.last().map(|b| b.to.map(money).unwrap_or_else(|| format!("≥ {}", money(b.from)))).unwrap_or_default());
        let widest = o.by_segment.iter().map(|g| g.historical.max(0.0) + g.future.max(0.0) + g.potential.max(0.0)).fold(0.0, f64::max).max(1e-9);
        let stacks = o
            .by_segment
            .iter()
            .map(|g| {
                let w = |v: f64| 100.0 * v.max(0.0) / widest;
                let tip = format!(
                    "{}: {} {} · {} {} · {} {}",
                    lang.pick(g.en.as_str(), g.zh.as_str()),
                    state.tr("clv.historical"),
                    money(g.historical),
                    state.tr("clv.future"),
                    money(g.future),
                    state.tr("clv.potential"),
                    money(g.potential)
                );
                view! {
                    <div class="stack-row" title=tip>
                        <span class="seg-name">{lang.pick(g.en.as_str(), g.zh.as_str()).to_string()}</span>
                        <span class="stack">
                            <span class="part historical" style=format!("width:{:.2}%", w(g.historical))></span>
                            <span class="part future" style=format!("width:{:.2}%", w(g.future))></span>
                            <span class="part potential" style=format!("width:{:.2}%", w(g.potential))></span>
                        </span>
                        <span class="seg-figures num">{money(g.historical + g.future)}</span>
                    </div>
                }
            })
            .collect_view();
        let comparison = o.comparison.map(|c| {
            let row = |name: &'static str, m: &crate::engine::views::clv_overview::ModelSide| {
                view! { <tr><td>{name}</td><td class="num">{format!("{:.2}", m.log_likelihood)}</td><td class="num">{format!("{:.3}", m.mean_p_alive)}</td><td class="num">{format!("{:.0}", m.expected_purchases)}</td></tr> }
            };
            view! {
                <h3>{state.tr("clv.compare")}</h3>
                <table class="data" data-testid="model-comparison">
                    <thead><tr><th></th><th class="num">{state.tr("clv.ll")}</th><th class="num">{state.tr("clv.mean_p_alive")}</th><th class="num">{state.tr("clv.expected_horizon")}</th></tr></thead>
                    <tbody>{row("BG/NBD", &c.bg_nbd)}{row("Pareto/NBD", &c.pareto_nbd)}</tbody>
                </table>
                <p class="muted small">{format!("{} {}", state.tr("clv.correlation"), c.correlation.map(|r| format!("{r:.3}")).unwrap_or_else(|| "—".into()))}</p>
            }
        });
        Some(view! {
            <div class="clv-extras">
                <figure data-testid="clv-histogram">
                    <figcaption>{state.tr("clv.clv_histogram")}</figcaption>
                    <div class="vbars">{bars}</div>
                    <div class="vbar-axis muted small"><span>{lo}</span><span>{hi}</span></div>
                </figure>
                <figure data-testid="value-by-segment">
                    <figcaption>{state.tr("clv.by_segment")}</figcaption>
                    <div class="legend"><span class="key historical"></span>{state.tr("clv.historical")}<span class="key future"></span>{state.tr("clv.future")}<span class="key potential"></span>{state.tr("clv.potential")}</div>
                    {stacks}
                </figure>
            </div>
            {comparison}
        })
    }
}
