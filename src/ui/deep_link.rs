//! The URL remembers the view and the customer list's selection, never the data:
//! `#view=customers&f=pyramid:0,tier:2&q=text&sort=revenue&desc=1`. `?demo=1` opens the demo data, so
//! a link like `?demo=1#view=rfm` shows a client the RFM view straight away. For intranet teams,
//! `?src=exports/customers.csv` loads a file from the same server at start (never from another
//! origin), and `?settings=team.json` (a same-origin JSON file, or the JSON itself) sets the settings
//! first, so a team can publish Kezhi next to a nightly export.

use leptos::prelude::*;

use crate::ui::state::{AppState, SettingsLink, SettingsLinkProblem, Tab};
use crate::ui::worker_client::WorkerClient;
use crate::engine::views::customer_list::{Filter, Selection, SortKey};

/// What a URL asks for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    pub demo: bool,
    /// `?src=`: a file to load at start (same origin only).
    pub src: Option<String>,
    /// `?settings=`: a same-origin JSON file, or settings JSON inline.
    pub settings: Option<String>,
    pub tab: Option<Tab>,
    pub selection: Option<Selection>,
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " ")).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

/// Reads `?…` and `#…`; unknown keys and malformed values are ignored.
pub fn parse(search: &str, hash: &str) -> Link {
    let pairs = |s: &str| -> Vec<(String, String)> {
        s.trim_start_matches(['?', '#'])
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), decode(v))
            })
            .collect()
    };
    let query = pairs(search);
    let value = |key: &str| query.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string());
    let mut link = Link { demo: query.iter().any(|(k, v)| k == "demo" && v == "1"), src: value("src"), settings: value("settings"), ..Link::default() };
    let mut sel = Selection { descending: true, ..Selection::default() };
    let mut any = false;
    for (k, v) in pairs(hash) {
        match k.as_str() {
            "view" => link.tab = Tab::from_key(&v),
            "f" => {
                sel.filters = v.split(',').filter_map(Filter::from_key).collect();
                any = true;
            }
            "q" => {
                sel.search = v;
                any = true;
            }
            "sort" => {
                if let Some(s) = SortKey::from_key(&v) {
                    sel.sort = s;
                    any = true;
                }
            }
            "desc" => sel.descending = v != "0",
            _ => {}
        }
    }
    link.selection = any.then_some(sel);
    link
}

/// The hash for a view and selection.
pub fn hash(tab: Tab, sel: &Selection) -> String {
    let mut out = format!("#view={}", tab.key());
    if tab == Tab::Customers {
        if !sel.filters.is_empty() {
            out.push_str(&format!("&f={}", sel.filters.iter().map(|f| f.to_key()).collect::<Vec<_>>().join(",")));
        }
        if !sel.search.is_empty() {
            out.push_str(&format!("&q={}", encode(&sel.search)));
        }
        out.push_str(&format!("&sort={}&desc={}", sel.sort.key(), u8::from(sel.descending)));
    }
    out
}

/// Applies the page's URL once, then keeps its hash in step with the view (replacing the history
/// entry, so Back leaves the page rather than stepping through every click).
pub fn start(state: AppState, worker: WorkerClient) {
    let location = window().location();
    let link = parse(&location.search().unwrap_or_default(), &location.hash().unwrap_or_default());
    if let Some(sel) = link.selection.clone() {
        state.selection.set(sel);
    }
    if link.demo {
        worker.demo_opening(link.tab.unwrap_or(Tab::Overview));
    } else if link.src.is_some() || link.settings.is_some() {
        let tab = link.tab;
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(s) = &link.settings {
                match load_settings(s).await {
                    Ok(settings) => state.settings.set(settings),
                    Err(problem) => state.settings_link.set(Some(problem)),
                }
            }
            if let Some(src) = &link.src {
                match fetch_same_origin(src).await {
                    Ok(file) => worker.import_file_opening(file, tab.unwrap_or(Tab::Overview)),
                    Err(e) => state.failure.set(Some(e)),
                }
            }
        });
    }
    // The outside world: the address bar.
    // While anonymised the search text stays out of the address (it may be a customer's name typed
    // before the switch was turned on).
    let shown = move |sel: Selection, anonymise: bool| if anonymise { Selection { search: String::new(), ..sel } } else { sel };
    // Nor does `?src=`, the path of the file on the server (its name may name the client); it comes
    // back when the switch is turned off.
    let original_search = window().location().search().unwrap_or_default();
    let search_for = move |anonymise: bool| if anonymise { without_src(&original_search) } else { original_search.clone() };
    Effect::new(move |_| {
        let tab = state.tab.get();
        let sel = shown(state.selection.get(), state.anonymise.get());
        if state.view.with(|v| v.is_none()) {
            return;
        }
        let h = hash(tab, &sel);
        // Chromium styles and lays out the page inside `replaceState` (didFinishSameDocumentNavigation):
        // done in the task that drew a new screen, it would force that screen's whole first layout
        // there. After the frame it finds the layout done. The latest hash wins: an older one is not written over a newer.
        let search_for = search_for.clone();
        crate::ui::frames::after_next_frame(move || {
            let anonymise = state.anonymise.get_untracked();
            let current = hash(state.tab.get_untracked(), &shown(state.selection.get_untracked(), anonymise));
            let loc = window().location();
            let search = search_for(anonymise);
            if current != h || (loc.hash().unwrap_or_default() == h && loc.search().unwrap_or_default() == search) {
                return;
            }
            let url = format!("{}{}{}", loc.pathname().unwrap_or_default(), search, h);
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        });
    });
}

/// The query string `search` ("?demo=1&src=…") without its `src` parameter ("" when nothing is left).
fn without_src(search: &str) -> String {
    let kept: Vec<&str> = search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("src=")).collect();
    if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) }
}

/// `src` resolved against the page, if it is on the page's own origin.
fn same_origin(src: &str) -> Result<String, String> {
    let location = window().location();
    let here = location.href().unwrap_or_default();
    let url = web_sys::Url::new_with_base(src, &here).map_err(|_| src.to_string())?;
    if url.origin() != location.origin().unwrap_or_default() {
        return Err(url.href());
    }
    Ok(url.href())
}

async fn fetch_bytes(url: &str) -> Result<web_sys::Blob, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| format!("{e:?}"))?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let blob = JsFuture::from(response.blob().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    blob.dyn_into().map_err(|e| format!("{e:?}"))
}

/// Fetches `?src=` (same origin only) as a `File` named after the path.
async fn fetch_same_origin(src: &str) -> Result<web_sys::File, crate::engine::views::import_view::FailureView> {
    use crate::engine::import::errors::ImportError;
    use crate::engine::views::import_view::FailureView;
    let name = src.rsplit('/').next().unwrap_or(src).split(['?', '#']).next().unwrap_or(src).to_string();
    let url = same_origin(src).map_err(|url| FailureView::new(&name, &ImportError::OtherOrigin { url }, None))?;
    let blob = fetch_bytes(&url).await.map_err(|detail| FailureView::new(&name, &ImportError::Fetch { url: url.clone(), detail }, None))?;
    let parts = js_sys::Array::of1(&blob);
    web_sys::File::new_with_blob_sequence(&parts, &name).map_err(|e| FailureView::new(&name, &ImportError::Fetch { url, detail: format!("{e:?}") }, None))
}

/// `?settings=`: JSON inline (starting with `{`), or a same-origin JSON file; missing fields take
/// their defaults, as the Settings view's import does. Refused with why (a notice, in the page's
/// language; the settings in force stay).
async fn load_settings(s: &str) -> Result<crate::engine::settings::Settings, SettingsLink> {
    let refused = |why| SettingsLink { link: s.to_string(), why };
    let text = if s.starts_with('{') {
        s.to_string()
    } else {
        let url = same_origin(s).map_err(|url| refused(SettingsLinkProblem::OtherServer { url }))?;
        let blob = fetch_bytes(&url).await.map_err(|detail| refused(SettingsLinkProblem::Unreadable { detail }))?;
        let text = wasm_bindgen_futures::JsFuture::from(blob.text()).await.map_err(|e| refused(SettingsLinkProblem::Unreadable { detail: format!("{e:?}") }))?;
        text.as_string().unwrap_or_default()
    };
    crate::engine::settings_form::checked_from_json(&text).map_err(|e| refused(SettingsLinkProblem::Refused(e)))
}
