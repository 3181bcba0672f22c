//! An actual series against the model's expectation over the same categories (docs/methods.md §2d): as
//! paired bars (the repeat-purchase histogram) or as two lines (calibration/holdout by frequency,
//! cumulative repeat purchases over time). Actual in the bar colour, the model in the line colour.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::monthly_revenue::{BAR, LINE};
use super::short_number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Bars,
    Lines,
}

pub struct Labels<'a> {
    pub actual: &'a str,
    pub model: &'a str,
    pub y: &'a str,
}

/// Layout in pixels (shared with the tooltip's hit test in `plot.rs`).
pub const MARGIN: u32 = 10;
pub const LEFT_AXIS: u32 = 56;

/// Draws `actual` and `model` over `categories` on `root`; at most about ten category labels are
/// written. An empty series draws only the frame.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, categories: &[String], actual: &[f64], model: &[f64], style: Style, labels: &Labels) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let n = categories.len().max(1);
    let top = actual.iter().chain(model).copied().filter(|v| v.is_finite()).fold(0.0, f64::max).max(1e-9) * 1.1;
    let mut chart = ChartBuilder::on(root)
        .margin(MARGIN)
        .x_label_area_size(30)
        .y_label_area_size(LEFT_AXIS)
        // Category i is centred on x = i.
        .build_cartesian_2d(-0.5..n as f64 - 0.5, 0.0..top)
        .map_err(err)?;
    let step = n.div_ceil(10).max(1);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(BLACK.mix(0.08))
        .x_labels(n + 1)
        .x_label_formatter(&|x| {
            let i = x.round();
            let k = i as usize;
            if (x - i).abs() < 1e-9 && i >= 0.0 && k < categories.len() && k.is_multiple_of(step) { categories[k].clone() } else { String::new() }
        })
        .y_label_formatter(&|y| short_number(*y))
        .y_desc(labels.y)
        .label_style(("sans-serif", 12))
        .draw()
        .map_err(err)?;
    let at = |i: usize| i as f64;
    match style {
        Style::Bars => {
            chart
                .draw_series(actual.iter().enumerate().map(|(i, v)| Rectangle::new([(i as f64 - 0.4, 0.0), (i as f64, v.max(0.0))], BAR.filled())))
                .map_err(err)?
                .label(labels.actual)
                .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BAR.filled()));
            chart
                .draw_series(model.iter().enumerate().map(|(i, v)| Rectangle::new([(i as f64, 0.0), (i as f64 + 0.4, v.max(0.0))], LINE.filled())))
                .map_err(err)?
                .label(labels.model)
                .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], LINE.filled()));
        }
        Style::Lines => {
            chart
                .draw_series(LineSeries::new(actual.iter().enumerate().map(|(i, v)| (at(i), *v)), BAR.stroke_width(2)))
                .map_err(err)?
                .label(labels.actual)
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], BAR.stroke_width(2)));
            chart
                .draw_series(LineSeries::new(model.iter().enumerate().map(|(i, v)| (at(i), *v)), LINE.stroke_width(2)))
                .map_err(err)?
                .label(labels.model)
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], LINE.stroke_width(2)));
        }
    }
    chart
        .configure_series_labels()
        // Lines rise to the right (cumulative, and with frequency): keep the legend out of their way.
        .position(if style == Style::Lines { SeriesLabelPosition::UpperLeft } else { SeriesLabelPosition::UpperRight })
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.2))
        .label_font(("sans-serif", 12))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drawn to SVG natively: both series and the legend are there.
    #[test]
    fn both_series_and_the_legend_are_drawn() {
        for style in [Style::Bars, Style::Lines] {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (600, 300)).into_drawing_area();
                let cats: Vec<String> = (0..8).map(|k| k.to_string()).collect();
                let labels = Labels { actual: "Actual", model: "BG/NBD", y: "Customers" };
                draw(&root, &cats, &[10.0, 5.0, 3.0, 2.0, 1.0, 1.0, 0.0, 2.0], &[9.5, 5.5, 3.1, 1.8, 1.2, 0.8, 0.5, 1.9], style, &labels).unwrap();
            }
            assert!(svg.contains("Actual") && svg.contains("BG/NBD"), "{style:?}");
            let (bar, line) = ("#2F6FB3", "#D96A1E");
            assert!(svg.to_uppercase().contains(bar) && svg.to_uppercase().contains(line), "{style:?}: both colours drawn");
        }
    }
}
