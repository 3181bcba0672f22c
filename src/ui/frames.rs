//! Running work after the browser has drawn the next frame.

use leptos::prelude::window;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `f` in a task of its own once the next frame has been styled, laid out and painted: an
/// animation-frame callback runs just before that frame's rendering, and a timeout queued from it
/// runs after.
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    let later = Closure::once_into_js(f);
    let in_frame = Closure::once_into_js(move || {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
    });
    let _ = window().request_animation_frame(in_frame.unchecked_ref());
}
