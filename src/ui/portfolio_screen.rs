//! The portfolio view (issue 5, first part): the 80/20 headline, the value pyramid pair (customer
//! count, and the inverted pyramid of profit), the new-customer matrix, gold/meteor/creek/burden, the
//! veteran classes and the tier ladder, each class with its count, shares and recommended treatment.
//! Every number comes from the worker's framework summary; this file only lays them out.

use leptos::prelude::*;

use super::format::{int, percent};
use super::state::AppState;
use crate::engine::class_table::ClassRow;
use crate::engine::lang::Lang;
use crate::engine::strategy_texts::strategy;
use crate::engine::{gold_meteor_creek_burden, new_customer_matrix, tier_ladder, value_pyramid, veteran_matrix};

/// One class: name, customers, shares, treatment.
fn class_cell(framework: &'static str, row: &ClassRow, name: String, lang: Lang, testid: String) -> impl IntoView {
    let (customers, of_customers, of_margin) = (int(row.customers), percent(row.customer_share), percent(row.margin_share));
    let share_line = match lang {
        Lang::En => format!("{of_customers} of customers · {of_margin} of margin"),
        Lang::Zh => format!("占客户 {of_customers} · 占毛利 {of_margin}"),
    };
    view! {
        <div class="class-cell" data-testid=testid>
            <div class="class-name">{name}</div>
            <div class="class-count" data-testid="class-count">{customers}</div>
            <div class="class-shares">{share_line}</div>
            <p class="class-strategy">{strategy(framework, &row.key, lang).unwrap_or_default()}</p>
        </div>
    }
}

#[component]
pub fn PortfolioScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else {
            return view! { <section class="panel"><p class="muted" data-testid="portfolio-working">{state.tr("fit.working")}</p></section> }.into_any();
        };
        let lang = state.lang.get();
        let zh = lang == Lang::Zh;
        let f = s.frameworks.clone();
        let headline = f.pareto.as_ref().map(|p| match lang {
            Lang::En => format!("The top {:.0}% of customers deliver {:.1}% of the margin (Gini {:.2}).", p.top_share * 100.0, p.top_margin_share * 100.0, p.gini),
            Lang::Zh => format!("前 {:.0}% 的客户贡献了 {:.1}% 的毛利（基尼系数 {:.2}）。", p.top_share * 100.0, p.top_margin_share * 100.0, p.gini),
        });
        // The pyramid pair. Customers: bar width = the customers from the top level down to this one
        // (A narrowest, D the whole base: a pyramid whatever the shares). Margin: bar width = the
        // level's own share of the margin (the inverted pyramid when value and margin agree; where
        // they do not, the picture shows it). Labels give each level's own share.
        let max_margin = f.pyramid.iter().map(|r| r.margin_share.max(0.0)).fold(0.0, f64::max).max(1e-9);
        let levels = f.pyramid.clone();
        let pyramid = move |by_margin: bool| {
            let mut cumulative = 0.0;
            levels
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    cumulative += r.customer_share;
                    let width = if by_margin { 20.0 + 80.0 * r.margin_share.max(0.0) / max_margin } else { 20.0 + 80.0 * cumulative };
                    let text = format!("{} · {}", value_pyramid::label(k, zh), percent(if by_margin { r.margin_share } else { r.customer_share }));
                    view! { <div class=format!("pyr-level level-{k}") style=format!("width:{width:.1}%")>{text}</div> }
                })
                .collect_view()
        };
        let count_pyramid = pyramid(false);
        let profit_pyramid = pyramid(true);
        let new_cells = f.new_matrix.iter().enumerate().map(|(k, r)| class_cell("new_customer_matrix", r, new_customer_matrix::label(k, zh).into(), lang, format!("new-{}", r.key))).collect_view();
        let gmcb_cells = f.gmcb.iter().enumerate().map(|(k, r)| class_cell("gold_meteor_creek_burden", r, gold_meteor_creek_burden::label(k, zh).into(), lang, format!("gmcb-{}", r.key))).collect_view();
        let veteran = f.veteran.clone().map(|v| {
            let note = match (lang, v.growth_measure.as_str()) {
                (Lang::En, "share_of_wallet") => "Growth: share of wallet.",
                (Lang::En, _) => "Growth: the customer's own spend (no wallet column), standing in for share of wallet.",
                (Lang::Zh, "share_of_wallet") => "增长率：个客份额（钱包份额）。",
                (Lang::Zh, _) => "增长率：无钱包列，以客户自身消费增长代替个客份额增长。",
            };
            let cells = v.table.iter().enumerate().map(|(k, r)| class_cell("veteran_matrix", r, veteran_matrix::label(k, zh).into(), lang, format!("veteran-{}", r.key))).collect_view();
            view! { <h3>{state.tr("portfolio.veteran")}</h3><p class="muted">{note}</p><div class="class-grid cols-4">{cells}</div> }
        });
        let tiers = f.tiers.iter().enumerate().rev().map(|(k, r)| class_cell("tier_ladder", r, tier_ladder::label(k, zh).into(), lang, format!("tier-{}", r.key))).collect_view();
        view! {
            <section class="panel portfolio" data-testid="portfolio">
                <h2>{state.tr("portfolio.title")}</h2>
                <p class="headline" data-testid="pareto-headline">{headline}</p>
                <div class="pyramids">
                    <figure data-testid="count-pyramid"><figcaption>{state.tr("portfolio.count_pyramid")}</figcaption>{count_pyramid}</figure>
                    <figure data-testid="profit-pyramid"><figcaption>{state.tr("portfolio.profit_pyramid")}</figcaption>{profit_pyramid}</figure>
                </div>
                <h3>{state.tr("portfolio.new")}</h3>
                <p class="muted">{state.tr("portfolio.new_axes")}</p>
                <div class="class-grid cols-2" data-testid="new-matrix">{new_cells}</div>
                <h3>{state.tr("portfolio.gmcb")}</h3>
                <div class="class-grid cols-2" data-testid="gmcb">{gmcb_cells}</div>
                {veteran}
                <h3>{state.tr("portfolio.tiers")}</h3>
                <div class="class-grid cols-3" data-testid="tiers">{tiers}</div>
            </section>
        }
        .into_any()
    }
}
