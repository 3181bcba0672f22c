//! Properties of the framework classifications over data from the project's generator:
//! every customer gets exactly one class per framework, class counts add up to the customers, shares
//! add up to 1, and moving a threshold moves customers only in the expected direction.

use kezhi_engine::frameworks::class_table::ClassRow;
use kezhi_engine::table::demo_data::{generate, DemoParams};
use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::import;
use kezhi_engine::scoring::score;
use kezhi_engine::settings::Settings;
use kezhi_engine::tolerances::IDENTITY_REL;

fn table(seed: u64, customers: usize) -> kezhi_engine::table::customer_table::CustomerTable {
    let csv = generate(&DemoParams { seed, customers, ..DemoParams::default() }).to_csv();
    import(csv.as_bytes(), "demo.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("import").table
}

fn check_table(rows: &[ClassRow], n: usize, what: &str) {
    assert_eq!(rows.iter().map(|r| r.customers).sum::<u64>(), n as u64, "{what}: counts");
    let shares: f64 = rows.iter().map(|r| r.customer_share).sum();
    assert!((shares - 1.0).abs() < IDENTITY_REL, "{what}: customer shares sum to {shares}");
    let margin: f64 = rows.iter().map(|r| r.margin_share).sum();
    assert!((margin - 1.0).abs() < IDENTITY_REL, "{what}: margin shares sum to {margin}");
}

#[test]
fn every_customer_gets_one_class_and_the_tables_add_up() {
    for (seed, n) in [(1, 300), (2, 1000), (3, 2500)] {
        let t = table(seed, n);
        let s = score(&t, &Settings::default());
        let f = &s.frameworks;
        let n = t.customers.len();
        assert_eq!((f.pyramid.level.len(), f.tiers.tier.len(), f.gmcb.class.len()), (n, n, n));
        check_table(&f.pyramid.table, n, "pyramid");
        check_table(&f.tiers.table, n, "tiers");
        check_table(&f.gmcb.table, n, "gold/meteor/creek/burden");
        // The matrices take exactly their own customers: one occasion → new, two or more → veteran.
        let new_n = t.customers.iter().filter(|c| c.occasions == 1).count();
        assert_eq!(f.new_matrix.class.iter().flatten().count(), new_n);
        assert!(t.customers.iter().zip(&f.new_matrix.class).all(|(c, k)| k.is_some() == (c.occasions == 1)));
        check_table(&f.new_matrix.table, new_n, "new-customer matrix");
        let v = f.veteran.as_ref().expect("dated data");
        assert!(t.customers.iter().zip(&v.class).all(|(c, k)| k.is_some() == (c.occasions >= 2)));
        check_table(&v.table, n - new_n, "veteran matrix");
        let l = f.lifecycle.as_ref().expect("dated data");
        assert!(l.stage.iter().all(Option::is_some));
        check_table(&l.table, n, "lifecycle");
        // The stage flow counts every customer once: by its stage then (or "not yet acquired") and now.
        assert_eq!(l.flow.iter().flatten().sum::<u64>(), n as u64);
        assert!(l.cohorts.iter().all(|c| c.retention[0] == 1.0), "month 0 of a cohort is its first purchase");
        assert_eq!(l.cohorts.iter().map(|c| c.customers).sum::<u64>(), n as u64);
        check_table(&f.value_grid.table, n, "value grid");
        let g = f.growth_grid.as_ref().expect("dated data");
        check_table(&g.table, n - new_n, "growth grid");
        let c = f.clusters.as_ref().expect("clusters");
        check_table(&c.table, n, "clusters");
        assert!(c.table.iter().all(|r| r.customers > 0), "no empty cluster");
        let p = f.pareto.as_ref().expect("positive margin");
        assert!(p.top_margin_share > 0.2 && p.top_margin_share <= 1.0 && (0.0..1.0).contains(&p.gini), "{p:?}");
    }
}

#[test]
fn moving_a_threshold_moves_customers_one_way_only() {
    let t = table(4, 1500);
    let base = score(&t, &Settings::default()).frameworks;
    // A larger top level: nobody moves down the pyramid.
    let wider = Settings { pyramid_shares: [0.30, 0.20, 0.30, 0.20], ..Settings::default() };
    let moved = score(&t, &wider).frameworks;
    assert!(moved.pyramid.level.iter().zip(&base.pyramid.level).all(|(new, old)| new <= old));
    assert!(moved.pyramid.level.iter().zip(&base.pyramid.level).any(|(new, old)| new < old), "some customers move up");
    // Higher tier thresholds: nobody moves up the ladder.
    let low = Settings { tier_thresholds: Some([20.0, 50.0, 100.0, 200.0, 400.0]), ..Settings::default() };
    let high = Settings { tier_thresholds: Some([30.0, 75.0, 150.0, 300.0, 600.0]), ..Settings::default() };
    let (a, b) = (score(&t, &low).frameworks.tiers.tier, score(&t, &high).frameworks.tiers.tier);
    assert!(b.iter().zip(&a).all(|(h, l)| h <= l));
    assert!(b.iter().zip(&a).any(|(h, l)| h < l));
    // A higher bar for "fast" growth: no veteran's growth level improves, so no grade improves.
    let strict = Settings { veteran_fast_growth: 2.0, ..Settings::default() };
    let (g1, g2) = (base.veteran.as_ref().unwrap().grade.clone(), score(&t, &strict).frameworks.veteran.unwrap().grade);
    assert!(g2.iter().zip(&g1).all(|(s, b)| s >= b));
    // A higher P(alive) cut for "lost": every customer lost before is still lost, and more are.
    let lost = |s: &Settings| score(&t, s).frameworks.lifecycle.unwrap().stage;
    let strict = Settings { lifecycle: kezhi_engine::frameworks::lifecycle::StageRules { lost_p_alive: 0.3, ..Default::default() }, ..Settings::default() };
    let (before, after) = (lost(&Settings::default()), lost(&strict));
    let is_lost = |s: &Option<usize>| *s == Some(4);
    assert!(before.iter().zip(&after).all(|(b, a)| !is_lost(b) || is_lost(a)));
    assert!(after.iter().filter(|s| is_lost(s)).count() > before.iter().filter(|s| is_lost(s)).count());
    // A fixed, higher conversion cut: nobody becomes "high P".
    let cut = Settings { new_conversion_cut: Some(0.9), ..Settings::default() };
    let m = score(&t, &cut).frameworks.new_matrix;
    assert!(m.class.iter().flatten().all(|&k| k == 1 || k == 3), "with P ≤ 0.9 for all, only the low-P classes remain");
}
