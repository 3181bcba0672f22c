//! The panels and controls the views are built of: charts on a canvas, class grids, the scenario
//! waterfall, the settings a number rests on. A widget may be shown on several views, in the slide
//! deck and in the report; it never imports a view.

pub mod equity_panel;
pub mod lifecycle_stages;
pub mod model_fit_panel;
pub mod model_notice;
pub mod page_notices;
pub mod pareto_curve;
pub mod plot_canvas;
pub mod portfolio_panels;
pub mod rfm_panels;
pub mod scenario_panels;
pub mod settings_line;
