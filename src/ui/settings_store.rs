//! The settings the user chose to keep in this browser: localStorage, written only after they opt in
//! on the Settings view. Read once, by [`App`](crate::ui::app::App), and passed to
//! [`AppState::new`](crate::ui::state::AppState::new); written and removed by the Settings view;
//! "Forget everything" removes every key of this page (`offline.rs`).

use leptos::prelude::window;

use crate::engine::settings::Settings;

/// The localStorage key of the kept settings.
pub const STORAGE_KEY: &str = "kezhi.settings";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The kept settings, if the user chose to keep them here.
pub fn load() -> Option<Settings> {
    let text = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Keeps `settings` in this browser.
pub fn save(settings: &Settings) {
    if let (Some(st), Ok(text)) = (storage(), serde_json::to_string(settings)) {
        let _ = st.set_item(STORAGE_KEY, &text);
    }
}

/// Removes the kept settings.
pub fn clear() {
    if let Some(st) = storage() {
        let _ = st.remove_item(STORAGE_KEY);
    }
}
