//! The second worker: runs the Pareto/NBD comparison and the model checks of each [`FitsJob`] the main
//! worker sends on their channel, and answers on it ([`FitsDone`]). It holds nothing between jobs and
//! never talks to the page; an error here reaches the page as the worker's error event, which the
//! page passes on as `Request::ChecksFailed`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, MessagePort};

use crate::protocol::{self, FitsJob};

/// Listens on `port` for jobs.
pub fn start(port: MessagePort) {
    let answer_on = port.clone();
    let on_job = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let bytes = ev.data().dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        let Ok(job) = protocol::decode::<FitsJob>(&bytes) else {
            // Answered with bytes that are no `FitsDone`: the main worker ends the wait as failed.
            let _ = answer_on.post_message(&js_sys::Uint8Array::new_with_length(0));
            return;
        };
        let done = job.run(&super::now_ms);
        let bytes = js_sys::Uint8Array::from(protocol::encode(&done).as_slice());
        let _ = answer_on.post_message_with_transferable(&bytes, &js_sys::Array::of1(&bytes.buffer()));
    });
    port.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    on_job.forget();
}
