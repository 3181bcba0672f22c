//! The CLV view (issue 5, second part): the fit report, then the model checks of METHODS §2d drawn
//! from the worker's numbers — repeat-purchase histogram, calibration/holdout by calibration
//! frequency, cumulative repeat purchases over time — and the P(alive) matrix as a heat map.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::model_fit_panel::ModelFitPanel;
use super::state::AppState;
use crate::charts::actual_vs_model::{self, Labels, Style};
use crate::engine::model_checks::{ModelChecks, TOP_BIN};

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
    let canvas: NodeRef<Canvas> = NodeRef::new();
    // The outside world: draw whenever the checks, the language or the canvas change.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let (Some(el), Some(s)) = (canvas.get(), state.scores.get()) else { return };
        let Some((cats, actual, model)) = s.checks.as_ref().and_then(pick) else { return };
        el.set_width(el.client_width().max(320) as u32);
        el.set_height(280);
        let Some(backend) = CanvasBackend::with_canvas_object(el) else { return };
        let labels = Labels { actual: super::i18n::tr(lang, "clv.actual"), model: super::i18n::tr(lang, "clv.model"), y: super::i18n::tr(lang, y) };
        if let Err(e) = actual_vs_model::draw(&backend.into_drawing_area(), &cats, &actual, &model, style, &labels) {
            web_sys::console::warn_1(&format!("chart: {e}").into());
        }
    });
    let shown = move || state.scores.with(|s| s.as_ref().and_then(|s| s.checks.as_ref()).and_then(pick).is_some());
    view! {
        <Show when=shown>
            <h3>{move || state.tr(title)}</h3>
            <canvas node_ref=canvas class="chart" data-testid=testid width="900" height="280"></canvas>
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
            <ModelFitPanel />
            <CheckChart testid="repeat-histogram" title="clv.histogram" y="clv.customers" style=Style::Bars pick=|c| Some(histogram(c)) />
            <CheckChart testid="holdout-chart" title="clv.holdout" y="clv.mean_purchases" style=Style::Lines pick=holdout />
            <CheckChart testid="tracking-chart" title="clv.tracking" y="clv.repeat_purchases" style=Style::Lines pick=tracking />
            {matrix}
        </section>
    }
}
