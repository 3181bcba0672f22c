//! The RFM view: the R×F heatmap of mean M, the segments as bars (customers and revenue)
//! and as a treemap, the 8-class value table with treatments, and the segment rules with their
//! coverage check and an editor. Every cell, bar and class opens its customers. Numbers come from the
//! worker's `RfmOverview`; this file lays them out.

use leptos::prelude::*;

use crate::ui::widgets::settings_line::SettingsLine;
use crate::ui::state::AppState;
use crate::ui::widgets::rfm_panels::{CutLines, RfmHeatmap, RuleEditor, SegmentBars, SegmentTreemap, ValueClassTable};

#[component]
pub fn RfmScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        if state.scores.with(Option::is_none) {
            return view! { <section class="panel"><p class="muted">{state.tr("fit.working")}</p></section> }.into_any();
        }
        view! {
            <section class="panel rfm" data-testid="rfm">
                <h2>{state.tr("rfm.title")}</h2>
                <p class="muted lede" data-testid="view-lede">{state.tr("rfm.lede")}</p>
                <div class="rfm-top">
                    <RfmHeatmap />
                    <SegmentBars />
                </div>
                <SegmentTreemap />
                <SettingsLine keys=&["rfm_bins", "rfm_monetary", "rfm_thresholds", "segment_rules"] />
                <h3>{state.tr("rfm.value_classes")}</h3>
                <ValueClassTable />
                <SettingsLine keys=&["value_split"] />
                <h3>{state.tr("rfm.cuts")}</h3>
                <CutLines />
                <RuleEditor />
            </section>
        }
        .into_any()
    }
}

