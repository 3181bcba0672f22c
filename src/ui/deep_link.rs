//! The URL remembers the view and the customer list's selection, never the data (issue 5):
//! `#view=customers&f=pyramid:0,tier:2&q=text&sort=revenue&desc=1`. `?demo=1` opens the demo data, so
//! a link like `?demo=1#view=rfm` shows a client the RFM view straight away.

use leptos::prelude::*;

use super::state::{AppState, Tab};
use super::worker_client::WorkerClient;
use crate::engine::customer_list::{Filter, Selection, SortKey};

/// What a URL asks for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    pub demo: bool,
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
    let mut link = Link { demo: pairs(search).iter().any(|(k, v)| k == "demo" && v == "1"), ..Link::default() };
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
    }
    // The outside world: the address bar.
    Effect::new(move |_| {
        let tab = state.tab.get();
        let sel = state.selection.get();
        if state.view.with(|v| v.is_none()) {
            return;
        }
        let h = hash(tab, &sel);
        let loc = window().location();
        if loc.hash().unwrap_or_default() != h {
            let url = format!("{}{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default(), h);
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    });
}
