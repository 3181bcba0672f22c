//! The Settings view: every setting, grouped, from the engine's form table; a reset to the
//! defaults; the AHP matrix editor with its consistency ratio; applying re-scores in the worker;
//! settings kept in this browser only when the user opts in; export and import as a JSON file.

use leptos::prelude::*;

use crate::ui::settings_store;
use crate::ui::state::AppState;
use crate::ui::download::download_as;
use crate::ui::worker_client::use_worker;
use crate::engine::rfm::ahp;
use crate::engine::lang::Lang;
use crate::engine::settings::Settings;
use crate::engine::settings_form::{self, Field, Kind, SettingsFileError, FIELDS, GROUPS};

/// Saaty's scale as shown in the AHP editor: 1/9 … 1 … 9.
const SCALE: [f64; 17] =
    [1.0 / 9.0, 1.0 / 8.0, 1.0 / 7.0, 1.0 / 6.0, 1.0 / 5.0, 1.0 / 4.0, 1.0 / 3.0, 1.0 / 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];

fn scale_label(v: f64) -> String {
    if v >= 1.0 {
        format!("{v:.0}")
    } else {
        format!("1/{:.0}", 1.0 / v)
    }
}

/// What the settings view last did, said in the language of the moment (a switch of language
/// re-words it).
#[derive(Clone)]
enum Notice {
    Applied,
    /// A settings file loaded into the form.
    Imported(String),
    /// A settings file that cannot be used: its name and why (not settings, or out of range).
    Refused(String, SettingsFileError),
}

impl Notice {
    fn text(&self, lang: Lang) -> String {
        let tr = |key| crate::ui::i18n::tr(lang, key);
        match self {
            Notice::Applied => tr("settings.applied").to_string(),
            Notice::Imported(name) => format!("{name}: {}", tr("settings.imported")),
            Notice::Refused(name, e) => format!("{name}: {}", e.text(lang)),
        }
    }
}

#[component]
pub fn SettingsScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let draft = RwSignal::new(state.settings.get_untracked());
    // Fields whose typed text cannot be used: (path, the text). The message is made when shown, in
    // the language of the moment.
    let errors: RwSignal<Vec<(&'static str, String)>> = RwSignal::new(Vec::new());
    let remember = state.settings_kept;
    let notice = RwSignal::new(None::<Notice>);
    let dirty = Memo::new(move |_| draft.with(|d| state.settings.with(|s| d != s)));

    let apply = move |_| {
        let s = draft.get_untracked();
        state.settings.set(s.clone());
        if remember.get_untracked() {
            settings_store::save(&s);
        }
        notice.set(Some(Notice::Applied));
        worker.reimport();
    };
    let toggle_remember = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        remember.set(on);
        if on {
            settings_store::save(&state.settings.get_untracked());
        } else {
            settings_store::clear();
        }
    };
    let export = move |_| {
        let text = serde_json::to_string_pretty(&draft.get_untracked()).unwrap_or_default();
        download_as("kezhi_settings.json", &text, "application/json");
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = event_target::<web_sys::HtmlInputElement>(&ev).files().and_then(|f| f.get(0)) else { return };
        leptos::task::spawn_local(read_settings_file(file, draft, errors, notice));
    };

    view! {
        <section class="panel settings" data-testid="settings">
            <h2>{move || state.tr("settings.title")}</h2>
            <p class="muted">{move || state.tr("settings.intro")}</p>
            <div class="list-tools">
                <button class="primary" data-testid="settings-apply" disabled=move || !dirty.get() || errors.with(|e| !e.is_empty()) on:click=apply>{move || state.tr("settings.apply")}</button>
                <button class="secondary" data-testid="settings-reset" on:click=move |_| { draft.set(Settings::default()); errors.set(Vec::new()); }>{move || state.tr("settings.reset")}</button>
                <button class="secondary" data-testid="settings-export" on:click=export>{move || state.tr("settings.export")}</button>
                <label class="button secondary">{move || state.tr("settings.import")}
                    <input type="file" data-testid="settings-import" accept=".json,application/json" on:change=import style="display:none" />
                </label>
                <label class="inline check"><input type="checkbox" data-testid="settings-remember" prop:checked=remember on:change=toggle_remember />
                    {move || state.tr("settings.remember")}</label>
            </div>
            {move || notice.get().map(|n| view! { <p class="notice-line" data-testid="settings-notice" role="status">{n.text(state.lang.get())}</p> })}
            <AhpEditor draft=draft />
            <SettingGroups draft errors />
        </section>
    }
}

/// A settings file the user picked — the settings themselves, or the `.settings.json` written beside
/// an export — into the draft when every setting in it can be used; else the notice says why.
async fn read_settings_file(file: web_sys::File, draft: RwSignal<Settings>, errors: RwSignal<Vec<(&'static str, String)>>, notice: RwSignal<Option<Notice>>) {
    let name = file.name();
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
    match settings_form::checked_from_json(&text) {
        Ok(s) => {
            draft.set(s);
            errors.set(Vec::new());
            notice.set(Some(Notice::Imported(name)));
        }
        Err(e) => notice.set(Some(Notice::Refused(name, e))),
    }
}

/// Every setting's field, in its group. Props: `draft`, the settings being edited; `errors`, the
/// fields whose typed text cannot be used.
#[component]
fn SettingGroups(draft: RwSignal<Settings>, errors: RwSignal<Vec<(&'static str, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        GROUPS
            .iter()
            .map(|(key, name)| {
                let fields = FIELDS
                    .iter()
                    .filter(|f| f.group == *key)
                    .map(|f| view! { <SettingField f=*f lang draft errors /> })
                    .collect_view();
                view! { <fieldset class="settings-group"><legend>{name.get(lang)}</legend><div class="controls">{fields}</div></fieldset> }
            })
            .collect_view()
    }
}

/// One setting: its label, an input of its kind, its default in words (and a JSON field's value in
/// words), and what is wrong with text typed into it. Props: `f`, the field; `lang`; `draft`, the
/// settings being edited; `errors`, the fields' typed texts that cannot be used.
#[component]
fn SettingField(f: Field, lang: Lang, draft: RwSignal<Settings>, errors: RwSignal<Vec<(&'static str, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Rounded for reading; a box left as shown is not set again (`settings_form::shown`).
    let value = move || draft.with(|d| settings_form::shown(d, &f));
    let defaults = Settings::default();
    // The default in words (`settings_form::describe`: "mean", "R × F grid"), not as
    // the settings file writes it; the form's own value stays editable JSON.
    let key = f.path.trim_start_matches('/');
    let default = settings_form::describe(&defaults, lang)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, words)| words)
        .or_else(|| settings_form::choice_label(&defaults, &f, lang).map(str::to_string))
        .unwrap_or_else(|| settings_form::text(&defaults, &f));
    let error = move || {
        let typed = errors.with(|e| e.iter().find(|(p, _)| *p == f.path).map(|(_, t)| t.clone()))?;
        settings_form::set(&draft.get(), &f, &typed, lang).err()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let t = event_target_value(&ev);
        if draft.with_untracked(|d| settings_form::shown(d, &f)) == t.trim() {
            errors.update(|e| e.retain(|(p, _)| *p != f.path));
            return;
        }
        match settings_form::set(&draft.get_untracked(), &f, &t, state.lang.get_untracked()) {
            Ok(s) => {
                draft.set(s);
                errors.update(|e| e.retain(|(p, _)| *p != f.path));
            }
            Err(_) => errors.update(|e| {
                e.retain(|(p, _)| *p != f.path);
                e.push((f.path, t));
            }),
        }
    };
    let input = match f.kind {
        Kind::Choice(options) => {
            let opts = options.iter().map(|o| view! { <option value=o.code>{o.label(lang)}</option> }).collect_view();
            view! { <select prop:value=value on:change=on_change aria-label=f.label(lang)>{opts}</select> }.into_any()
        }
        Kind::Json => view! { <input type="text" class="json" prop:value=value on:change=on_change aria-label=f.label(lang) spellcheck="false" /> }.into_any(),
        Kind::Date => view! { <input type="text" placeholder="YYYY-MM-DD" prop:value=value on:change=on_change aria-label=f.label(lang) /> }.into_any(),
        Kind::Number | Kind::Integer => view! { <input type="text" inputmode="decimal" prop:value=value on:change=on_change aria-label=f.label(lang) /> }.into_any(),
    };
    let shown_default = if default.is_empty() { "—".to_string() } else { default };
    // A JSON field's value in words too ("mean", "R × F grid"), as it stands now.
    let now_words = move || {
        let words = draft.with(|d| settings_form::describe(d, lang).into_iter().find(|(k, _)| k == key).map(|(_, w)| w))?;
        Some(format!("{}{words}", crate::ui::i18n::tr(lang, "settings.now")))
    };
    view! {
        <label class="setting" data-testid=format!("setting-{}", f.path.trim_start_matches('/').replace('/', "."))>
            <span class="setting-name">{f.label(lang)}</span>
            {input}
            {(f.kind == Kind::Json).then(|| view! { <small class="setting-words" data-testid="setting-words">{now_words}</small> })}
            <small class="muted">{crate::ui::i18n::tr(lang, "settings.default")}{shown_default}</small>
            {move || error().map(|m| view! { <small class="field-error" role="alert">{m}</small> })}
        </label>
    }
}

/// The AHP editor: three comparisons on Saaty's scale, the weights and the consistency ratio as the
/// engine computes them; "use" puts the matrix into the draft (its weights then drive the combined
/// RFM score and, if chosen, the pyramid).
#[component]
fn AhpEditor(draft: RwSignal<Settings>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Upper triangle: R vs F, R vs M, F vs M.
    let start = draft.with_untracked(|d| d.ahp_rfm.as_ref().map(|m| [m[0][1], m[0][2], m[1][2]])).unwrap_or([1.0; 3]);
    let upper = RwSignal::new(start);
    let result = Memo::new(move |_| ahp::from_upper(3, &upper.get()).map(|m| ahp::weights(&m)));
    let pair = move |k: usize, a: &'static str, b: &'static str| {
        let options = SCALE
            .iter()
            .map(|v| view! { <option value=format!("{v}") selected=move || (upper.get()[k] - v).abs() < 1e-9>{scale_label(*v)}</option> })
            .collect_view();
        view! {
            <label class="inline">
                <span>{format!("{a} : {b}")}</span>
                <select data-testid=format!("ahp-{k}") on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        upper.update(|u| u[k] = v);
                    }
                }>{options}</select>
            </label>
        }
    };
    let summary = move || {
        let lang = state.lang.get();
        match result.get() {
            Some(Ok(r)) => {
                let verdict = if r.consistent {
                    crate::ui::i18n::tr(lang, "settings.consistent")
                } else {
                    crate::ui::i18n::tr(lang, "settings.inconsistent_revise_the_judgments")
                };
                format!(
                    "wR {:.3} · wF {:.3} · wM {:.3} · CR {:.3} ({verdict})",
                    r.weights[0], r.weights[1], r.weights[2], r.consistency_ratio
                )
            }
            _ => crate::ui::i18n::tr(lang, "settings.these_judgments_cannot_be").to_string(),
        }
    };
    view! {
        <fieldset class="settings-group ahp" data-testid="ahp-editor">
            <legend>{move || state.tr("settings.ahp")}</legend>
            <p class="muted small">{move || state.tr("settings.ahp_note")}</p>
            <div class="list-tools">
                {pair(0, "R", "F")}
                {pair(1, "R", "M")}
                {pair(2, "F", "M")}
            </div>
            <p data-testid="ahp-result" class:bad=move || matches!(result.get(), Some(Ok(ref r)) if !r.consistent)>{summary}</p>
            <button class="secondary" data-testid="ahp-use" on:click=move |_| {
                if let Some(m) = ahp::from_upper(3, &upper.get_untracked()) {
                    draft.update(|d| d.ahp_rfm = Some(m));
                }
            }>{move || state.tr("settings.ahp_use")}</button>
            <button class="secondary" on:click=move |_| { draft.update(|d| d.ahp_rfm = None); upper.set([1.0; 3]); }>{move || state.tr("settings.ahp_clear")}</button>
        </fieldset>
    }
}
