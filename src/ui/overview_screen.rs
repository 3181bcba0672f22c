//! The first overview: KPI cards and the monthly revenue chart (plotters on a canvas).

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::format::{int, money, percent};
use super::model_fit_panel::ModelFitPanel;
use super::state::AppState;
use crate::charts::monthly_revenue;

#[component]
pub fn OverviewScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas: NodeRef<Canvas> = NodeRef::new();

    // The outside world: draw the chart whenever the data, the language or the canvas changes.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let (Some(el), Some(v)) = (canvas.get(), state.view.get()) else { return };
        let width = el.client_width().max(320) as u32;
        el.set_width(width);
        el.set_height(300);
        let Some(backend) = CanvasBackend::with_canvas_object(el) else { return };
        let root = backend.into_drawing_area();
        let labels = monthly_revenue::Labels {
            revenue: super::i18n::tr(lang, "overview.revenue_axis"),
            active: super::i18n::tr(lang, "overview.active_axis"),
        };
        if let Err(e) = monthly_revenue::draw(&root, &v.overview.monthly, &labels) {
            web_sys::console::warn_1(&format!("chart: {e}").into());
        }
    });

    move || {
        let v = state.view.get()?;
        let o = v.overview.clone();
        let range = match (o.date_min, o.date_max) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "—".into(),
        };
        let settings: Vec<String> = v.settings.describe().into_iter().map(|(k, val)| format!("{k} = {val}")).collect();
        Some(view! {
            <section class="panel overview" data-testid="overview">
                <h2>{state.tr("overview.title")}</h2>
                <div class="kpis">
                    <Kpi key="overview.customers" value=int(o.customers) testid="kpi-customers" />
                    <Kpi key="overview.transactions" value=int(o.transactions) testid="kpi-transactions" />
                    <Kpi key="overview.revenue" value=money(o.revenue) testid="kpi-revenue" />
                    <Kpi key="overview.margin" value=money(o.margin) testid="kpi-margin" />
                    <Kpi key="overview.repeat" value=percent(o.repeat_share) testid="kpi-repeat" />
                    <Kpi key="overview.range" value=range testid="kpi-range" small=true />
                </div>
                <h3>{state.tr("overview.monthly")}</h3>
                {if o.from_summary {
                    view! { <p class="muted">{state.tr("overview.summary_note")}</p> }.into_any()
                } else {
                    view! { <canvas node_ref=canvas class="chart" data-testid="monthly-chart" width="900" height="300"></canvas> }.into_any()
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
fn Kpi(key: &'static str, value: String, testid: &'static str, #[prop(optional)] small: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="kpi">
            <div class="kpi-label">{move || state.tr(key)}</div>
            <div class="kpi-value" class:small=small data-testid=testid>{value}</div>
        </div>
    }
}
