//! The fit report on the overview: the verdict, the fitted parameters with standard errors, the
//! log-likelihoods of BG/NBD and Pareto/NBD side by side, and every finding in plain words. All
//! numbers come from the worker's `ScoreView`; this file only formats them.

use leptos::prelude::*;

use crate::ui::format::money;
use crate::ui::state::AppState;
use crate::engine::models::fit_report::{Finding, Verdict};

fn param(name: &str, value: f64, se: Option<f64>) -> String {
    match se {
        Some(se) => format!("{name} {value:.4} (± {se:.4})"),
        None => format!("{name} {value:.4}"),
    }
}

/// "r 0.2426 (± 0.0126) · α … · LL −9582.43"
fn line(params: [(&str, f64, Option<f64>); 4], log_likelihood: f64) -> String {
    params.iter().map(|&(n, v, se)| param(n, v, se)).chain(std::iter::once(format!("LL {log_likelihood:.2}"))).collect::<Vec<_>>().join(" · ")
}

#[component]
pub fn ModelFitPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.view.get()?;
        let Some(s) = state.scores.get() else {
            return Some(view! {
                <section class="fit" data-testid="fit-working">
                    <h3>{state.tr("fit.title")}</h3>
                    <p class="muted">{state.tr("fit.working")}</p>
                </section>
            }
            .into_any());
        };
        let lang = state.lang.get();
        let class = match s.report.verdict {
            Verdict::Good => "verdict good",
            Verdict::UseWithCare => "verdict care",
            Verdict::NotUsable => "verdict refused",
        };
        let bg = s.bg_nbd.as_ref().map(|f| {
            let (p, e) = (f.params, f.standard_errors);
            line([("r", p.r, e.map(|e| e.r)), ("α", p.alpha, e.map(|e| e.alpha)), ("a", p.a, e.map(|e| e.a)), ("b", p.b, e.map(|e| e.b))], f.log_likelihood)
        });
        let pnbd = s.pareto_nbd.as_ref().map(|f| {
            let (p, e) = (f.params, f.standard_errors);
            line([("r", p.r, e.map(|e| e.r)), ("α", p.alpha, e.map(|e| e.alpha)), ("s", p.s, e.map(|e| e.s)), ("β", p.beta, e.map(|e| e.beta))], f.log_likelihood)
        });
        let gg = s.gamma_gamma.as_ref().map(|f| format!("p {:.4} · q {:.4} · γ {:.4} · LL {:.2}", f.params.p, f.params.q, f.params.gamma, f.log_likelihood));
        let clv = (s.clv_customers > 0).then(|| format!("{} · {} {}", money(s.clv_total), state.tr("fit.clv_mean"), money(s.clv_total / s.clv_customers as f64)));
        let not_fitted = state.tr("fit.not_fitted");
        let pending = s.comparison_pending;
        let stopped = s.report.findings.iter().any(|f| matches!(f, Finding::ChecksNotRun { .. }));
        let pnbd = pnbd.unwrap_or_else(|| match (pending, stopped) {
            (true, _) => state.tr("fit.checks_working").into(),
            (false, true) => state.tr("fit.checks_not_run").into(),
            (false, false) => not_fitted.into(),
        });
        let findings: Vec<String> = s.report.findings.iter().map(|f| f.text(lang)).collect();
        Some(view! {
            <section class="fit" data-testid="fit-report" data-pending=pending.to_string()>
                <h3>{state.tr("fit.title")}</h3>
                <p class=class data-testid="fit-verdict">{s.report.verdict.text(lang)}</p>
                <dl class="fit-params">
                    <dt>"BG/NBD"</dt><dd data-testid="fit-bg-nbd">{bg.unwrap_or_else(|| not_fitted.into())}</dd>
                    <dt>"Pareto/NBD"</dt><dd data-testid="fit-pareto-nbd" class:muted=pending>{pnbd}</dd>
                    <dt>"Gamma-Gamma"</dt><dd data-testid="fit-gamma-gamma">{gg.unwrap_or_else(|| not_fitted.into())}</dd>
                    <dt>{state.tr("fit.clv_total")}</dt><dd data-testid="fit-clv">{clv.unwrap_or_else(|| "—".into())}</dd>
                </dl>
                <ul class="findings" data-testid="fit-findings">
                    {findings.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                    {pending.then(|| view! { <li class="muted" data-testid="checks-working">{state.tr("fit.checks_working")}</li> })}
                </ul>
            </section>
        }
        .into_any())
    }
}
