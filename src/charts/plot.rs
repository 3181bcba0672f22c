//! One value for every plotters chart the page draws, so a chart can be drawn on a canvas and, for
//! the export button, to an SVG string from the same data.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::actual_vs_model::{self, Style};
use super::monthly_revenue;
use crate::engine::table::overview::MonthPoint;

#[derive(Debug, Clone, PartialEq)]
pub enum Plot {
    /// Bars of a value per month with a count line (the monthly revenue chart, the profit curve).
    Monthly { points: Vec<MonthPoint>, bars: String, line: String },
    /// An actual series against the model's (the model checks).
    ActualVsModel {
        categories: Vec<String>,
        actual: Vec<f64>,
        model: Vec<f64>,
        style: Style,
        actual_label: String,
        model_label: String,
        y: String,
    },
}

impl Plot {
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        match self {
            Plot::Monthly { points, bars, line } => {
                monthly_revenue::draw(root, points, &monthly_revenue::Labels { revenue: bars, active: line })
            }
            Plot::ActualVsModel { categories, actual, model, style, actual_label, model_label, y } => actual_vs_model::draw(
                root,
                categories,
                actual,
                model,
                *style,
                &actual_vs_model::Labels { actual: actual_label, model: model_label, y },
            ),
        }
    }

    /// The tooltip for the pointer at `x` pixels from the left of a chart `width` pixels wide: the
    /// category under it with its values (`None` outside the plotting area).
    pub fn tooltip(&self, width: f64, x: f64) -> Option<String> {
        let num = |v: f64| if v.abs() >= 100.0 { format!("{v:.0}") } else { format!("{v:.2}") };
        match self {
            Plot::Monthly { points, bars, line } => {
                let (left, right) = (
                    f64::from(monthly_revenue::MARGIN + monthly_revenue::LEFT_AXIS),
                    width - f64::from(monthly_revenue::MARGIN + monthly_revenue::RIGHT_TITLE_ROOM + monthly_revenue::RIGHT_AXIS),
                );
                if points.is_empty() || x < left || x >= right {
                    return None;
                }
                // Category i spans [i, i + 1) of 0..n.
                let i = (((x - left) / (right - left)) * points.len() as f64) as usize;
                let p = points.get(i)?;
                Some(format!("{}: {bars} {} · {line} {}", p.month, num(p.revenue), p.active_customers))
            }
            Plot::ActualVsModel { categories, actual, model, actual_label, model_label, .. } => {
                let (left, right) =
                    (f64::from(actual_vs_model::MARGIN + actual_vs_model::LEFT_AXIS), width - f64::from(actual_vs_model::MARGIN));
                if categories.is_empty() || x < left || x >= right {
                    return None;
                }
                // Category i is centred on i of −0.5..n − 0.5.
                let i = (((x - left) / (right - left)) * categories.len() as f64) as usize;
                let (a, m) = (actual.get(i)?, model.get(i)?);
                Some(format!("{}: {actual_label} {} · {model_label} {}", categories[i], num(*a), num(*m)))
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

    /// Two categories, actual against model.
    fn two_bins() -> Plot {
        Plot::ActualVsModel {
            categories: vec!["0".into(), "1".into()],
            actual: vec![5.0, 2.0],
            model: vec![4.5, 2.5],
            style: Style::Bars,
            actual_label: "Actual".into(),
            model_label: "BG/NBD".into(),
            y: "Customers".into(),
        }
    }

    fn two_months(bars: &str, line: &str) -> Plot {
        Plot::Monthly {
            points: vec![
                MonthPoint { month: "2024-01".into(), revenue: 1234.0, active_customers: 3 },
                MonthPoint { month: "2024-02".into(), revenue: 50.0, active_customers: 2 },
            ],
            bars: bars.into(),
            line: line.into(),
        }
    }

    #[test]
    fn both_kinds_export_as_svg_with_their_labels() {
        let m = two_months("收入", "活跃客户");
        let svg = m.svg(600, 300).expect("svg");
        assert!(svg.starts_with("<svg") && svg.contains("收入") && svg.contains("<rect"), "{}", &svg[..200.min(svg.len())]);
        let a = two_bins();
        let svg = a.svg(600, 300).expect("svg");
        assert!(svg.contains("BG/NBD") && svg.contains("Customers"));
    }

    /// The hit test uses the drawing's own layout: at 600 px the actual-vs-model plot spans
    /// 66..590 px, two categories of 262 px each; the monthly chart spans 66..526 px, split at 296.
    #[test]
    fn tooltips_name_the_category_under_the_pointer() {
        let a = two_bins();
        assert_eq!(a.tooltip(600.0, 70.0).as_deref(), Some("0: Actual 5.00 · BG/NBD 4.50"));
        assert_eq!(a.tooltip(600.0, 329.0).as_deref(), Some("1: Actual 2.00 · BG/NBD 2.50"));
        assert_eq!(a.tooltip(600.0, 60.0), None);
        assert_eq!(a.tooltip(600.0, 595.0), None);
        let m = two_months("Revenue", "Active");
        assert_eq!(m.tooltip(600.0, 310.0).as_deref(), Some("2024-02: Revenue 50.00 · Active 2"));
        assert_eq!(m.tooltip(600.0, 292.0).as_deref(), Some("2024-01: Revenue 1234 · Active 3"));
        assert_eq!(m.tooltip(600.0, 300.0).as_deref(), Some("2024-02: Revenue 50.00 · Active 2"));
        assert_eq!(m.tooltip(600.0, 100.0).as_deref(), Some("2024-01: Revenue 1234 · Active 3"));
        assert_eq!(m.tooltip(600.0, 530.0), None);
    }
}
