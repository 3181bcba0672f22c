//! A treemap layout for the RFM view's segment map: rectangles whose areas are proportional to the
//! weights, filling the unit square. Binary splitting (split the weights, in order, where the two
//! sums are closest to equal, along the longer side, and recurse) keeps the order readable and the
//! rectangles near square for the ten-odd segments it draws; a library would be a dependency for 40
//! lines.

/// (x, y, width, height) in [0, 1]², one per weight, in the weights' order. Non-positive weights get
/// an empty rectangle.
pub fn layout(weights: &[f64]) -> Vec<(f64, f64, f64, f64)> {
    let mut out = vec![(0.0, 0.0, 0.0, 0.0); weights.len()];
    let items: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0 && weights[i].is_finite()).collect();
    split(weights, &items, (0.0, 0.0, 1.0, 1.0), &mut out);
    out
}

fn split(w: &[f64], items: &[usize], rect: (f64, f64, f64, f64), out: &mut [(f64, f64, f64, f64)]) {
    match items {
        [] => {}
        [i] => out[*i] = rect,
        _ => {
            let total: f64 = items.iter().map(|&i| w[i]).sum();
            // The cut where the left sum is closest to half.
            let (mut acc, mut cut, mut best) = (0.0, 1, f64::INFINITY);
            for (k, &i) in items.iter().enumerate().take(items.len() - 1) {
                acc += w[i];
                let gap = (acc - total / 2.0).abs();
                if gap < best {
                    best = gap;
                    cut = k + 1;
                }
            }
            let left: f64 = items[..cut].iter().map(|&i| w[i]).sum();
            let share = left / total;
            let (x, y, wd, ht) = rect;
            let (a, b) = if wd >= ht {
                ((x, y, wd * share, ht), (x + wd * share, y, wd * (1.0 - share), ht))
            } else {
                ((x, y, wd, ht * share), (x, y + ht * share, wd, ht * (1.0 - share)))
            };
            split(w, &items[..cut], a, out);
            split(w, &items[cut..], b, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_the_weights_shares_and_rectangles_tile_the_square() {
        let w = [5.0, 1.0, 0.0, 3.0, 2.0, 8.0, 1.0];
        let r = layout(&w);
        let total: f64 = w.iter().sum();
        for (k, (x, y, wd, ht)) in r.iter().enumerate() {
            assert!((wd * ht - w[k] / total).abs() < 1e-12, "{k}: {:?}", r[k]);
            assert!(*x >= 0.0 && *y >= 0.0 && x + wd <= 1.0 + 1e-12 && y + ht <= 1.0 + 1e-12);
        }
        // No two non-empty rectangles overlap.
        for a in 0..r.len() {
            for b in a + 1..r.len() {
                let (p, q) = (r[a], r[b]);
                let ox = (p.0 + p.2).min(q.0 + q.2) - p.0.max(q.0);
                let oy = (p.1 + p.3).min(q.1 + q.3) - p.1.max(q.1);
                assert!(ox <= 1e-12 || oy <= 1e-12, "{a} and {b} overlap");
            }
        }
        // Two equal weights halve the square along x.
        assert_eq!(layout(&[1.0, 1.0]), vec![(0.0, 0.0, 0.5, 1.0), (0.5, 0.0, 0.5, 1.0)]);
    }
}
