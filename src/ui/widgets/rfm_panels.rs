//! The RFM view's panels: the R×F heatmap, the segment bars and treemap, the value-class table, the
//! cut lines and the segment rule editor. The RFM view lays them out; the slide deck and the report reuse
//! the heatmap and the bars.

use crate::charts::treemap;
use crate::engine::rfm::segments::{Coverage, SegmentRule, SegmentRules};
use crate::engine::rfm::value_classes::ValueClass;
use crate::engine::views::customer_list::{Dimension, Filter};
use crate::engine::views::strategy_texts::strategy;
use crate::ui::format::{int, money, percent};
use crate::ui::state::AppState;
use crate::ui::worker_client::use_worker;
use leptos::prelude::*;

/// A colour-blind-safe sequential ramp (light to dark blue; cividis-like), for the heatmap.
pub const RAMP: [&str; 6] = ["#f1f5fb", "#d3e2f2", "#a9c6e6", "#6f9fd0", "#3a74b3", "#1f4e79"];

/// The R×F heatmap of mean spend; a cell opens its customers.
#[component]
pub fn RfmHeatmap() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else { return ().into_any() };
        let o = s.rfm.clone();
        let bins = usize::from(o.bins);
        let max_m = o.heat.iter().filter_map(|c| c.mean_m).fold(0.0, f64::max).max(1e-9);
        // Rows from the most recent (R = bins) down; columns F = 1 … bins.
        let heat_rows = (1..=bins)
            .rev()
            .map(|r| {
                let cells = (1..=bins)
                    .map(|f| {
                        let k = (r - 1) * bins + (f - 1);
                        let c = o.heat[k].clone();
                        let level = c.mean_m.map_or(0, |m| ((m / max_m) * (RAMP.len() - 1) as f64).round() as usize).min(RAMP.len() - 1);
                        let ink = if level >= 4 { "#fff" } else { "#1d2733" };
                        let tip = format!(
                            "R{r} F{f}: {} {} · {} {}",
                            int(c.customers),
                            state.tr("overview.customers_word"),
                            state.tr("rfm.mean_m"),
                            c.mean_m.map(money).unwrap_or_else(|| "—".into())
                        );
                        view! {
                            <button class="heat-cell" title=tip.clone() aria-label=tip data-testid=format!("heat-{r}-{f}")
                                style=format!("background:{};color:{ink}", RAMP[level])
                                on:click=move |_| state.drill(Filter { dim: Dimension::RfCell, class: k })>
                                <span class="heat-m">{c.mean_m.map(money).unwrap_or_else(|| "—".into())}</span>
                                <span class="heat-n" data-testid="heat-count">{int(c.customers)}</span>
                            </button>
                        }
                    })
                    .collect_view();
                view! { <div class="heat-row"><span class="heat-axis">{format!("R{r}")}</span>{cells}</div> }
            })
            .collect_view();
        let f_axis = (1..=bins).map(|f| view! { <span class="heat-axis">{format!("F{f}")}</span> }).collect_view();
        view! {
            <figure class="heatmap" data-testid="heatmap">
                <figcaption>{state.tr("rfm.heatmap")}</figcaption>
                {heat_rows}
                <div class="heat-row"><span class="heat-axis"></span>{f_axis}</div>
                <p class="muted small">{state.tr("rfm.heat_note")}</p>
            </figure>
        }
        .into_any()
    }
}

/// The segments as bars of their share of customers and of revenue; a bar opens its customers.
#[component]
pub fn SegmentBars() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else { return ().into_any() };
        let lang = state.lang.get();
        let o = s.rfm.clone();
        let seg_name = |row: &crate::engine::views::rfm_overview::SegmentRow| lang.pick(row.en.as_str(), row.zh.as_str()).to_string();
        let max_share = o.segments.iter().map(|r| r.customer_share.max(r.revenue_share)).fold(0.0, f64::max).max(1e-9);
        let bars = o
            .segments
            .iter()
            .enumerate()
            .map(|(k, row)| {
                let (wc, wr) = (100.0 * row.customer_share / max_share, 100.0 * row.revenue_share.max(0.0) / max_share);
                // The overview lists every rule in order, then "Others": position k is class k.
                let class = k;
                let tip = strategy("rfm_segment", &row.key, lang).unwrap_or_default();
                view! {
                    <button class="seg-bar" data-testid=format!("segment-{}", row.key) title=tip
                        on:click=move |_| state.drill(Filter { dim: Dimension::Segment, class })>
                        <span class="seg-name">{seg_name(row)}</span>
                        <span class="seg-bars">
                            <span class="bar customers" style=format!("width:{wc:.1}%")></span>
                            <span class="bar revenue" style=format!("width:{wr:.1}%")></span>
                        </span>
                        <span class="seg-figures num">
                            <span data-testid="segment-count">{int(row.customers)}</span>
                            {format!(" · {} · {}", percent(row.customer_share), percent(row.revenue_share))}
                        </span>
                    </button>
                }
            })
            .collect_view();
        view! {
            <figure class="segments" data-testid="segment-bars">
                <figcaption>{state.tr("rfm.segments")}</figcaption>
                <div class="legend"><span class="key customers"></span>{state.tr("rfm.customers_share")}<span class="key revenue"></span>{state.tr("rfm.revenue_share")}</div>
                {bars}
            </figure>
        }
        .into_any()
    }
}

/// The segments as a treemap of revenue.
#[component]
pub fn SegmentTreemap() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else { return ().into_any() };
        let lang = state.lang.get();
        let o = s.rfm.clone();
        let seg_name = |row: &crate::engine::views::rfm_overview::SegmentRow| lang.pick(row.en.as_str(), row.zh.as_str()).to_string();
        let rects = treemap::layout(&o.segments.iter().map(|r| r.revenue.max(0.0)).collect::<Vec<_>>());
        let tiles = o
            .segments
            .iter()
            .zip(rects)
            .enumerate()
            .filter(|(_, (_, r))| r.2 > 0.0)
            .map(|(class, (row, (x, y, w, h)))| {
                let k = class;
                let label = format!("{} {}", seg_name(row), percent(row.revenue_share));
                let tip = label.clone();
                view! {
                    <button class=format!("tile tile-{}", k % 8) title=tip
                        style=format!("left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%", 100.0 * x, 100.0 * y, 100.0 * w, 100.0 * h)
                        on:click=move |_| state.drill(Filter { dim: Dimension::Segment, class })>
                        <span>{label}</span>
                    </button>
                }
            })
            .collect_view();
        view! {
            <figure data-testid="treemap">
                <figcaption>{state.tr("rfm.treemap")}</figcaption>
                <div class="treemap">{tiles}</div>
            </figure>
        }
        .into_any()
    }
}

/// The 8-class value model: customers, shares and treatment per class; a row opens its customers.
#[component]
pub fn ValueClassTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else { return ().into_any() };
        let lang = state.lang.get();
        let o = s.rfm.clone();
        let classes = o
            .value_classes
            .iter()
            .enumerate()
            .map(|(k, row)| {
                let vc = ValueClass::ALL[k.min(7)];
                view! {
                    <tr class="clickable" data-testid=format!("value-{}", row.key) tabindex="0"
                        on:click=move |_| state.drill(Filter { dim: Dimension::ValueClass, class: k })
                        on:keydown=move |ev| if ev.key() == "Enter" { state.drill(Filter { dim: Dimension::ValueClass, class: k }) }>
                        <td>{vc.label(lang)}</td>
                        <td class="num" data-testid="class-count">{int(row.customers)}</td>
                        <td class="num">{percent(row.customer_share)}</td>
                        <td class="num">{percent(row.margin_share)}</td>
                        <td class="class-strategy">{strategy("value_class", vc.key(), lang).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data value-classes" data-testid="value-classes">
                <thead><tr><th>{state.tr("rfm.class")}</th><th class="num">{state.tr("overview.customers")}</th><th class="num">{state.tr("rfm.of_customers")}</th><th class="num">{state.tr("rfm.of_margin")}</th><th>{state.tr("rfm.treatment")}</th></tr></thead>
                <tbody>{classes}</tbody>
            </table>
        }
        .into_any()
    }
}

/// The cut points of the R, F and M scores in the data's units.
#[component]
pub fn CutLines() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(s) = state.scores.get() else { return ().into_any() };
        let lang = state.lang.get();
        let o = s.rfm.clone();
        let cuts = |name: &str, cuts: &[crate::engine::rfm::scores::CutPoint]| {
            let parts: Vec<String> = cuts.iter().map(|c| format!("{}: {}–{}", c.score, trim(c.low), trim(c.high))).collect();
            format!("{name} · {}", parts.join(" · "))
        };
        let cut_lines = [
            cuts(crate::ui::i18n::tr(lang, "rfm.r_days_since"), &o.cuts_r),
            cuts(crate::ui::i18n::tr(lang, "rfm.f_purchases"), &o.cuts_f),
            cuts(crate::ui::i18n::tr(lang, "rfm.m_spend"), &o.cuts_m),
        ]
        .into_iter()
        .map(|l| view! { <li>{l}</li> })
        .collect_view();
        view! { <ul class="muted small">{cut_lines}</ul> }.into_any()
    }
}

pub fn trim(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// The segment rules in force, the coverage check, the presets and an editor of the ranges; applying
/// re-scores in the worker.
#[component]
pub fn RuleEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let draft: RwSignal<Option<Vec<SegmentRule>>> = RwSignal::new(None);
    let rules_now = move || state.settings.with(|s| s.segment_rules.rules());
    let apply = move |rules: SegmentRules| {
        state.settings.update(|s| s.segment_rules = rules);
        draft.set(None);
        worker.reimport();
    };
    move || {
        let lang = state.lang.get();
        let scores = state.scores.get()?;
        let cov = scores.segment_coverage.clone();
        let preset = state.settings.with(|s| match s.segment_rules {
            SegmentRules::Grid => "grid",
            SegmentRules::RfmPackage => "rfm",
            SegmentRules::Custom(_) => "custom",
        });
        let coverage = coverage_line(&cov, state);
        let rules = draft.get().unwrap_or_else(rules_now);
        let range = move |k: usize, which: usize, end: usize, value: u8| score_input(draft, rules_now, Bound { rule: k, which, end, value });
        let rows = rules
            .iter()
            .enumerate()
            .map(|(k, r)| {
                view! {
                    <tr>
                        <td>{r.label(lang).to_string()}</td>
                        <td>{range(k, 0, 0, r.r.0)}"–"{range(k, 0, 1, r.r.1)}</td>
                        <td>{range(k, 1, 0, r.f.0)}"–"{range(k, 1, 1, r.f.1)}</td>
                        <td>{range(k, 2, 0, r.m.0)}"–"{range(k, 2, 1, r.m.1)}</td>
                    </tr>
                }
            })
            .collect_view();
        let dirty = draft.with(|d| d.is_some());
        Some(view! {
            <h3>{state.tr("rfm.rules")}</h3>
            <div class="list-tools">
                <label class="inline"><span>{state.tr("rfm.preset")}</span>
                    <select data-testid="segment-preset" prop:value=preset on:change=move |ev| match event_target_value(&ev).as_str() {
                        "grid" => apply(SegmentRules::Grid),
                        "rfm" => apply(SegmentRules::RfmPackage),
                        _ => {}
                    }>
                        <option value="grid">{crate::ui::i18n::tr(lang, "rfm.r_f_grid")}</option>
                        <option value="rfm">{crate::ui::i18n::tr(lang, "rfm.r_rfm_package_preset")}</option>
                        <option value="custom" disabled=true>{crate::ui::i18n::tr(lang, "rfm.your_rules")}</option>
                    </select>
                </label>
                <span class="muted" data-testid="coverage">{coverage}</span>
            </div>
            <p class="muted small">{state.tr("rfm.rules_note")}</p>
            <table class="data rules" data-testid="rules">
                <thead><tr><th>{state.tr("rfm.segment")}</th><th>"R"</th><th>"F"</th><th>"M"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <button class="primary" data-testid="apply-rules" disabled=!dirty
                on:click=move |_| if let Some(r) = draft.get_untracked() { apply(SegmentRules::Custom(r)) }>{state.tr("rfm.apply_rules")}</button>
        })
    }
}

/// "3 combinations match no rule (…) · 2 match more than one (…)", or that every combination
/// matches one rule.
fn coverage_line(cov: &Coverage, state: AppState) -> String {
    if cov.uncovered.is_empty() && cov.overlapping.is_empty() {
        return state.tr("rfm.coverage_ok").to_string();
    }
    let show = |v: &[(u8, u8, u8)]| v.iter().take(12).map(|(r, f, m)| format!("{r}{f}{m}")).collect::<Vec<_>>().join(" ");
    let over: Vec<(u8, u8, u8)> = cov.overlapping.iter().map(|o| o.0).collect();
    format!(
        "{} {} ({}) · {} {} ({})",
        int(cov.uncovered.len() as u64),
        state.tr("rfm.uncovered"),
        show(&cov.uncovered),
        int(cov.overlapping.len() as u64),
        state.tr("rfm.overlapping"),
        show(&over)
    )
}

/// One end of one score range of one rule: the rule's index, R/F/M (0, 1, 2), min or max (0, 1),
/// and its value now.
#[derive(Clone, Copy)]
struct Bound {
    rule: usize,
    which: usize,
    end: usize,
    value: u8,
}

/// The input of a [`Bound`]; a change goes into `draft` (started from `rules_now` when empty).
fn score_input(draft: RwSignal<Option<Vec<SegmentRule>>>, rules_now: impl Fn() -> Vec<SegmentRule> + Copy + 'static, b: Bound) -> impl IntoView {
    let Bound { rule: k, which, end, value } = b;
    let label = format!("{} {} {}", rules_label(k), ["R", "F", "M"][which], if end == 0 { "min" } else { "max" });
    view! {
        <input type="number" min="1" max="5" class="score-input" aria-label=label prop:value=value.to_string()
            on:change=move |ev| {
                let v: u8 = event_target_value(&ev).parse().unwrap_or(value).clamp(1, 5);
                draft.update(|d| {
                    let rules = d.get_or_insert_with(rules_now);
                    if let Some(rule) = rules.get_mut(k) {
                        let slot = match which { 0 => &mut rule.r, 1 => &mut rule.f, _ => &mut rule.m };
                        if end == 0 { slot.0 = v } else { slot.1 = v }
                    }
                });
            } />
    }
}

pub fn rules_label(k: usize) -> String {
    format!("#{}", k + 1)
}
