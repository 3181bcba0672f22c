//! The portfolio view: the 80/20 headline, the value pyramid pair (customer
//! count, and the inverted pyramid of profit), the new-customer matrix, gold/meteor/creek/burden, the
//! veteran classes and the tier ladder, each class with its count, shares and recommended treatment.
//! Every number comes from the worker's framework summary; this file only lays them out.

use leptos::prelude::*;

use crate::ui::i18n::tr;

use crate::ui::widgets::settings_line::SettingsLine;
use crate::ui::state::AppState;
use crate::engine::views::customer_list::Dimension;
use crate::ui::widgets::portfolio_panels::{ClusterTable, GmcbPanel, NewMatrixPanel, NineGrid, PyramidPair, Surprise, TierPanel, VeteranPanel};

#[component]
pub fn PortfolioScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else {
            return view! { <section class="panel"><p class="muted" data-testid="portfolio-working">{state.tr("fit.working")}</p></section> }.into_any();
        };
        let lang = state.lang.get();
        let headline = s.frameworks.pareto.as_ref().map(|p| {
            tr(lang, "portfolio.pareto_headline")
                .replace("{top}", &format!("{:.0}", p.top_share * 100.0))
                .replace("{share}", &format!("{:.1}", p.top_margin_share * 100.0))
                .replace("{gini}", &format!("{:.2}", p.gini))
        });
        view! {
            <section class="panel portfolio" data-testid="portfolio">
                <h2>{state.tr("portfolio.title")}</h2>
                <p class="headline" data-testid="pareto-headline">{headline}</p>
                <p class="muted">{state.tr("portfolio.pyramid_axes")}</p>
                <PyramidPair />
                <Surprise key="pyramid_surprise" />
                <SettingsLine keys=&["pyramid_value", "pyramid_shares", "pareto_top_share"] />
                <NewMatrixPanel />
                <GmcbPanel />
                <VeteranPanel />
                <TierPanel />
                <SettingsLine keys=&["tier_shares", "tier_thresholds", "veteran_period_months", "veteran_fast_growth", "new_conversion_cut"] />
                <h3>{state.tr("portfolio.value_grid")}</h3>
                <p class="muted">{state.tr("portfolio.value_grid_axes")}</p>
                <NineGrid which=Dimension::ValueGrid />
                <h3>{state.tr("portfolio.growth_grid")}</h3>
                <p class="muted">{state.tr("portfolio.growth_grid_axes")}</p>
                <NineGrid which=Dimension::GrowthGrid />
                <h3>{state.tr("portfolio.clusters")}</h3>
                <ClusterTable />
                <SettingsLine keys=&["nine_grid_strategy", "clusters"] />
            </section>
        }
        .into_any()
    }
}

