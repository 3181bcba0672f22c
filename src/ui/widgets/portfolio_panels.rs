//! The portfolio view's panels: each framework's classes with count, shares and recommended treatment
//! (the value pyramid pair, the new-customer matrix, gold/meteor/creek/burden with its scatter, the
//! veteran classes, the tier ladder, the nine-grids, the clusters). Every number comes from the worker's
//! framework summary; these only lay them out. The slide deck reuses the pyramid, gmcb and veteran panels.

use crate::engine::frameworks::class_table::ClassRow;
use crate::engine::frameworks::{
    clustering, gold_meteor_creek_burden, new_customer_matrix, nine_grid, tier_ladder, value_pyramid, veteran_matrix,
};
use crate::engine::lang::Lang;
use crate::engine::views::customer_list::{Dimension, Filter};
use crate::engine::texts::Text;
use crate::engine::views::strategy_texts::strategy;
use crate::ui::format::{int, percent};
use crate::ui::state::AppState;
use crate::ui::widgets::plot_canvas::SvgExport;
use leptos::prelude::*;

use crate::ui::i18n::tr;

/// One class: name, customers, shares, treatment; a click opens its customers.
pub fn class_cell(framework: &'static str, row: &ClassRow, name: String, lang: Lang, testid: String, filter: Filter) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (customers, of_customers, of_margin) = (int(row.customers), percent(row.customer_share), percent(row.margin_share));
    let share_line = tr(lang, "portfolio.share_line").replace("{customers}", &of_customers).replace("{margin}", &of_margin);
    view! {
        <div class="class-cell clickable" data-testid=testid role="button" tabindex="0"
            on:click=move |_| state.drill(filter)
            on:keydown=move |ev| if ev.key() == "Enter" { state.drill(filter) }>
            <div class="class-name">{name}</div>
            <div class="class-count" data-testid="class-count">{customers}</div>
            <div class="class-shares">{share_line}</div>
            <p class="class-strategy">{strategy(framework, &row.key, lang).unwrap_or_default()}</p>
        </div>
    }
}

/// One framework's class cells in its table's order (`top_first`: reversed), each opening its
/// customers; test ids `{prefix}-{key}`.
fn class_cells(framework: &'static str, rows: &[ClassRow], label: fn(usize, Lang) -> &'static str, lang: Lang, prefix: &'static str, dim: Dimension, top_first: bool) -> impl IntoView {
    let mut cells: Vec<_> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| class_cell(framework, r, label(k, lang).into(), lang, format!("{prefix}-{}", r.key), Filter { dim, class: k }))
        .collect();
    if top_first {
        cells.reverse();
    }
    cells.collect_view()
}

/// A class's surprising share of the margin and why (`insights::surprises`), with its customers.
/// Props: `key`, the insight's key ("pyramid_surprise", "veteran_surprise"); nothing when not found.
#[component]
pub fn Surprise(key: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let i = s.insights.iter().find(|i| i.key == key)?.clone();
        let filter = i.filter;
        Some(view! {
            <p class="surprise" data-testid=key>
                {lang.pick(i.en.as_str(), i.zh.as_str()).to_string()}
                {filter.map(|f| view! { " " <button class="link" on:click=move |_| state.drill(f)>{state.tr("overview.show_customers")}</button> })}
            </p>
        })
    }
}

/// The new-customer matrix: its axes and four classes.
#[component]
pub fn NewMatrixPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let cells = class_cells("new_customer_matrix", &s.frameworks.new_matrix, new_customer_matrix::label, lang, "new", Dimension::NewMatrix, false);
        Some(view! {
            <h3>{state.tr("portfolio.new")}</h3>
            <p class="muted">{state.tr("portfolio.new_axes")}</p>
            {s.bg_nbd.is_none().then(|| view! { <p class="muted" data-testid="new-needs-fits">{state.tr("portfolio.new_needs_fits")}</p> })}
            <div class="class-grid cols-2" data-testid="new-matrix">{cells}</div>
        })
    }
}

/// Gold/meteor/creek/burden: its axes, four classes and the scatter.
#[component]
pub fn GmcbPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let cells = class_cells("gold_meteor_creek_burden", &s.frameworks.gmcb, gold_meteor_creek_burden::label, lang, "gmcb", Dimension::Gmcb, false);
        Some(view! {
            <h3>{state.tr("portfolio.gmcb")}</h3>
            <p class="muted">{state.tr("portfolio.gmcb_axes")}</p>
            <div class="gmcb-pair">
                <div class="class-grid cols-2" data-testid="gmcb">{cells}</div>
                <GmcbScatter />
            </div>
        })
    }
}

/// The veteran matrix: its axes, the growth measure used, a surprising class, the seven classes.
#[component]
pub fn VeteranPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let v = s.frameworks.veteran.clone()?;
        let lang = state.lang.get();
        let note = state.tr(if v.growth_measure == "share_of_wallet" { "portfolio.growth_by_wallet" } else { "portfolio.growth_by_spend" });
        let cells = class_cells("veteran_matrix", &v.table, veteran_matrix::label, lang, "veteran", Dimension::Veteran, false);
        Some(view! {
            <h3>{state.tr("portfolio.veteran")}</h3>
            <p class="muted">{state.tr("portfolio.veteran_axes")} " " {note}</p>
            <Surprise key="veteran_surprise" />
            <div class="class-grid cols-4" data-testid="veteran">{cells}</div>
        })
    }
}

/// The tier ladder, top tier first.
#[component]
pub fn TierPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let f = &s.frameworks;
        let tiers = class_cells("tier_ladder", &f.tiers, tier_ladder::label, lang, "tier", Dimension::Tier, true);
        Some(view! {
            <h3>{state.tr(if f.tiers_by_total_spend { "portfolio.tiers_total" } else { "portfolio.tiers" })}</h3>
            <p class="muted">{state.tr("portfolio.tiers_axes")}</p>
            <div class="class-grid cols-3" data-testid="tiers">{tiers}</div>
        })
    }
}

/// The value pyramid pair: customers per level and the inverted pyramid of margin; a level opens its
/// customers. Customers: bar width = the customers from the top level down to this one (A narrowest,
/// D the whole base: a pyramid whatever the shares). Margin: bar width = the level's own share of
/// the margin (the inverted pyramid when value and margin agree; where they do not, the picture shows
/// it). Labels give each level's own share.
#[component]
pub fn PyramidPair() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let levels = s.frameworks.pyramid.clone();
        let max_margin = levels.iter().map(|r| r.margin_share.max(0.0)).fold(0.0, f64::max).max(1e-9);
        let pyramid = |by_margin: bool| {
            let mut cumulative = 0.0;
            levels
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    cumulative += r.customer_share;
                    let width = if by_margin { 36.0 + 64.0 * r.margin_share.max(0.0) / max_margin } else { 20.0 + 80.0 * cumulative };
                    let text = format!("{} · {}", value_pyramid::label(k, lang), percent(if by_margin { r.margin_share } else { r.customer_share }));
                    let tip = format!("{} · {} {}", value_pyramid::label(k, lang), int(r.customers), state.tr("overview.customers_word"));
                    view! {
                        <button class=format!("pyr-level level-{k}") style=format!("width:{width:.1}%") title=tip data-testid=format!("pyramid-{k}") data-count=r.customers.to_string()
                            on:click=move |_| state.drill(Filter { dim: Dimension::Pyramid, class: k })>{text}</button>
                    }
                })
                .collect_view()
        };
        let (count_pyramid, profit_pyramid) = (pyramid(false), pyramid(true));
        Some(view! {
            <div class="pyramids">
                <figure data-testid="count-pyramid"><figcaption>{state.tr("portfolio.count_pyramid")}</figcaption>{count_pyramid}</figure>
                <figure data-testid="profit-pyramid"><figcaption>{state.tr("portfolio.profit_pyramid")}</figcaption>{profit_pyramid}</figure>
            </div>
        })
    }
}

/// A nine-grid: 3 × 3 cells (first axis up, second axis right, low to high), each with its customers,
/// margin share and strategy; a click opens the customers, hovering or focusing shows the cell's
/// profile and the path up.
#[component]
pub fn NineGrid(which: Dimension) -> impl IntoView {
    let state = expect_context::<AppState>();
    let focus = RwSignal::new(None::<usize>);
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let g = match which {
            Dimension::GrowthGrid => s.frameworks.growth_grid.clone()?,
            _ => s.frameworks.value_grid.clone(),
        };
        let (y_axis, x_axis) = match which {
            Dimension::GrowthGrid => {
                (crate::ui::i18n::tr(lang, "portfolio.spend_growth"), crate::ui::i18n::tr(lang, "portfolio.purchase_frequency_growth"))
            }
            _ => (
                crate::ui::i18n::tr(lang, "portfolio.total_margin"),
                crate::ui::i18n::tr(lang, "portfolio.margin_efficiency_margin_revenue"),
            ),
        };
        let prefix = which.key();
        let cells = (0..3)
            .rev()
            .flat_map(|r| (0..3).map(move |c| r * 3 + c))
            .map(|cell| {
                let row = g.table[cell].clone();
                let strat = nine_grid::STRATEGIES[g.strategy[cell / 3][cell % 3].min(3)];
                let filter = Filter { dim: which, class: cell };
                view! {
                    <button class=format!("grid-cell strat-{strat}") data-testid=format!("{prefix}-{cell}")
                        on:click=move |_| state.drill(filter)
                        on:mouseenter=move |_| focus.set(Some(cell)) on:focus=move |_| focus.set(Some(cell))>
                        <span class="grid-label">{nine_grid::label(cell, lang)}</span>
                        <span class="class-count" data-testid="class-count">{int(row.customers)}</span>
                        <span class="class-shares">{format!("{} {}", percent(row.margin_share), crate::ui::i18n::tr(lang, "portfolio.of_margin"))}</span>
                        <span class="grid-strategy">{strategy_name(strat, lang)}</span>
                    </button>
                }
            })
            .collect_view();
        let detail = move || {
            let cell = focus.get()?;
            let g = match which {
                Dimension::GrowthGrid => state.scores.get()?.frameworks.growth_grid.clone()?,
                _ => state.scores.get()?.frameworks.value_grid.clone(),
            };
            let strat = nine_grid::STRATEGIES[g.strategy[cell / 3][cell % 3].min(3)];
            let profile = nine_grid::INDICATORS
                .iter()
                .zip(&g.profiles[cell].means)
                .map(|(k, v)| format!("{} {}", indicator_name(k, lang), v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())))
                .collect::<Vec<_>>()
                .join(" · ");
            let path = g.paths_up[cell]
                .iter()
                .map(|st| format!("{} {:.2} → {:.2} ({:+.0}%)", indicator_name(&st.indicator, lang), st.here, st.above, 100.0 * st.gap))
                .collect::<Vec<_>>()
                .join(" · ");
            Some(view! {
                <div class="grid-detail" data-testid=format!("{prefix}-detail")>
                    <strong>{nine_grid::label(cell, lang)}</strong> " · " {strategy("nine_grid", strat, lang).unwrap_or_default()}
                    <div class="muted small">{crate::ui::i18n::tr(lang, "portfolio.profile")}{profile}</div>
                    <div class="muted small">{crate::ui::i18n::tr(lang, "portfolio.path_up")}{if path.is_empty() { crate::ui::i18n::tr(lang, "portfolio.top_cell").to_string() } else { path }}</div>
                </div>
            })
        };
        Some(view! {
            <div class="nine-grid-wrap" data-testid=prefix>
                <span class="axis-y">{y_axis}</span>
                <div class="nine-grid">{cells}</div>
                <span class="axis-x">{x_axis}</span>
                {detail}
            </div>
        })
    }
}

/// A nine-grid strategy's name (`nine_grid::STRATEGIES`).
pub fn strategy_name(key: &str, lang: Lang) -> &'static str {
    tr(lang, match key {
        "keep_investing" => "strategy.keep_investing",
        "deepen" => "strategy.deepen",
        "adjust" => "strategy.adjust",
        _ => "strategy.managed_exit",
    })
}

/// A nine-grid indicator's name (`nine_grid::INDICATORS`).
pub fn indicator_name(key: &str, lang: Lang) -> &'static str {
    tr(lang, match key {
        "orders_per_month" => "indicator.orders_per_month",
        "categories" => "indicator.categories",
        "margin_rate" => "indicator.margin_rate",
        _ => "indicator.p_alive",
    })
}

/// The k-means clusters: customers, margin share, the centroid in words; a row opens its customers.
#[component]
pub fn ClusterTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let c = s.frameworks.clusters.clone()?;
        let lang = state.lang.get();
        let rows = c
            .table
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let filter = Filter { dim: Dimension::Cluster, class: k };
                let words = c.centroids.get(k).map(|cen| crate::engine::frameworks::clustering::describe(cen, lang)).unwrap_or_default();
                view! {
                    <tr class="clickable" tabindex="0" data-testid=format!("cluster-{k}")
                        on:click=move |_| state.drill(filter) on:keydown=move |ev| if ev.key() == "Enter" { state.drill(filter) }>
                        <td>{Text::ClusterNumber.fill(lang, &[("n", &(k + 1))])}</td>
                        <td class="num" data-testid="class-count">{int(r.customers)}</td>
                        <td class="num">{percent(r.customer_share)}</td>
                        <td class="num">{percent(r.margin_share)}</td>
                        <td>{words}</td>
                    </tr>
                }
            })
            .collect_view();
        let features: Vec<String> = c.features.iter().map(|f| clustering::feature_label(f, lang)).collect();
        let note = state
            .tr("portfolio.cluster_note")
            .replace("{features}", &features.join(Text::ListSeparator.get(lang)))
            .replace("{silhouette}", &format!("{:.2}", c.silhouette));
        Some(view! {
            <table class="data" data-testid="clusters">
                <thead><tr><th></th><th class="num">{state.tr("overview.customers")}</th><th class="num">{state.tr("rfm.of_customers")}</th><th class="num">{state.tr("rfm.of_margin")}</th><th>{state.tr("portfolio.centroid")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted small">{note}</p>
        })
    }
}

/// Gold, meteor, creek, burden: the pyramid's Okabe-Ito colours, as SVG attributes so an exported
/// SVG keeps them without the page's stylesheet.
pub const DOT_COLOURS: [&str; 4] = ["#0072b2", "#e69f00", "#009e73", "#999999"];

/// The gold/meteor/creek/burden quadrant as a scatter of (a sample of) customers: repeat purchases
/// across, margin per occasion up, the two medians as lines; the axes stop at the 99th percentile
/// (the engine's axes; points beyond sit on the edge).
#[component]
pub fn GmcbScatter() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let s = state.scores.get()?;
        let lang = state.lang.get();
        let f = &s.frameworks;
        let pts = &f.gmcb_sample;
        if pts.is_empty() {
            return None;
        }
        let (x_max, y_min, y_max) = f.gmcb_axes;
        // Both axes on a log scale (margin signed: ln(1 + |y|) with its sign), so the many customers
        // with few repeats and small margins spread out instead of crowding one edge. Plot box
        // 0..100 × 0..100, y up; the data scaled into it (formatting only).
        let slog = |v: f64| v.signum() * v.abs().ln_1p();
        let (lx, ly0, ly1) = (slog(x_max.max(1.0)), slog(y_min), slog(y_max));
        let sx = |x: f64| 100.0 * (slog(x.max(0.0)) / lx).clamp(0.0, 1.0);
        let sy = |y: f64| if ly1 > ly0 { 100.0 - 100.0 * ((slog(y) - ly0) / (ly1 - ly0)).clamp(0.0, 1.0) } else { 50.0 };
        let dots = pts
            .iter()
            .map(|&(x, y, c)| view! { <circle cx=format!("{:.2}", sx(x)) cy=format!("{:.2}", sy(y)) r="0.9" fill=DOT_COLOURS[c.min(3)] fill-opacity="0.55" /> })
            .collect_view();
        let (mx, my) = (sx(f.gmcb_medians.1), sy(f.gmcb_medians.0));
        let x_ticks = log_ticks(0.0, x_max)
            .into_iter()
            .map(|t| {
                let x = sx(t);
                view! {
                    <line x1=format!("{x:.2}") y1="100" x2=format!("{x:.2}") y2="101.5" stroke="#8796a8" stroke-width="0.3" />
                    <text x=format!("{x:.2}") y="105" font-size="3.2" fill="#5a6b7d" text-anchor="middle">{int(t as u64)}</text>
                }
            })
            .collect_view();
        let y_ticks = log_ticks(y_min, y_max)
            .into_iter()
            .map(|t| {
                let y = sy(t);
                view! {
                    <line x1="-1.5" y1=format!("{y:.2}") x2="0" y2=format!("{y:.2}") stroke="#8796a8" stroke-width="0.3" />
                    <text x="-2.2" y=format!("{:.2}", y + 1.1) font-size="3.2" fill="#5a6b7d" text-anchor="end">{tick_label(t)}</text>
                }
            })
            .collect_view();
        let (x_title, y_title) = (state.tr("portfolio.gmcb_x_title"), state.tr("portfolio.gmcb_y_title"));
        // The classes in a legend beside the plot, never on its points.
        let legend = (0..4)
            .map(|c| view! { <span class="legend-item"><span class="dot" style=format!("background:{}", DOT_COLOURS[c])></span>{gold_meteor_creek_burden::label(c, lang)}</span> })
            .collect_view();
        let caption = state
            .tr("portfolio.gmcb_caption")
            .replace("{x_median}", &format!("{:.1}", f.gmcb_medians.1))
            .replace("{y_median}", &crate::ui::format::money(f.gmcb_medians.0))
            .replace("{n}", &int(pts.len() as u64));
        Some(view! {
            <figure class="scatter" data-testid="gmcb-scatter">
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="-20 -3 123 115" role="img" aria-label=caption.clone() class="chart-svg" font-family="sans-serif">
                    <rect x="0" y="0" width="100" height="100" fill="#f7f9fc" stroke="#dfe4ea" stroke-width="0.4" />
                    {dots}
                    <line x1=format!("{mx:.2}") y1="0" x2=format!("{mx:.2}") y2="100" stroke="#e69f00" stroke-width="0.6" stroke-dasharray="1.5 1.5" />
                    <line x1="0" y1=format!("{my:.2}") x2="100" y2=format!("{my:.2}") stroke="#e69f00" stroke-width="0.6" stroke-dasharray="1.5 1.5" />
                    {x_ticks}
                    {y_ticks}
                    <text x="50" y="110.5" font-size="3.6" fill="#3d5166" text-anchor="middle">{x_title}</text>
                    <text x="0" y="0" font-size="3.6" fill="#3d5166" text-anchor="middle" transform="translate(-17 50) rotate(-90)">{y_title}</text>
                </svg>
                <div class="legend" data-testid="gmcb-legend">{legend}</div>
                <figcaption class="muted small">{caption}</figcaption>
                <SvgExport target="gmcb-scatter" file="kezhi_gold_meteor_creek_burden" />
            </figure>
        })
    }
}

/// A tick's label: whole numbers with thousands separators, "−" for negatives (ticks are 0, ±1, 2, 5 …).
pub fn tick_label(t: f64) -> String {
    let s = int(t.abs().round() as u64);
    if t < 0.0 {
        format!("−{s}")
    } else {
        s
    }
}

/// Ticks for a log-scaled axis from `lo` to `hi`: 0 and ±1, 2, 5, 10, 20, 50 … within the range,
/// thinned to at most seven.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut t = vec![0.0];
    let mut step = 1.0;
    while step <= hi.abs().max(lo.abs()) * 1.0001 && step < 1e12 {
        for m in [1.0, 2.0, 5.0] {
            let v = m * step;
            if v <= hi {
                t.push(v);
            }
            if -v >= lo {
                t.push(-v);
            }
        }
        step *= 10.0;
    }
    t.retain(|&v| v >= lo && v <= hi);
    t.sort_by(f64::total_cmp);
    t.dedup();
    // Keep 0, 1, 10, 100 … when there are too many.
    if t.len() > 7 {
        t.retain(|&v| v == 0.0 || (v.abs().log10().fract()).abs() < 1e-9);
    }
    t
}
