//! Offline use and forgetting: registers the service worker (`sw.js`, which keeps the app's own files
//! for when the server is gone), and removes everything this page keeps in the browser when the user
//! asks — remembered settings, the cached app files, the service worker itself.

use js_sys::{Array, Reflect};
use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Names of the caches sw.js makes.
const CACHE_PREFIX: &str = "kezhi-";
/// Keys this page writes to localStorage (only after the user opts in).
const STORAGE_PREFIX: &str = "kezhi.";

fn has(target: &JsValue, name: &str) -> bool {
    Reflect::has(target, &name.into()).unwrap_or(false)
}

/// Registers sw.js beside the page: its scope is the page's folder, so a sub-path works. Browsers offer
/// service workers only on https and on localhost; elsewhere the page works as before, online only.
pub fn register() {
    let navigator = window().navigator();
    if !has(&navigator, "serviceWorker") {
        return;
    }
    let promise = navigator.service_worker().register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

/// Removes what this page keeps in the browser: its localStorage and sessionStorage keys (other
/// applications on the same intranet origin keep theirs), its caches, and its service worker.
pub async fn forget_everything() -> Result<(), JsValue> {
    let w = window();
    for storage in [w.local_storage(), w.session_storage()].into_iter().filter_map(|s| s.ok().flatten()) {
        let keys: Vec<String> =
            (0..storage.length()?).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(STORAGE_PREFIX)).collect();
        for key in keys {
            storage.remove_item(&key)?;
        }
    }
    if has(&w, "caches") {
        let caches = w.caches()?;
        let names = JsFuture::from(caches.keys()).await?;
        for name in Array::from(&names).iter().filter_map(|n| n.as_string()).filter(|n| n.starts_with(CACHE_PREFIX)) {
            JsFuture::from(caches.delete(&name)).await?;
        }
    }
    let navigator = w.navigator();
    if has(&navigator, "serviceWorker") {
        let registration = JsFuture::from(navigator.service_worker().get_registration()).await?;
        if let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() {
            JsFuture::from(registration.unregister()?).await?;
        }
    }
    Ok(())
}
