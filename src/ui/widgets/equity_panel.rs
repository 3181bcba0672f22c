//! Customer equity on the overview and in the printed report (seed 002: 企业客户资产 = 新客户的客户资产 +
//! 老客户的客户资产): the headline, its new/veteran split, and the split by pyramid level,
//! gold/meteor/creek/burden class and lifecycle stage, with the settings it depends on.

use leptos::prelude::*;

use crate::ui::i18n::tr;

use crate::ui::format::{int, money, percent};
use crate::ui::state::AppState;
use crate::engine::frameworks::customer_equity::EquityPart;
use crate::engine::texts::fill;
use crate::engine::frameworks::{gold_meteor_creek_burden, lifecycle, value_pyramid};

fn parts_table(title: String, parts: &[EquityPart], label: impl Fn(usize) -> String, testid: &'static str) -> impl IntoView {
    let rows = parts
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{label(p.class)}</td>
                    <td class="num">{int(p.customers)}</td>
                    <td class="num">{money(p.equity)}</td>
                    <td class="share-cell"><span class="share-bar" style=format!("width:{:.1}%", p.share.max(0.0) * 100.0)></span>{percent(p.share)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="equity-split">
            <h4>{title}</h4>
            <table data-testid=testid><tbody>{rows}</tbody></table>
        </div>
    }
}

#[component]
pub fn EquityPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let sc = state.scores.get()?;
        let lang = state.lang.get();
        let Some(e) = sc.equity.clone() else {
            return Some(
                view! { <section class="equity" data-testid="equity"><p class="muted">{state.tr("equity.none")}</p></section> }.into_any(),
            );
        };
        let (new, vet) = (&e.by_tenure[0], &e.by_tenure[1]);
        // The customers left out are named only when there are some.
        let left_out = (e.unvalued > 0).then(|| fill(tr(lang, "equity.left_out"), &[("n", &int(e.unvalued))])).unwrap_or_default();
        let rate = format!("{:.1}", e.discount_annual * 100.0);
        let basis = fill(tr(lang, "equity.basis"), &[("n", &int(e.valued)), ("months", &e.horizon_months), ("rate", &rate), ("left_out", &left_out)]);
        Some(view! {
            <section class="equity" data-testid="equity">
                <h3>{state.tr("equity.title")}</h3>
                <div class="equity-head">
                    <div class="equity-total" data-testid="equity-total">{money(e.total)}</div>
                    <div class="equity-eq">
                        "= "<span data-testid="equity-new">{money(new.equity)}</span>{format!(" {} ({}) + ", state.tr("equity.new"), percent(new.share))}
                        <span data-testid="equity-veteran">{money(vet.equity)}</span>{format!(" {} ({})", state.tr("equity.veteran"), percent(vet.share))}
                    </div>
                </div>
                <p class="muted small" data-testid="equity-basis">{basis}</p>
                <div class="equity-splits">
                    {parts_table(state.tr("equity.by_pyramid").into(), &e.by_pyramid, |k| value_pyramid::label(k, lang).into(), "equity-pyramid")}
                    {parts_table(state.tr("equity.by_gmcb").into(), &e.by_gmcb, |k| gold_meteor_creek_burden::label(k, lang).into(), "equity-gmcb")}
                    {e.by_lifecycle.as_ref().map(|l| parts_table(state.tr("equity.by_lifecycle").into(), l, |k| lifecycle::label(k, lang).into(), "equity-lifecycle"))}
                </div>
            </section>
        }.into_any())
    }
}
