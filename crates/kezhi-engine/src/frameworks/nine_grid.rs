//! The nine-grid 九宫格 (docs/methods.md §3d, seed 004's bank value system): two 3 × 3 grids.
//! - Value grid: total margin × margin efficiency (margin ÷ revenue), each cut into terciles.
//! - Growth grid: growth of the customer's spend × growth of its purchase frequency (the data carry no
//!   column for the customer's own size, the seed's second axis, so frequency growth stands in), each
//!   latest period against the one before (`period_months`, as for the lifecycle), cut into terciles.
//!
//! Terciles by rank with ties kept together (a third of the customers each; equal values share a
//! level). Cell (row, column) = (first axis level, second axis level), 0 = low … 2 = high.
//! Each cell carries a strategy from a mapping (a setting); the default by the sum of the two levels:
//! ≥ 3 持续投入 keep investing (the top-right three cells), 2 深度挖潜 deepen, 1 调整优化 adjust,
//! 0 策略退出 managed exit (bottom-left).
//! Each cell's profile 长相 is the mean of its key indicators; the "path up" from a cell lists the
//! indicators by how far the cell above (first axis one level higher; in the top row, the next column)
//! is from it, largest relative gap first.

use serde::{Deserialize, Serialize};

use crate::frameworks::class_table::{aggregate, levels_by_share, value_ranges, ClassRow, LevelCuts};
use crate::lang::Lang;
use crate::texts::Text;

pub const STRATEGIES: [&str; 4] = ["keep_investing", "deepen", "adjust", "managed_exit"];
pub const INDICATORS: [&str; 4] = ["orders_per_month", "categories", "margin_rate", "p_alive"];

pub use crate::settings::DEFAULT_STRATEGY;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellProfile {
    pub customers: u64,
    /// Mean of each of `INDICATORS` over the cell (`None` when no customer has it).
    pub means: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// Per customer: cell index row · 3 + column, `None` where an axis is missing.
    pub cell: Vec<Option<usize>>,
    /// Nine rows, cells "r0c0" … "r2c2".
    pub table: Vec<ClassRow>,
    pub strategy: [[usize; 3]; 3],
    pub profiles: Vec<CellProfile>,
    /// Per axis, the values each tercile (low, middle, high) ended up holding: the cut points.
    pub ranges: [Vec<Option<(f64, f64)>>; 2],
}

pub const CELLS: [&str; 9] = ["r0c0", "r0c1", "r0c2", "r1c0", "r1c1", "r1c2", "r2c0", "r2c1", "r2c2"];

/// Terciles of the values that are present; `None` stays `None`.
fn terciles(values: &[Option<f64>]) -> Vec<Option<usize>> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    // levels_by_share counts from the top: level 0 = highest third → tercile 2.
    let mut levels = levels_by_share(&present, &[1.0, 1.0, 1.0]).into_iter().map(|l| 2 - l);
    values.iter().map(|v| v.map(|_| levels.next().unwrap_or(0))).collect()
}

/// Terciles at another population's lowest value of each (low first); NaN or below all: low.
fn at_cuts(values: &[Option<f64>], cuts: &LevelCuts) -> Vec<Option<usize>> {
    values.iter().map(|v| v.map(|v| cuts.level(v).unwrap_or(0).min(2))).collect()
}

/// `indicators[k][i]` = indicator k of customer i. Terciles of these customers, or at `given` cut
/// values per axis (another population's).
pub fn build(first: &[Option<f64>], second: &[Option<f64>], margin: &[f64], indicators: &[Vec<Option<f64>>], strategy: [[usize; 3]; 3], given: Option<&[LevelCuts; 2]>) -> Grid {
    let (a, b) = match given {
        Some([x, y]) => (at_cuts(first, x), at_cuts(second, y)),
        None => (terciles(first), terciles(second)),
    };
    let cell: Vec<Option<usize>> = a.iter().zip(&b).map(|(a, b)| Some((*a)? * 3 + (*b)?)).collect();
    // One pass over the customers: per cell, customers, and per indicator the sum and count of the
    // present values, added in index order from −0.0 as `Iterator::sum` adds (so the means are those
    // of a pass per cell to the bit).
    let mut customers = [0u64; 9];
    let mut sums = vec![[(-0.0f64, 0usize); 9]; indicators.len()];
    for (i, c) in cell.iter().enumerate() {
        let Some(c) = *c else { continue };
        customers[c] += 1;
        for (ind, s) in indicators.iter().zip(sums.iter_mut()) {
            if let Some(v) = ind[i] {
                s[c].0 += v;
                s[c].1 += 1;
            }
        }
    }
    let profiles = (0..9)
        .map(|c| CellProfile {
            customers: customers[c],
            means: sums.iter().map(|s| (s[c].1 > 0).then(|| s[c].0 / s[c].1 as f64)).collect(),
        })
        .collect();
    let range = |levels: &[Option<usize>], values: &[Option<f64>]| {
        let present: Vec<f64> = values.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        let levels: Vec<Option<usize>> = levels.iter().zip(values).map(|(l, v)| v.and(*l)).collect();
        value_ranges(3, &levels, &present)
    };
    let ranges = [range(&a, first), range(&b, second)];
    Grid { table: aggregate(&CELLS, &cell, margin), cell, strategy, profiles, ranges }
}

/// The cell "above" `cell`: first axis one level higher; in the top row, the next column; `None` at
/// the top-right corner.
pub fn above(cell: usize) -> Option<usize> {
    let (r, c) = (cell / 3, cell % 3);
    if r < 2 {
        Some((r + 1) * 3 + c)
    } else if c < 2 {
        Some(r * 3 + c + 1)
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub indicator: String,
    pub here: f64,
    pub above: f64,
    /// (above − here) / |here| (or the plain difference when here is 0).
    pub gap: f64,
}

/// The indicators that differ most between `cell` and the cell above it, largest relative gap first.
pub fn path_up(grid: &Grid, cell: usize) -> Vec<Step> {
    let Some(up) = above(cell) else { return Vec::new() };
    let mut steps: Vec<Step> = INDICATORS
        .iter()
        .enumerate()
        .filter_map(|(k, name)| {
            let (here, above) = (grid.profiles[cell].means.get(k).copied().flatten()?, grid.profiles[up].means.get(k).copied().flatten()?);
            let gap = if here != 0.0 { (above - here) / here.abs() } else { above - here };
            Some(Step { indicator: (*name).into(), here, above, gap })
        })
        .collect();
    steps.sort_by(|a, b| b.gap.abs().total_cmp(&a.gap.abs()));
    steps
}

pub fn strategy_of(grid: &Grid, cell: usize) -> &'static str {
    STRATEGIES[grid.strategy[cell / 3][cell % 3].min(3)]
}

pub fn label(cell: usize, lang: Lang) -> String {
    const LEVELS: [Text; 3] = [Text::GridLow, Text::GridMid, Text::GridHigh];
    let (r, c) = (cell / 3, cell % 3);
    format!("{}-{}", LEVELS[r].get(lang), LEVELS[c].get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells' profiles from one pass equal, to the bit, the plain definition: per cell, its
    /// members, and per indicator the mean of their present values (`Iterator::sum` / count), on
    /// random axes and indicators with missing values, ±0 and ties.
    #[test]
    fn profiles_equal_the_mean_of_each_cells_members() {
        use proptest::prelude::*;
        let value = prop_oneof![Just(None), Just(Some(-0.0)), Just(Some(0.0)), (-5i32..5).prop_map(|v| Some(f64::from(v) / 3.0))];
        let customers = proptest::collection::vec((value.clone(), value.clone(), value.clone(), value), 0..80);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
        runner
            .run(&customers, |rows| {
                let (a, b): (Vec<_>, Vec<_>) = rows.iter().map(|r| (r.0, r.1)).unzip();
                let indicators = vec![rows.iter().map(|r| r.2).collect::<Vec<_>>(), rows.iter().map(|r| r.3).collect()];
                let grid = build(&a, &b, &vec![1.0; rows.len()], &indicators, [[0; 3]; 3], None);
                for c in 0..9 {
                    let members: Vec<usize> = (0..rows.len()).filter(|&i| grid.cell[i] == Some(c)).collect();
                    prop_assert_eq!(grid.profiles[c].customers, members.len() as u64);
                    for (k, ind) in indicators.iter().enumerate() {
                        let vals: Vec<f64> = members.iter().filter_map(|&i| ind[i]).collect();
                        let want = (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64);
                        prop_assert_eq!(grid.profiles[c].means[k].map(f64::to_bits), want.map(f64::to_bits));
                    }
                }
                Ok(())
            })
            .unwrap();
    }

    /// Nine customers, one per cell by construction: first axis 1, 2, 3 (low … high) crossed with the
    /// second 10, 20, 30. Indicators equal the row number, so the path up from any row-0 cell shows a
    /// gap of +100% (1 → 2).
    #[test]
    fn one_customer_per_cell_and_the_path_up() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for r in 0..3 {
            for c in 0..3 {
                a.push(Some(f64::from(r + 1)));
                b.push(Some(f64::from(10 * (c + 1))));
            }
        }
        let ind = vec![a.clone()];
        let g = build(&a, &b, &[1.0; 9], &ind, DEFAULT_STRATEGY, None);
        assert_eq!(g.cell, (0..9).map(Some).collect::<Vec<_>>());
        assert!(g.table.iter().all(|r| r.customers == 1));
        assert_eq!(strategy_of(&g, 8), "keep_investing");
        assert_eq!(strategy_of(&g, 0), "managed_exit");
        assert_eq!(strategy_of(&g, 4), "deepen");
        assert_eq!(strategy_of(&g, 1), "adjust");
        let p = path_up(&g, 1);
        assert_eq!((p[0].here, p[0].above, p[0].gap), (1.0, 2.0, 1.0));
        assert_eq!(above(7), Some(8));
        assert_eq!(above(8), None);
    }

    /// Terciles with ties: six customers 1, 1, 2, 2, 3, 3 split evenly; a missing axis leaves the
    /// customer out of the grid.
    #[test]
    fn terciles_keep_ties_and_skip_missing_values() {
        let t = terciles(&[Some(1.0), Some(3.0), Some(2.0), None, Some(1.0), Some(2.0), Some(3.0)]);
        assert_eq!(t, vec![Some(0), Some(2), Some(1), None, Some(0), Some(1), Some(2)]);
    }
}
