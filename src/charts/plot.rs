//! One value for every plotters chart the page draws, so a chart can be drawn on a canvas and, for
//! the export button, to an SVG string from the same data.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::actual_vs_model::{self, Style};
use super::monthly_revenue;
use crate::engine::overview::MonthPoint;

#[derive(Debug, Clone, PartialEq)]
pub enum Plot {
    /// Bars of a value per month with a count line (the monthly revenue chart, the profit curve).
    Monthly { points: Vec<MonthPoint>, bars: String, line: String },
    /// An actual series against the model's (the model checks).
    ActualVsModel { categories: Vec<String>, actual: Vec<f64>, model: Vec<f64>, style: Style, actual_label: String, model_label: String, y: String },
}

impl Plot {
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        match self {
            Plot::Monthly { points, bars, line } => monthly_revenue::draw(root, points, &monthly_revenue::Labels { revenue: bars, active: line }),
            Plot::ActualVsModel { categories, actual, model, style, actual_label, model_label, y } => {
                actual_vs_model::draw(root, categories, actual, model, *style, &actual_vs_model::Labels { actual: actual_label, model: model_label, y })
            }
        }
    }

    /// The chart as an SVG document of `width` × `height` pixels.
    pub fn svg(&self, width: u32, height: u32) -> Result<String, String> {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
            self.draw(&root)?;
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_export_as_svg_with_their_labels() {
        let m = Plot::Monthly {
            points: vec![MonthPoint { month: "2024-01".into(), revenue: 100.0, active_customers: 3 }, MonthPoint { month: "2024-02".into(), revenue: 50.0, active_customers: 2 }],
            bars: "收入".into(),
            line: "活跃客户".into(),
        };
        let svg = m.svg(600, 300).expect("svg");
        assert!(svg.starts_with("<svg") && svg.contains("收入") && svg.contains("<rect"), "{}", &svg[..200.min(svg.len())]);
        let a = Plot::ActualVsModel {
            categories: vec!["0".into(), "1".into()],
            actual: vec![5.0, 2.0],
            model: vec![4.5, 2.5],
            style: Style::Bars,
            actual_label: "Actual".into(),
            model_label: "BG/NBD".into(),
            y: "Customers".into(),
        };
        let svg = a.svg(600, 300).expect("svg");
        assert!(svg.contains("BG/NBD") && svg.contains("Customers"));
    }
}
