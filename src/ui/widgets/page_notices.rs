//! The page's running notices, under the header: the named progress bar with Cancel while the worker
//! works, and what happened to the last job (cancelled, forgotten, crashed — with Retry).

use crate::engine::import::Stage;
use crate::engine::texts::fill;
use crate::ui::state::{AppState, CrashKind, SettingsLink, SettingsLinkProblem};
use crate::ui::worker_client::use_worker;
use leptos::prelude::*;

#[component]
pub fn ProgressBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    // After the import, while the worker fits the models: no fraction to show, so the bar runs
    // (CSS animation) and the fit can be cancelled from here, whichever view is open.
    let fitting = move || {
        state.busy.with(Option::is_none)
            && state.view.with(Option::is_some)
            && state.scores.with(Option::is_none)
            && state.failure.with(Option::is_none)
    };
    let fitting_bar = move || {
        fitting().then(|| {
            view! {
                <div class="progress" data-testid="fitting" role="progressbar">
                    <div class="progress-label">{state.tr("fit.working")}</div>
                    <div class="progress-track"><div class="progress-fill running"></div></div>
                    <button class="button cancel" data-testid="cancel-fit" on:click=move |_| use_worker().cancel()>{state.tr("busy.cancel")}</button>
                </div>
            }
        })
    };
    let import_bar = move || {
        state.busy.get().map(|b| {
            let (label, pct, rows) = match b.progress {
                None => ("busy.starting", 0.0, None),
                Some(p) => {
                    let key = match p.stage {
                        Stage::Reading => "busy.reading",
                        Stage::Parsing => "busy.parsing",
                        Stage::Building => "busy.building",
                    };
                    let pct = if p.total > 0 { 100.0 * p.done as f64 / p.total as f64 } else { 0.0 };
                    (key, pct, Some(p.rows))
                }
            };
            view! {
                <div class="progress" data-testid="progress" role="progressbar" aria-valuenow=format!("{pct:.0}")>
                    <div class="progress-label">
                        {state.file_label(&b.file_name)} " — " {state.tr(label)}
                        {rows.filter(|r| *r > 0).map(|r| format!(" · {} {}", crate::ui::format::int(r), state.tr("busy.rows")))}
                    </div>
                    <div class="progress-track"><div class="progress-fill" style=format!("width:{pct:.1}%")></div></div>
                    <button class="button cancel" data-testid="cancel" on:click=move |_| use_worker().cancel()>{state.tr("busy.cancel")}</button>
                </div>
            }
        })
    };
    // After the scores, while the fits worker runs the comparison and the checks: the views answer
    // meanwhile; this says what still runs and lets the user stop waiting for it.
    let checking = Memo::new(move |_| state.scores.with(|s| s.as_ref().is_some_and(|s| s.comparison_pending)));
    let checks_bar = move || {
        checking.get().then(|| {
            view! {
                <div class="progress slim" data-testid="checking" role="progressbar" aria-label=state.tr("fit.checks_working")>
                    <div class="progress-label">{state.tr("fit.checks_working")}</div>
                    <div class="progress-track"><div class="progress-fill running"></div></div>
                    <button class="button cancel" data-testid="cancel-checks" on:click=move |_| use_worker().cancel_checks()>{state.tr("busy.cancel")}</button>
                </div>
            }
        })
    };
    view! { {import_bar} {fitting_bar} {checks_bar} }
}

/// Why the address's `?settings=` was not applied, in the page's language.
#[component]
pub fn SettingsLinkNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        state.settings_link.get().map(|SettingsLink { link, why }| {
            let text = match why {
                SettingsLinkProblem::OtherServer { url } => fill(state.tr("link.settings_other_server"), &[("link", &link), ("url", &url)]),
                SettingsLinkProblem::Unreadable { detail } => fill(state.tr("link.settings_unreadable"), &[("link", &link), ("detail", &detail)]),
                SettingsLinkProblem::Refused(e) => fill(state.tr("link.settings_refused"), &[("link", &link), ("why", &e.text(lang))]),
            };
            view! { <div class="notice error" data-testid="settings-link-refused" role="alert">{text}</div> }
        })
    }
}

#[component]
pub fn CancelledNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || state.cancelled.get().then(|| view! { <div class="notice" data-testid="cancelled">{state.tr("busy.cancelled")}</div> })
}

#[component]
pub fn ForgottenNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || state.forgotten.get().then(|| view! { <div class="notice" data-testid="forgotten">{state.tr("privacy.forgotten")}</div> })
}

#[component]
pub fn CrashNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    move || {
        state.crash.get().map(|c| {
            let (title, hint) = match c.kind {
                CrashKind::Bug => ("crash.title", "crash.hint"),
                CrashKind::OutOfMemory => ("crash.oom_title", "crash.oom_hint"),
                CrashKind::GaveUp => ("crash.title", "crash.gave_up"),
                CrashKind::Mismatch => ("crash.mismatch_title", "crash.mismatch_hint"),
            };
            let retry = (!matches!(c.kind, CrashKind::GaveUp | CrashKind::Mismatch) && worker.can_retry()).then(|| {
                view! { <button class="button" data-testid="retry" on:click=move |_| worker.retry()>{state.tr("crash.retry")}</button> }
            });
            let reload = (c.kind == CrashKind::Mismatch).then(|| {
                view! { <button class="button" data-testid="reload" on:click=move |_| { let _ = window().location().reload(); }>{state.tr("crash.reload")}</button> }
            });
            view! {
                <div class="notice error" data-testid="crash" data-kind=format!("{:?}", c.kind)>
                    <strong>{state.tr(title)}</strong>
                    <p>{state.tr(hint)}</p>
                    {retry}
                    {reload}
                    <details><summary>{state.tr("crash.details")}</summary><code>{c.detail}</code></details>
                </div>
            }
        })
    }
}
