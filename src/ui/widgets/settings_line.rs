//! The settings a chart was computed with, in one muted line under it (every chart shows its units
//! and the settings in force). They are the settings of the import on screen, not the
//! Settings view's unapplied draft. Short names and values in words of the page's language; the
//! exports carry the settings file's keys and codes.

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::engine::settings_form;

#[component]
pub fn SettingsLine(keys: &'static [&'static str]) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let v = state.view.get()?;
        let lang = state.lang.get();
        let parts: Vec<String> =
            settings_form::short_lines(&v.settings, lang).into_iter().filter(|(k, _)| keys.contains(&k.as_str())).map(|(_, line)| line).collect();
        (!parts.is_empty()).then(|| view! { <p class="settings-line muted small" data-testid="settings-line">{format!("{}: {}", state.tr("overview.settings"), parts.join(" · "))}</p> })
    }
}
