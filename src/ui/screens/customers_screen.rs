//! The customer list: every customer of the selection, virtualised (only the rows in view
//! are in the page; the worker filters, sorts and sends a window of rows as the user scrolls), with
//! the filter chips, a filter menu over every classification, search, sortable columns, the CSV
//! export, and the customer card.

use leptos::prelude::*;

use crate::ui::format::{int, money};
use crate::ui::state::AppState;
use crate::ui::worker_client::use_worker;
use crate::engine::views::customer_list::{Dimension, Filter, ListRow, SortKey};
use crate::engine::lang::Lang;

/// Row height in pixels (fixed: the scroll position gives the first row by division).
const ROW_H: f64 = 34.0;
/// Rows in view.
const VIEW_ROWS: usize = 16;
/// Rows asked for around the view, so a short scroll needs no new request.
const FETCH_BEFORE: usize = 40;
const FETCH: usize = 140;

fn columns(lang: Lang) -> Vec<(&'static str, Option<SortKey>, bool)> {
    // (title, sort key, numeric)
    vec![
        (crate::ui::i18n::tr(lang, "customers.customer"), Some(SortKey::Id), false),
        (crate::ui::i18n::tr(lang, "rfm.segment"), None, false),
        (crate::ui::i18n::tr(lang, "customers.value_class"), None, false),
        (crate::ui::i18n::tr(lang, "customers.stage"), None, false),
        (crate::ui::i18n::tr(lang, "customers.purchases_2"), Some(SortKey::Occasions), true),
        (crate::ui::i18n::tr(lang, "overview.revenue_axis"), Some(SortKey::Revenue), true),
        (crate::ui::i18n::tr(lang, "overview.margin"), Some(SortKey::Margin), true),
        (crate::ui::i18n::tr(lang, "customers.days_since"), Some(SortKey::Recency), true),
        (crate::ui::i18n::tr(lang, "customers.clv"), Some(SortKey::Clv), true),
        (crate::ui::i18n::tr(lang, "customers.p_alive"), Some(SortKey::PAlive), true),
        (crate::ui::i18n::tr(lang, "customers.priority"), Some(SortKey::Priority), true),
    ]
}

fn cells(r: &ListRow) -> Vec<String> {
    let id = match &r.name {
        Some(n) if !n.is_empty() => format!("{} · {}", r.id, n),
        _ => r.id.clone(),
    };
    vec![
        id,
        r.segment.clone(),
        r.value_class.clone(),
        r.stage.clone().unwrap_or_else(|| "—".into()),
        r.occasions.to_string(),
        money(r.revenue),
        money(r.margin),
        format!("{:.0}", r.recency_days),
        r.clv.map(money).unwrap_or_else(|| "—".into()),
        r.p_alive.map(|p| format!("{p:.2}")).unwrap_or_else(|| "—".into()),
        format!("{:.2}", r.priority),
    ]
}

#[component]
pub fn CustomersScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let scroll_top = RwSignal::new(0.0f64);
    let first = Memo::new(move |_| (scroll_top.get() / ROW_H).max(0.0) as usize);
    let scroller = NodeRef::<leptos::html::Div>::new();
    // What the list shows depends on the selection, the language and the scores in hand.
    let key = Memo::new(move |_| {
        (state.selection.get(), (state.lang.get(), state.anonymise.get()), state.scores.with(|s| s.as_ref().map(|s| s.file_name.clone())))
    });
    // The outside world (the worker): a new selection starts at the top…
    Effect::new(move |_| {
        let (_, _, file) = key.get();
        if file.is_none() {
            return;
        }
        // Back to the top (the scroll event then updates `scroll_top`).
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        worker.list(0, FETCH);
    });
    // The outside world: an open card is asked for again when the anonymise switch flips or the
    // language changes (the worker writes its classes and reasons in the language asked).
    Effect::new(move |prev: Option<(bool, Lang)>| {
        let now = (state.anonymise.get(), state.lang.get());
        if prev.is_some() {
            if let Some(index) = state.card.with_untracked(|c| c.as_ref().map(|c| c.row.index)) {
                worker.card(index);
            }
        }
        now
    });
    // …and scrolling past the rows in hand asks for the next window.
    Effect::new(move |_| {
        let f = first.get();
        let covered = state.list.with_untracked(|l| match l {
            Some(p) => p.offset <= f && (f + VIEW_ROWS <= p.offset + p.rows.len() || p.offset + p.rows.len() >= p.total),
            None => true, // the first window is on its way
        });
        if !covered {
            worker.list(f.saturating_sub(FETCH_BEFORE), FETCH);
        }
    });

    let total = move || state.list.with(|l| l.as_ref().map(|p| p.total));
    view! {
        <section class="panel customers" data-testid="customers">
            <h2>{move || state.tr("customers.title")}</h2>
            <div class="list-tools">
                <input type="search" data-testid="list-search" placeholder=move || state.tr("customers.search")
                    aria-label=move || state.tr("customers.search")
                    prop:value=move || state.selection.with(|s| s.search.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); state.selection.update(|s| s.search = v) } />
                <FilterMenu />
                <button class="secondary" data-testid="export-list" on:click=move |_| worker.export_list()>{move || state.tr("customers.export")}</button>
            </div>
            <div class="chips">
                <span class="list-total">
                    {move || state.tr("customers.in_list")} " "
                    <strong data-testid="list-total">{move || total().map(|t| int(t as u64))}</strong>
                </span>
                <FilterChips />
            </div>
            <div class="list" role="table" aria-label=move || state.tr("customers.title")>
                <div class="list-head" role="row"><ListHeader /></div>
                <div class="list-scroll" node_ref=scroller style=format!("height:{}px", VIEW_ROWS as f64 * ROW_H)
                    on:scroll=move |ev| {
                        let top = event_target::<web_sys::HtmlElement>(&ev).scroll_top();
                        scroll_top.set(f64::from(top));
                    }>
                    <div class="list-body" style=move || format!("height:{}px", total().unwrap_or(0) as f64 * ROW_H)><ListRows first /></div>
                </div>
            </div>
            <CustomerCard />
        </section>
    }
}

/// The filter chips of the list in hand (their labels come with it from the worker), redrawn only when
/// they change, not on every window scrolled in; a chip whose filter was just removed goes at once, not
/// when the worker's answer for the new selection arrives. A chip's × removes its filter.
#[component]
fn FilterChips() -> impl IntoView {
    let state = expect_context::<AppState>();
    let list_chips = Memo::new(move |_| state.list.with(|l| l.as_ref().map(|p| p.chips.clone())));
    move || {
        let lang = state.lang.get();
        let filters = state.selection.with(|s| s.filters.clone());
        list_chips.get().map(|chips| {
            chips
                .iter()
                .filter(|c| filters.contains(&c.filter))
                .map(|c| {
                    let f = c.filter;
                    let text = format!("{}: {}", c.dimension, c.class);
                    let aria = format!("{} {text}", crate::ui::i18n::tr(lang, "customers.remove_filter"));
                    view! {
                        <span class="chip" data-testid=format!("chip-{}", f.to_key())>
                            {text}
                            <button class="chip-x" aria-label=aria
                                on:click=move |_| state.selection.update(|s| s.filters.retain(|x| *x != f))>"×"</button>
                        </span>
                    }
                })
                .collect_view()
        })
    }
}

/// The filter menu: a classification, then one of its classes (with its count); choosing a class
/// replaces any filter on that classification.
#[component]
fn FilterMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let menu_dim = RwSignal::new(String::new());
    move || {
        let lang = state.lang.get();
        let scores = state.scores.get()?;
        let dims = scores
            .facets
            .iter()
            .map(|f| view! { <option value=f.dim.key()>{lang.pick(f.en.as_str(), f.zh.as_str()).to_string()}</option> })
            .collect_view();
        let chosen = Dimension::from_key(&menu_dim.get());
        let classes = chosen.and_then(|d| scores.facets.iter().find(|f| f.dim == d).cloned()).map(|f| {
            let opts = f
                .classes
                .iter()
                .map(|c| {
                    let label = format!("{} ({})", lang.pick(c.en.as_str(), c.zh.as_str()), int(c.customers));
                    view! { <option value=c.class.to_string()>{label}</option> }
                })
                .collect_view();
            view! {
                <select data-testid="filter-class" aria-label=crate::ui::i18n::tr(lang, "rfm.class")
                    on:change=move |ev| {
                        if let Ok(class) = event_target_value(&ev).parse::<usize>() {
                            let filter = Filter { dim: f.dim, class };
                            state.selection.update(|s| {
                                s.filters.retain(|x| x.dim != filter.dim);
                                s.filters.push(filter);
                            });
                            menu_dim.set(String::new());
                        }
                    }>
                    <option value="">{crate::ui::i18n::tr(lang, "customers.choose_a_class")}</option>
                    {opts}
                </select>
            }
        });
        Some(view! {
            <label class="inline">
                <span>{crate::ui::i18n::tr(lang, "customers.add_a_filter")}</span>
                <select data-testid="filter-dim" prop:value=move || menu_dim.get() on:change=move |ev| menu_dim.set(event_target_value(&ev))>
                    <option value="">{crate::ui::i18n::tr(lang, "customers.classification")}</option>
                    {dims}
                </select>
            </label>
            {classes}
        })
    }
}

/// The list's column titles; a sortable one sorts by it, and again the other way.
#[component]
fn ListHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        let sel = state.selection.get();
        columns(lang)
            .into_iter()
            .map(|(title, sort, numeric)| {
                let arrow = match sort {
                    Some(k) if k == sel.sort => {
                        if sel.descending {
                            " ▼"
                        } else {
                            " ▲"
                        }
                    }
                    _ => "",
                };
                let class = if numeric { "cell num" } else { "cell" };
                match sort {
                    Some(k) => view! {
                        <button class=format!("{class} sort") data-testid=format!("sort-{}", k.key())
                            on:click=move |_| state.selection.update(|s| {
                                if s.sort == k { s.descending = !s.descending } else { s.sort = k; s.descending = k != SortKey::Id }
                            })>{title}{arrow}</button>
                    }
                    .into_any(),
                    None => view! { <span class=class>{title}</span> }.into_any(),
                }
            })
            .collect_view()
    }
}

/// The rows around the view, placed at their offsets in the scrolled body; a row opens its card.
/// Props: `first`, the first row in view.
#[component]
fn ListRows(first: Memo<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    move || {
        let f = first.get();
        state.list.get().map(|p| {
            let lo = f.saturating_sub(8).max(p.offset);
            let hi = (f + VIEW_ROWS + 8).min(p.offset + p.rows.len());
            (lo..hi)
                .map(|k| {
                    let r = &p.rows[k - p.offset];
                    let index = r.index;
                    let cells = cells(r)
                        .into_iter()
                        .enumerate()
                        .map(|(c, text)| {
                            let class = if c >= 4 { "cell num" } else { "cell" };
                            view! { <span class=class>{text}</span> }
                        })
                        .collect_view();
                    view! {
                        <div class="list-row" role="row" tabindex="0" data-testid="list-row" data-row=k.to_string() style=format!("top:{}px", k as f64 * ROW_H)
                            on:click=move |_| worker.card(index)
                            on:keydown=move |ev| if ev.key() == "Enter" { worker.card(index) }>
                            {cells}
                        </div>
                    }
                })
                .collect_view()
        })
    }
}

#[component]
fn CustomerCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let card = state.card.get()?;
        let lang = state.lang.get();
        let max = card.history.iter().map(|h| h.1).fold(0.0, f64::max).max(1e-9);
        let history = card
            .history
            .iter()
            .rev()
            .map(|(d, v)| {
                let w = (100.0 * v.max(0.0) / max).clamp(0.0, 100.0);
                view! { <tr><td>{d.to_string()}</td><td class="num">{money(*v)}</td><td class="spark"><span style=format!("width:{w:.0}%")></span></td></tr> }
            })
            .collect_view();
        let scores =
            card.scores.iter().map(|(k, v)| view! { <tr><th>{k.clone()}</th><td class="num">{v.clone()}</td></tr> }).collect_view();
        let classes = card
            .classes
            .iter()
            .map(|c| {
                view! {
                    <div class="card-class">
                        <div><span class="muted">{c.dimension.clone()}</span> " " <strong>{c.class.clone()}</strong></div>
                        <p class="class-reason" data-testid="class-reason">{c.reason.clone().unwrap_or_default()}</p>
                        <p class="class-strategy">{c.strategy.clone().unwrap_or_default()}</p>
                    </div>
                }
            })
            .collect_view();
        let dates = match (card.first_date, card.last_date) {
            (Some(a), Some(b)) => format!("{a} → {b}"),
            _ => String::new(),
        };
        let shown = if card.history_total > card.history.len() {
            format!("{} / {}", card.history.len(), card.history_total)
        } else {
            card.history_total.to_string()
        };
        Some(view! {
            <aside class="customer-card" data-testid="customer-card" aria-label=crate::ui::i18n::tr(lang, "customers.customer_card")>
                <button class="chip-x close" aria-label=crate::ui::i18n::tr(lang, "customers.close") on:click=move |_| state.card.set(None)>"×"</button>
                <h3 data-testid="card-id">{card.row.id.clone()} {card.row.name.clone().map(|n| format!(" · {n}"))}</h3>
                <p class="muted">{dates} {card.region.clone().map(|r| format!(" · {r}"))}</p>
                <div class="card-grid">
                    <div>
                        <h4>{crate::ui::i18n::tr(lang, "customers.scores")}</h4>
                        <table class="kv">{scores}</table>
                    </div>
                    <div>
                        <h4>{crate::ui::i18n::tr(lang, "customers.classes_and_treatments")}</h4>
                        {classes}
                    </div>
                    <div>
                        <h4>{crate::ui::i18n::tr(lang, "customers.purchases")} " (" {shown} ")"</h4>
                        <table class="history">{history}</table>
                    </div>
                </div>
            </aside>
        })
    }
}
