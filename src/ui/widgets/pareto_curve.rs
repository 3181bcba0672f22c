//! The 80/20 curve: customers ranked by margin against the cumulative share of margin, drawn by the
//! worker's plot (charts::plot), with the top share marked. On the overview and in the slide deck.

use crate::ui::format::percent;
use crate::ui::state::AppState;
use crate::ui::widgets::plot_canvas::SvgExport;
use leptos::prelude::*;

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
        let caption = crate::ui::i18n::tr(lang, "overview.pareto_caption")
            .replace("{top}", &format!("{:.0}", 100.0 * p.top_share))
            .replace("{share}", &percent(p.top_margin_share))
            .replace("{gini}", &format!("{:.2}", p.gini));
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
