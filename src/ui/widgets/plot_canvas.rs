//! A plotters chart on a canvas, redrawn when its data, the language or the window size change, with
//! PNG and SVG export buttons (the PNG is the canvas itself; the SVG is drawn again from the same data
//! by plotters' SVG backend). Exports are Blob/data downloads: nothing leaves the page.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

use crate::ui::state::AppState;
use crate::ui::download::download_as;
use crate::charts::plot::Plot;

#[component]
pub fn PlotCanvas(
    testid: &'static str,
    /// Base of the exported file names.
    file: &'static str,
    #[prop(default = 280)] height: u32,
    #[prop(into)] plot: Signal<Option<Plot>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas: NodeRef<Canvas> = NodeRef::new();
    // The outside world: draw whenever the data, the canvas or the window width change.
    Effect::new(move |_| {
        let _ = state.viewport_width.get();
        let (Some(el), Some(p)) = (canvas.get(), plot.get()) else { return };
        el.set_width(el.client_width().max(320) as u32);
        el.set_height(height);
        let Some(backend) = CanvasBackend::with_canvas_object(el) else { return };
        if let Err(e) = p.draw(&backend.into_drawing_area()) {
            web_sys::console::warn_1(&format!("chart: {e}").into());
        }
    });
    let png = move |_| {
        let Some(el) = canvas.get_untracked() else { return };
        let Ok(url) = el.to_data_url_with_type("image/png") else { return };
        if let Some(a) = document().create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
            a.set_href(&url);
            a.set_download(&format!("{file}.png"));
            a.click();
        }
    };
    let svg = move |_| {
        let (Some(el), Some(p)) = (canvas.get_untracked(), plot.get_untracked()) else { return };
        match p.svg(el.width().max(320), height) {
            Ok(text) => download_as(&format!("{file}.svg"), &text, "image/svg+xml"),
            Err(e) => web_sys::console::warn_1(&format!("chart: {e}").into()),
        }
    };
    // The hovered category: text and the pointer's position in CSS pixels.
    let tip = RwSignal::new(None::<(String, f64, f64)>);
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let (Some(el), Some(p)) = (canvas.get_untracked(), plot.get_untracked()) else { return };
        let css = f64::from(el.client_width().max(1));
        // The drawing is in canvas pixels; the pointer in CSS pixels.
        let x = f64::from(ev.offset_x()) * f64::from(el.width()) / css;
        tip.set(p.tooltip(f64::from(el.width()), x).map(|t| (t, f64::from(ev.offset_x()), f64::from(ev.offset_y()))));
    };
    view! {
        <div class="plot">
            <canvas node_ref=canvas class="chart" data-testid=testid width="900" height=height.to_string() role="img"
                aria-label=move || state.tr("chart.canvas")
                on:mousemove=on_move on:mouseleave=move |_| tip.set(None)></canvas>
            {move || tip.get().map(|(t, x, y)| view! {
                <div class="chart-tip" data-testid="chart-tip" style=format!("left:{:.0}px;top:{:.0}px", x + 12.0, y + 12.0)>{t}</div>
            })}
            <div class="chart-tools">
                <button class="link" data-testid=format!("{testid}-png") on:click=png>"PNG"</button>
                <button class="link" data-testid=format!("{testid}-svg") on:click=svg>"SVG"</button>
            </div>
        </div>
    }
}

/// An "SVG" export button for an inline SVG figure: the `<svg>` inside `[data-testid=target]`, as it
/// is on screen (its colours are attributes, not stylesheet classes, so the file stands alone).
#[component]
pub fn SvgExport(target: &'static str, file: &'static str) -> impl IntoView {
    let export = move |_| {
        let Ok(Some(svg)) = document().query_selector(&format!("[data-testid={target}] svg")) else { return };
        download_as(&format!("{file}.svg"), &svg.outer_html(), "image/svg+xml");
    };
    view! {
        <div class="chart-tools"><button class="link" data-testid=format!("{target}-svg") on:click=export>"SVG"</button></div>
    }
}
