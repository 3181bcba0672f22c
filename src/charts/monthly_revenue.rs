//! Revenue by calendar month as bars, with the number of active customers as a line on its own scale.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::short_number;
use crate::engine::table::overview::MonthPoint;

pub struct Labels<'a> {
    pub revenue: &'a str,
    pub active: &'a str,
}

pub const BAR: RGBColor = RGBColor(0x2f, 0x6f, 0xb3);
pub const LINE: RGBColor = RGBColor(0xd9, 0x6a, 0x1e);

/// Layout in pixels (shared with the tooltip's hit test in `plot.rs`).
pub const MARGIN: u32 = 10;
pub const LEFT_AXIS: u32 = 56;
pub const RIGHT_AXIS: u32 = 56;
pub const RIGHT_TITLE_ROOM: u32 = 8;

/// Draws the chart on `root`. An empty series draws only the frame.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, points: &[MonthPoint], labels: &Labels) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let n = points.len().max(1);
    let max_rev = points.iter().map(|p| p.revenue).fold(0.0, f64::max).max(1.0) * 1.1;
    let max_active = points.iter().map(|p| p.active_customers).max().unwrap_or(0).max(1) as f64 * 1.1;
    let mut chart = ChartBuilder::on(root)
        .margin(MARGIN)
        // Room beyond the right-hand axis title: rotated CJK glyphs reach past its area.
        .margin_right(MARGIN + RIGHT_TITLE_ROOM)
        .x_label_area_size(30)
        .y_label_area_size(LEFT_AXIS)
        .right_y_label_area_size(RIGHT_AXIS)
        .build_cartesian_2d(0.0..n as f64, 0.0..max_rev)
        .map_err(err)?
        .set_secondary_coord(0.0..n as f64, 0.0..max_active);
    // About eight month labels whatever the span (every 3rd, 6th … month).
    let step = [1, 2, 3, 6, 12, 24].into_iter().find(|s| n / s <= 8).unwrap_or(48);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(BLACK.mix(0.08))
        .x_labels(n + 1)
        .x_label_formatter(&|x| {
            let i = x.floor() as usize;
            if i < points.len() && i.is_multiple_of(step) { points[i].month.clone() } else { String::new() }
        })
        .y_label_formatter(&|y| short_number(*y))
        .y_desc(labels.revenue)
        .label_style(("sans-serif", 12))
        .draw()
        .map_err(err)?;
    chart
        .configure_secondary_axes()
        // Customers are whole: with few of them the axis puts ticks at halves, left unlabelled
        // rather than rounded into repeated labels.
        .y_label_formatter(&|y| if (y - y.round()).abs() < 1e-6 { format!("{y:.0}") } else { String::new() })
        .y_desc(labels.active)
        .label_style(("sans-serif", 12))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(points.iter().enumerate().map(|(i, p)| {
            Rectangle::new([(i as f64 + 0.12, 0.0), (i as f64 + 0.88, p.revenue.max(0.0))], BAR.filled())
        }))
        .map_err(err)?;
    chart
        .draw_secondary_series(LineSeries::new(
            points.iter().enumerate().map(|(i, p)| (i as f64 + 0.5, p.active_customers as f64)),
            LINE.stroke_width(2),
        ))
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: &str, revenue: f64, active: u64) -> MonthPoint {
        MonthPoint { month: m.into(), revenue, active_customers: active }
    }

    #[test]
    fn one_bar_per_month_and_taller_bars_for_larger_revenue() {
        let points = vec![month("2024-01", 100.0, 3), month("2024-02", 300.0, 5), month("2024-03", 0.0, 0)];
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
            draw(&root, &points, &Labels { revenue: "Revenue", active: "Active" }).expect("draw");
        }
        let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", BAR.0, BAR.1, BAR.2);
        let heights: Vec<f64> = svg
            .lines()
            .filter(|l| l.contains("<rect") && l.contains(&fill))
            .filter_map(|l| l.split("height=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(heights.len(), 3, "{svg}");
        assert!(heights[1] > 2.5 * heights[0] && heights[1] < 3.5 * heights[0], "{heights:?}");
        assert!(svg.contains("2024-01") && svg.contains("Revenue"));
    }
}
