//! The printable report: a first page with the file, the data summary and every setting in
//! force, then every view, one per printed page (the print stylesheet breaks after each panel and
//! hides the controls). The browser's "Save as PDF" makes the PDF; nothing leaves the page.

use leptos::prelude::*;

use crate::ui::screens::clv_screen::ClvScreen;
use crate::ui::format::{int, money, percent};
use crate::ui::screens::lifecycle_screen::LifecycleScreen;
use crate::ui::screens::overview_screen::OverviewScreen;
use crate::ui::screens::portfolio_screen::PortfolioScreen;
use crate::ui::screens::rfm_screen::RfmScreen;
use crate::ui::widgets::scenario_panels::ScenarioTable;
use crate::ui::state::AppState;
use crate::engine::settings_form;

#[component]
pub fn ReportScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cover = move || {
        let v = state.view.get()?;
        let o = v.overview.clone();
        let range = match (o.date_min, o.date_max) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "—".into(),
        };
        let facts = [
            (state.tr("map.file"), state.file_label(&v.report.file_name)),
            (state.tr("report.read"), int(v.report.rows_read)),
            (state.tr("report.used"), int(v.report.rows_used)),
            (state.tr("report.rejected"), int(v.report.rows_rejected)),
            (state.tr("overview.customers"), int(o.customers)),
            (state.tr("overview.range"), range),
            (state.tr("map.analysis_date"), o.analysis_date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
            (state.tr("overview.revenue"), money(o.revenue)),
            (state.tr("overview.margin"), money(o.margin)),
            (state.tr("overview.repeat"), percent(o.repeat_share)),
        ]
        .into_iter()
        .map(|(k, val)| view! { <tr><th>{k}</th><td>{val}</td></tr> })
        .collect_view();
        // Each setting under its label and in words of the page's language (the files keep the keys and
        // the settings file's values).
        let lang = state.lang.get();
        let settings = settings_form::describe(&state.settings.get(), lang)
            .into_iter()
            .map(|(k, val)| view! { <tr><th title=k.clone()>{settings_form::describe_label(&k, lang).to_string()}</th><td>{val}</td></tr> })
            .collect_view();
        Some(view! {
            <section class="panel report-cover" data-testid="report-cover">
                <h2>{state.tr("report.title_print")}</h2>
                <p class="muted">{state.tr("privacy.line")}</p>
                <h3>{state.tr("report.data")}</h3>
                <table class="kv">{facts}</table>
                <h3>{state.tr("overview.settings")}</h3>
                <table class="kv settings-list">{settings}</table>
            </section>
        })
    };
    view! {
        <div class="report" data-testid="report">
            <p class="muted no-print">{move || state.tr("report.hint")}</p>
            {cover}
            <OverviewScreen />
            <RfmScreen />
            <ClvScreen />
            <PortfolioScreen />
            <LifecycleScreen />
            <section class="panel report-scenarios"><ScenarioTable /></section>
        </div>
    }
}
